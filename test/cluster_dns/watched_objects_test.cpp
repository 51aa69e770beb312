#include <meshdns/cluster_dns/plan.hpp>
#include <meshdns/cluster_dns/roles.hpp>

#include <catch2/catch.hpp>

#include <set>

namespace meshdns::cluster_dns {
namespace {

TEST_CASE("watched_objects: one named object per role, every role of roles.hpp") {
  std::set<std::string> roles;
  for (const WatchedObject& object : watched_objects()) {
    CHECK(roles.insert(object.role).second);
    CHECK_FALSE(object.ref.name.empty());
    CHECK_FALSE(object.ref.resource.empty());
  }
  const std::set<std::string> expected = {
      std::string(role::kube_dns_configmap),      std::string(role::kube_dns_deployment),
      std::string(role::kube_dns_service),        std::string(role::coredns_custom_configmap),
      std::string(role::rke2_configmap),          std::string(role::rke2_deployment),
      std::string(role::gke_kube_dns_configmap),  std::string(role::gke_kube_dns_deployment),
      std::string(role::openshift_dns),           std::string(role::node_local_configmap),
      std::string(role::node_local_daemonset),    std::string(role::istiocoredns_configmap),
      std::string(role::istiocoredns_deployment), std::string(role::istiocoredns_service),
      std::string(role::istiod_deployment),       std::string(role::ztunnel_daemonset)};
  CHECK(roles == expected);
}

TEST_CASE("watched_objects: where each platform keeps its objects") {
  std::map<std::string, kube::ResourceRef> by_role;
  for (const WatchedObject& object : watched_objects()) {
    by_role[object.role] = object.ref;
  }
  const kube::ResourceRef& corefile = by_role[std::string(role::kube_dns_configmap)];
  CHECK((corefile.group + "/" + corefile.version + " " + corefile.resource) == "/v1 configmaps");
  CHECK((corefile.namespace_name + "/" + corefile.name) == "kube-system/coredns");
  const kube::ResourceRef& dns = by_role[std::string(role::openshift_dns)];
  CHECK(dns.group == "operator.openshift.io");
  CHECK(dns.resource == "dnses");
  CHECK(dns.namespace_name.empty());  // cluster-scoped
  CHECK(dns.name == "default");
  const kube::ResourceRef& cache = by_role[std::string(role::node_local_daemonset)];
  CHECK((cache.group + " " + cache.resource + " " + cache.name) ==
        "apps daemonsets node-local-dns");
  CHECK(by_role[std::string(role::istiocoredns_service)].namespace_name == "istio-system");
}

TEST_CASE("is_mesh_config: istio-system's ConfigMaps istiod reads its mesh config from") {
  CHECK(mesh_config_collection().namespace_name == "istio-system");
  CHECK(mesh_config_collection().name.empty());
  const auto config_map = [](std::string name, bool mesh) {
    nlohmann::json object = {{"metadata", {{"name", std::move(name)}}},
                             {"data", nlohmann::json::object()}};
    if (mesh) {
      object["data"]["mesh"] = "trustDomain: cluster.local\n";
    }
    return object;
  };
  CHECK(is_mesh_config(config_map("istio", true)));
  CHECK(is_mesh_config(config_map("istio-1-24", true)));
  CHECK_FALSE(is_mesh_config(config_map("istio-sidecar-injector", false)));
  CHECK_FALSE(is_mesh_config(config_map("istio-ca-root-cert", false)));
  CHECK_FALSE(is_mesh_config(config_map("coredns", true)));
}

TEST_CASE("Snapshot::find: the object read for a role, nullptr for one that was absent") {
  Snapshot snapshot;
  snapshot.objects["kube-dns-configmap"] = {{"kind", "ConfigMap"}};
  REQUIRE(snapshot.find(role::kube_dns_configmap) != nullptr);
  CHECK(snapshot.find(role::kube_dns_configmap)->value("kind", "") == "ConfigMap");
  CHECK(snapshot.find(role::istiocoredns_configmap) == nullptr);
}

}  // namespace
}  // namespace meshdns::cluster_dns
