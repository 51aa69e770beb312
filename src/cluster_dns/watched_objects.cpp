#include <meshdns/cluster_dns/plan.hpp>
#include <meshdns/cluster_dns/roles.hpp>

namespace meshdns::cluster_dns {

namespace {

WatchedObject core(std::string_view role, std::string resource, std::string namespace_name,
                   std::string name) {
  return {std::string(role),
          {"", "v1", std::move(resource), std::move(namespace_name), std::move(name)}};
}

WatchedObject apps(std::string_view role, std::string resource, std::string namespace_name,
                   std::string name) {
  return {std::string(role),
          {"apps", "v1", std::move(resource), std::move(namespace_name), std::move(name)}};
}

}  // namespace

const std::vector<WatchedObject>& watched_objects() {
  // Every platform's objects at once: the CLI reads them in one round of concurrent GETs, and
  // detection (plan.cpp) decides from what exists which of them matter.
  static const std::vector<WatchedObject> objects = {
      core(role::kube_dns_configmap, "configmaps", "kube-system", "coredns"),
      apps(role::kube_dns_deployment, "deployments", "kube-system", "coredns"),
      core(role::kube_dns_service, "services", "kube-system", "kube-dns"),
      core(role::coredns_custom_configmap, "configmaps", "kube-system", "coredns-custom"),
      core(role::rke2_configmap, "configmaps", "kube-system", "rke2-coredns-rke2-coredns"),
      apps(role::rke2_deployment, "deployments", "kube-system", "rke2-coredns-rke2-coredns"),
      core(role::gke_kube_dns_configmap, "configmaps", "kube-system", "kube-dns"),
      apps(role::gke_kube_dns_deployment, "deployments", "kube-system", "kube-dns"),
      {std::string(role::openshift_dns), {"operator.openshift.io", "v1", "dnses", "", "default"}},
      core(role::node_local_configmap, "configmaps", "kube-system", "node-local-dns"),
      apps(role::node_local_daemonset, "daemonsets", "kube-system", "node-local-dns"),
      core(role::istiocoredns_configmap, "configmaps", "istio-system", "coredns"),
      apps(role::istiocoredns_deployment, "deployments", "istio-system", "istiocoredns"),
      core(role::istiocoredns_service, "services", "istio-system", "istiocoredns"),
      apps(role::istiod_deployment, "deployments", "istio-system", "istiod"),
      apps(role::ztunnel_daemonset, "daemonsets", "istio-system", "ztunnel"),
  };
  return objects;
}

kube::ResourceRef mesh_config_collection() {
  return {"", "v1", "configmaps", "istio-system", ""};
}

bool is_mesh_config(const nlohmann::json& config_map) {
  // istiod reads the `mesh` key of ConfigMap "istio", or "istio-<revision>" for a revision.
  const nlohmann::json::json_pointer name("/metadata/name");
  const nlohmann::json::json_pointer mesh("/data/mesh");
  if (!config_map.contains(name) || !config_map.at(name).is_string() ||
      !config_map.contains(mesh) || !config_map.at(mesh).is_string()) {
    return false;
  }
  const std::string value = config_map.at(name).get<std::string>();
  return value == "istio" || value.rfind("istio-", 0) == 0;
}

const nlohmann::json* Snapshot::find(std::string_view role) const {
  const auto found = objects.find(std::string(role));
  return found == objects.end() ? nullptr : &found->second;
}

}  // namespace meshdns::cluster_dns
