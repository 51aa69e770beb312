// GKE with kube-dns (no CoreDNS): kube-dns forwards a domain to the servers listed for it in the
// `stubDomains` JSON of ConfigMap kube-system/kube-dns ({"internal": ["10.96.0.60"]}). The zones
// are merged into what is there; members are added and removed as text, so unpatch gives back the
// exact bytes patch started from.

#include "cluster_dns/objects.hpp"
#include "cluster_dns/steps.hpp"

#include <meshdns/cluster_dns/roles.hpp>
#include <meshdns/json_depth.hpp>
#include <meshdns/text.hpp>

namespace meshdns::cluster_dns {

namespace {

constexpr std::string_view k_stub_domains_key = "stubDomains";

// `"zone":["ip"]` as patch writes it (compact, like the examples in the kube-dns docs).
std::string member_text(const std::string& zone, const nlohmann::json& servers) {
  return cat(nlohmann::json(zone).dump(), ":", servers.dump());
}

std::string with_member(const std::string& text, const nlohmann::json& parsed,
                        const std::string& member) {
  if (trim(text).empty()) {
    return cat("{", member, "}");
  }
  const std::size_t close = text.rfind('}');
  return cat(text.substr(0, close), parsed.empty() ? "" : ",", member, text.substr(close));
}

// The text without the member, removed in the form with_member() wrote it; other forms make the
// whole object re-rendered (compact), since only its meaning can be kept then.
std::string without_member(const std::string& text, const nlohmann::json& remaining,
                           const std::string& member) {
  if (text == cat("{", member, "}") && remaining.empty()) {
    return {};
  }
  if (const std::size_t at = text.find(cat(",", member)); at != std::string::npos) {
    return cat(text.substr(0, at), text.substr(at + member.size() + 1));
  }
  if (const std::size_t at = text.find(cat(member, ",")); at != std::string::npos) {
    return cat(text.substr(0, at), text.substr(at + member.size() + 1));
  }
  return remaining.dump();
}

}  // namespace

Result<void> plan_stub_domains(const Context& context, Plan& plan) {
  const WatchedObject& holder = watched(role::gke_kube_dns_configmap);
  const nlohmann::json* existing = context.snapshot.find(role::gke_kube_dns_configmap);
  Result<std::vector<std::string>> zones = normalized_zones(context.options);
  if (!zones) {
    return std::move(zones).error();
  }
  const bool patching = context.options.action == Action::patch;
  if (patching && !corefile::is_valid_upstream(context.upstream)) {
    return fail(Errc::usage, cat("'", context.upstream, "' is not an upstream address"),
                "kube-dns stubDomains list IP addresses, with an optional port",
                "pass an address such as --upstream 10.96.0.60");
  }
  const std::optional<std::string> before =
      existing == nullptr ? std::nullopt : data_value(*existing, k_stub_domains_key);
  std::string text = before.value_or("");
  nlohmann::json parsed = trim(text).empty() ? nlohmann::json::object()
                          : json_nesting_depth(text) > k_max_json_depth
                              ? nlohmann::json()
                              : nlohmann::json::parse(text, nullptr, false);
  if (!parsed.is_object()) {
    return fail(Errc::refused, "ConfigMap kube-system/kube-dns: stubDomains is not a JSON object",
                "kube-dns ignores a stubDomains value it cannot read, and so would the zones",
                "repair it, e.g. {\"internal\": [\"10.96.0.60\"]}");
  }
  const nlohmann::json servers = nlohmann::json::array({context.upstream});
  for (const std::string& zone : *zones) {
    const std::string member = member_text(zone, patching ? servers : parsed.value(zone, servers));
    if (patching) {
      if (parsed.contains(zone) && parsed[zone] == servers) {
        continue;
      }
      if (parsed.contains(zone)) {
        parsed[zone] = servers;
        text = parsed.dump();
      } else {
        text = with_member(text, parsed, member);
        parsed[zone] = servers;
      }
    } else if (parsed.contains(zone)) {
      parsed.erase(zone);
      text = without_member(text, parsed, member);
    }
  }
  const std::string label = "kube-system/kube-dns stubDomains (kube-dns)";
  const std::string listed = zone_list(*zones);
  plan.notes.push_back(
      "GKE kube-dns has no Corefile: the zones go to stubDomains in ConfigMap "
      "kube-system/kube-dns");
  if (text == before.value_or("")) {
    plan.notes.push_back(patching ? cat(label, ": already sends ", listed, " to ", context.upstream,
                                        "; nothing to write")
                                  : cat(label, ": no entry for ", listed, "; nothing to write"));
    return {};
  }
  Write write;
  write.ref = holder.ref;
  if (existing != nullptr) {
    write.before = *existing;
    write.after = updated_object(*existing);
  } else {
    write.after = new_config_map(holder.ref);
    write.after["metadata"]["labels"] = {{"addonmanager.kubernetes.io/mode", "EnsureExists"}};
    plan.notes.push_back("kube-system/kube-dns has no ConfigMap yet: it is created");
  }
  if (text.empty()) {
    write.after["data"].erase(std::string(k_stub_domains_key));
    if (write.after["data"].empty()) {
      write.after.erase("data");  // as the server shows a ConfigMap without data (omitempty)
    }
  } else {
    write.after["data"][std::string(k_stub_domains_key)] = text;
  }
  write.label = label;
  write.before_text = before.value_or("");
  write.after_text = text;
  plan.notes.push_back(cat(label,
                           ": kube-dns reads the change without a restart, once the kubelet has "
                           "synced the ConfigMap (about a minute)"));
  plan.writes.push_back(std::move(write));
  return {};
}

}  // namespace meshdns::cluster_dns
