#include "cluster_dns/objects.hpp"

#include <meshdns/cluster_dns/coredns_release.hpp>
#include <meshdns/cluster_dns/roles.hpp>
#include <meshdns/text.hpp>

#include <array>
#include <utility>

namespace meshdns::cluster_dns {
namespace {

// node-cache embeds CoreDNS (1.6.7 and later since node-cache 1.15.x, per k8s.io/dns's go.mod);
// its image tag is node-cache's own release, so lint uses the oldest of those releases. Every
// plugin a NodeLocal Corefile uses (errors, cache, bind, forward, reload, loop, prometheus, health,
// log) is in all of them.
constexpr corefile::Version k_node_cache_coredns{1, 6, 7};

// The ConfigMap -> the workload whose pods load it. coredns-custom is mounted by the kube-system
// coredns Deployment (k3s, AKS) and read by the same CoreDNS as the main Corefile.
constexpr std::array<std::pair<std::string_view, std::string_view>, 5> k_loaders{{
    {role::kube_dns_configmap, role::kube_dns_deployment},
    {role::coredns_custom_configmap, role::kube_dns_deployment},
    {role::rke2_configmap, role::rke2_deployment},
    {role::istiocoredns_configmap, role::istiocoredns_deployment},
    {role::node_local_configmap, role::node_local_daemonset},
}};

std::string node_cache_release(const nlohmann::json* daemonset) {
  const std::string image =
      daemonset == nullptr ? std::string() : container_image(*daemonset, "node-cache");
  const std::size_t colon = image.rfind(':');
  if (colon == std::string::npos || image.find('/', colon) != std::string::npos) {
    return "node-cache";
  }
  return cat("node-cache ", image.substr(colon + 1));
}

}  // namespace

std::optional<kube::ResourceRef> coredns_workload_of(const kube::ResourceRef& config_map) {
  for (const auto& [configmap_role, workload_role] : k_loaders) {
    const kube::ResourceRef& ref = watched(configmap_role).ref;
    if (ref.resource == config_map.resource && ref.namespace_name == config_map.namespace_name &&
        ref.name == config_map.name) {
      return watched(workload_role).ref;
    }
  }
  return std::nullopt;
}

Result<CorednsRelease> coredns_release(const Snapshot& snapshot, std::string_view configmap_role,
                                       const std::optional<corefile::Version>& override) {
  std::string_view workload_role;
  for (const auto& [configmap, workload] : k_loaders) {
    workload_role = configmap == configmap_role ? workload : workload_role;
  }
  const std::string configmap_name = object_name(watched(configmap_role).ref);
  if (workload_role.empty()) {
    return fail(Errc::not_found, cat("no CoreDNS loads ", configmap_name));
  }
  const nlohmann::json* workload = snapshot.find(workload_role);
  if (workload_role == role::node_local_daemonset) {
    return CorednsRelease{override.value_or(k_node_cache_coredns), node_cache_release(workload)};
  }
  if (override) {
    return CorednsRelease{*override, ""};
  }
  const std::string image = workload == nullptr ? std::string() : coredns_image(*workload);
  if (image.empty()) {
    return fail(Errc::config, cat("cannot tell which CoreDNS version loads ", configmap_name),
                cat("deployment ", object_name(watched(workload_role).ref),
                    workload == nullptr ? " was not found" : " has no containers"),
                "pass --coredns-version, e.g. --coredns-version 1.6.2");
  }
  Result<corefile::Version> version = corefile::version_from_image(image);
  if (!version) {
    return std::move(version).error();
  }
  return CorednsRelease{*version, ""};
}

}  // namespace meshdns::cluster_dns
