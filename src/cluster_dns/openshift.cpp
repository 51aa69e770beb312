// OpenShift: the DNS operator renders the Corefile (ConfigMap openshift-dns/dns-default) from
// dnses.operator.openshift.io/default and puts back any edit to it. The zones go there, as a
// `spec.servers` entry named "meshdns" with forwardPlugin upstreams.

#include "cluster_dns/objects.hpp"
#include "cluster_dns/steps.hpp"

#include <meshdns/cluster_dns/roles.hpp>
#include <meshdns/manifest/json_fields.hpp>
#include <meshdns/manifest/yaml_json.hpp>
#include <meshdns/text.hpp>

#include <algorithm>

namespace meshdns::cluster_dns {

namespace {

constexpr std::string_view k_server = "meshdns";

std::string servers_text(const nlohmann::json& spec) {
  if (!spec.contains("servers")) {
    return {};
  }
  return manifest::to_yaml(nlohmann::json{{"servers", spec["servers"]}});
}

}  // namespace

Result<void> plan_openshift(const Context& context, Plan& plan) {
  const WatchedObject& holder = watched(role::openshift_dns);
  const nlohmann::json& dns = *context.snapshot.find(role::openshift_dns);
  Result<std::vector<std::string>> zones = normalized_zones(context.options);
  if (!zones) {
    return std::move(zones).error();
  }
  const bool patching = context.options.action == Action::patch;
  if (patching && !corefile::is_valid_upstream(context.upstream)) {
    return fail(Errc::usage, cat("'", context.upstream, "' is not an upstream address"),
                "the DNS operator's forwardPlugin upstreams are IP addresses with an optional port",
                "pass an address such as --upstream 10.96.0.60");
  }
  nlohmann::json after = updated_object(dns);
  nlohmann::json& spec = after["spec"];
  if (!spec.is_object()) {
    spec = nlohmann::json::object();
  }
  const nlohmann::json before_spec = spec;
  nlohmann::json servers = spec.value("servers", nlohmann::json::array());
  if (!servers.is_array()) {
    return fail(Errc::refused, "dnses.operator.openshift.io/default: spec.servers is not a list",
                "the DNS operator would not accept it either", "repair spec.servers");
  }
  auto ours = std::find_if(servers.begin(), servers.end(), [](const nlohmann::json& server) {
    return manifest::string_field(server, "name") == k_server;
  });
  if (patching) {
    nlohmann::json server = ours == servers.end() ? nlohmann::json{{"name", k_server}} : *ours;
    nlohmann::json listed = server.value("zones", nlohmann::json::array());
    for (const std::string& zone : *zones) {
      if (std::find(listed.begin(), listed.end(), zone) == listed.end()) {
        listed.push_back(zone);
      }
    }
    server["zones"] = listed;
    server["forwardPlugin"]["upstreams"] = nlohmann::json::array({context.upstream});
    if (ours == servers.end()) {
      servers.push_back(server);
    } else {
      *ours = server;
    }
  } else if (ours != servers.end()) {
    nlohmann::json listed = ours->value("zones", nlohmann::json::array());
    for (const std::string& zone : *zones) {
      listed.erase(std::remove(listed.begin(), listed.end(), zone), listed.end());
    }
    if (listed.empty()) {
      servers.erase(ours);
    } else {
      (*ours)["zones"] = listed;
    }
  }
  if (servers.empty()) {
    spec.erase("servers");
  } else {
    spec["servers"] = servers;
  }
  const std::string label = "dnses.operator.openshift.io/default spec.servers (DNS operator)";
  plan.notes.push_back(cat("OpenShift's DNS operator owns the Corefile: the zones go to ",
                           "dnses.operator.openshift.io/default spec.servers, entry \"", k_server,
                           "\""));
  if (spec == before_spec) {
    plan.notes.push_back(
        patching ? cat(label, ": already forwards ", zone_list(*zones), " to ", context.upstream,
                       "; nothing to write")
                 : cat(label, ": no entry of ours for ", zone_list(*zones), "; nothing to write"));
    return {};
  }
  Write write;
  write.ref = holder.ref;
  write.before = dns;
  write.after = std::move(after);
  write.label = label;
  write.before_text = servers_text(before_spec);
  write.after_text = servers_text(write.after["spec"]);
  plan.notes.push_back(cat(label,
                           ": the operator rewrites ConfigMap openshift-dns/dns-default within "
                           "seconds, and CoreDNS reloads it on its own"));
  plan.writes.push_back(std::move(write));
  return {};
}

}  // namespace meshdns::cluster_dns
