// plan_istiocoredns through plan(): the istiocoredns side alone (Target::istiocoredns).

#include "cluster_dns/cluster_fixture.hpp"

#include <meshdns/cluster_dns/plan.hpp>
#include <meshdns/cluster_dns/roles.hpp>

#include <catch2/catch.hpp>

namespace meshdns::cluster_dns {
namespace {

TEST_CASE("istiocoredns: the Deployment's CoreDNS container decides the form, not the plugin's") {
  Snapshot cluster = test::load_cluster("kubeadm-istio-1.6");
  nlohmann::json& containers = cluster.objects[std::string(role::istiocoredns_deployment)]["spec"]
                                              ["template"]["spec"]["containers"];
  std::swap(containers[0], containers[1]);  // plugin first
  PlanOptions options;
  options.target = Target::istiocoredns;
  Result<Plan> plan = cluster_dns::plan(cluster, options);
  REQUIRE(plan.has_value());
  REQUIRE(plan->writes.size() == 1);
  CHECK(plan->writes[0].label == "istio-system/coredns Corefile (istiocoredns, CoreDNS 1.6.2)");
}

TEST_CASE("istiocoredns: installed without its ConfigMap") {
  Snapshot cluster = test::load_cluster("kubeadm-istio-1.6");
  cluster.objects.erase(std::string(role::istiocoredns_configmap));
  PlanOptions options;
  options.target = Target::istiocoredns;
  Result<Plan> plan = cluster_dns::plan(cluster, options);
  REQUIRE_FALSE(plan.has_value());
  CHECK(format_error(plan.error()) ==
        "ConfigMap istio-system/coredns not found (istiocoredns is installed (its Deployment or "
        "Service exists) but its Corefile is missing; reinstall istiocoredns, or pass --target "
        "kube-dns)");
}

}  // namespace
}  // namespace meshdns::cluster_dns
