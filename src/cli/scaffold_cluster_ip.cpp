#include "cli/scaffold_cluster_ip.hpp"

#include <meshdns/kube/requests.hpp>
#include <meshdns/kube/rest_client.hpp>
#include <meshdns/text.hpp>

#include <nlohmann/json.hpp>

#include <utility>

namespace meshdns::cli {
namespace {

constexpr const char* k_probe_name = "kubectl-meshdns-range-probe";
constexpr const char* k_range_fix =
    "give --service-cidr RANGE, or --cluster-ip with a free address";

kube::ResourceRef services(const std::string& namespace_name) {
  return {"", "v1", "services", namespace_name, ""};
}

// The range from kube-apiserver's refusal of a dry-run Service at 192.0.2.1: it stores nothing and
// needs only the right to create Services in the namespace, not to read the cluster's settings.
Result<manifest::Ipv4Range> ask_service_range(kube::RestClient& client,
                                              const std::string& namespace_name) {
  const nlohmann::json probe = {
      {"apiVersion", "v1"},
      {"kind", "Service"},
      {"metadata", {{"name", k_probe_name}}},
      {"spec", {{"clusterIP", manifest::k_out_of_range_probe_ip}, {"ports", {{{"port", 80}}}}}}};
  Result<nlohmann::json> created =
      client.create(kube::resource_path(services(namespace_name)), probe, kube::DryRun::yes);
  if (created) {
    return fail(Errc::server, "cannot find the cluster's Service IP range",
                cat("the API server accepted the cluster IP ", manifest::k_out_of_range_probe_ip,
                    " in a dry run"),
                k_range_fix);
  }
  if (auto range = manifest::range_from_rejection(created.error().what)) {
    return *range;
  }
  return fail(created.error().code, "cannot find the cluster's Service IP range",
              created.error().what, k_range_fix);
}

Result<manifest::Ipv4Range> service_range(kube::RestClient* client, const std::string& service_cidr,
                                          const std::string& namespace_name) {
  if (!service_cidr.empty()) {
    return manifest::parse_ipv4_range(service_cidr, "--service-cidr");
  }
  if (client == nullptr) {
    return manifest::parse_ipv4_range(k_default_service_cidr, "--service-cidr");
  }
  Result<manifest::Ipv4Range> range = ask_service_range(*client, namespace_name);
  // The namespace may not exist yet (a dry run of a new workload): any namespace answers.
  if (!range && range.error().code == Errc::not_found && namespace_name != "default") {
    return ask_service_range(*client, "default");
  }
  return range;
}

void add_cluster_ips(const nlohmann::json& service, std::set<std::string>& taken) {
  const auto spec = service.find("spec");
  if (spec == service.end() || !spec->is_object()) {
    return;
  }
  if (const auto ips = spec->find("clusterIPs"); ips != spec->end() && ips->is_array()) {
    for (const auto& ip : *ips) {
      if (ip.is_string()) {
        taken.insert(ip.get<std::string>());
      }
    }
  }
  if (const auto ip = spec->find("clusterIP"); ip != spec->end() && ip->is_string()) {
    taken.insert(ip->get<std::string>());
  }
}

// Every Service the user may list: the whole cluster, else (403) the namespace alone; what cannot
// be seen is caught by the API server's "already allocated" and a retry.
Result<std::set<std::string>> taken_addresses(ObjectSource& source,
                                              const std::string& namespace_name) {
  Result<std::vector<nlohmann::json>> listed = source.list(services(""));
  if (!listed && listed.error().code == Errc::unauthorized) {
    listed = source.list(services(namespace_name));
  }
  if (!listed) {
    return std::move(listed).error();
  }
  std::set<std::string> taken;
  for (const auto& service : *listed) {
    add_cluster_ips(service, taken);
  }
  return taken;
}

}  // namespace

Result<ClusterIpPicker> ClusterIpPicker::open(ObjectSource& source, kube::RestClient* client,
                                              const std::string& service_cidr,
                                              const std::string& namespace_name,
                                              const std::string& service_name) {
  ClusterIpPicker picker;
  kube::ResourceRef existing_ref = services(namespace_name);
  existing_ref.name = service_name;
  Result<std::optional<nlohmann::json>> existing = source.get(existing_ref);
  if (!existing) {
    return std::move(existing).error();
  }
  if (*existing) {
    const std::string ip = (**existing)["spec"].value("clusterIP", "");
    if (!ip.empty() && ip != "None") {
      picker.m_address = ip;
      return picker;
    }
  }
  Result<manifest::Ipv4Range> range = service_range(client, service_cidr, namespace_name);
  if (!range) {
    return std::move(range).error();
  }
  picker.m_range = *range;
  picker.m_have_range = true;
  Result<std::set<std::string>> taken = taken_addresses(source, namespace_name);
  if (!taken) {
    return std::move(taken).error();
  }
  picker.m_taken = std::move(*taken);
  Result<std::string> address = manifest::pick_free_address(picker.m_range, picker.m_taken);
  if (!address) {
    return std::move(address).error();
  }
  picker.m_address = std::move(*address);
  return picker;
}

Result<std::string> ClusterIpPicker::next() {
  if (!m_have_range) {
    return fail(Errc::conflict, cat("the cluster IP ", m_address, " is taken"),
                "the existing Service keeps its address",
                "delete the Service, or give --cluster-ip a free address");
  }
  m_taken.insert(m_address);
  Result<std::string> address = manifest::pick_free_address(m_range, m_taken);
  if (!address) {
    return std::move(address).error();
  }
  m_address = std::move(*address);
  return m_address;
}

}  // namespace meshdns::cli
