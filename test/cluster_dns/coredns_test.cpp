// plan_coredns: the Corefile edited in place, and the platforms that may put it back (EKS managed
// add-on, RKE2's Helm chart) warned about.

#include "cluster_dns/cluster_fixture.hpp"

#include <meshdns/cluster_dns/plan.hpp>
#include <meshdns/cluster_dns/roles.hpp>
#include <meshdns/text.hpp>

#include <catch2/catch.hpp>

namespace meshdns::cluster_dns {
namespace {

using test::kube_dns_only;

TEST_CASE("coredns: EKS managed add-on is patched, with a warning naming the add-on's setting") {
  const Snapshot cluster = test::load_cluster("eks-addon");
  Result<Plan> plan = cluster_dns::plan(cluster, kube_dns_only());
  REQUIRE(plan.has_value());
  CHECK(plan->platform == "EKS managed add-on");
  REQUIRE(plan->writes.size() == 1);
  CHECK(plan->writes[0].label == "kube-system/coredns Corefile (kube-dns, CoreDNS 1.10.1)");
  CHECK(plan->writes[0].after_text ==
        cat(test::corpus_corefile("eks-k8s1.23-1.27-coredns-1.8.7-1.10.1"),
            "\ninternal:53 {\n    errors\n    cache 30\n    forward . 10.96.0.60\n}\n"));
  // The add-on's field manager stays with the server: the write does not send managedFields.
  CHECK_FALSE(plan->writes[0].after["metadata"].contains("managedFields"));
  CHECK(plan->warnings ==
        std::vector<std::string>{
            "kube-system/coredns belongs to the EKS managed add-on \"coredns\", which may put its "
            "own Corefile back (when it reconciles or is updated); to make the change stick, set "
            "the patched Corefile as the add-on's configuration value \"corefile\" (aws eks "
            "update-addon --cluster-name CLUSTER --addon-name coredns --configuration-values "
            "'{\"corefile\": \"...\"}'), "
            "and run `kubectl meshdns corefile status` to see whether it is still in place"});
}

TEST_CASE("coredns: no warning when nothing is written") {
  Snapshot cluster = test::load_cluster("eks-addon");
  Result<Plan> first = cluster_dns::plan(cluster, kube_dns_only());
  REQUIRE(first.has_value());
  test::perform(cluster, *first);
  Result<Plan> again = cluster_dns::plan(cluster, kube_dns_only());
  REQUIRE(again.has_value());
  CHECK(again->writes.empty());
  CHECK(again->warnings.empty());
}

TEST_CASE("coredns: RKE2's Helm-rendered ConfigMap, with a warning naming HelmChartConfig") {
  const Snapshot cluster = test::load_cluster("rke2");
  Result<Plan> plan = cluster_dns::plan(cluster, kube_dns_only());
  REQUIRE(plan.has_value());
  REQUIRE(plan->writes.size() == 1);
  const Write& write = plan->writes[0];
  CHECK(write.label == "kube-system/rke2-coredns-rke2-coredns Corefile (kube-dns, CoreDNS 1.11.1)");
  CHECK(write.after_text ==
        cat(test::corpus_corefile("rke2-v1.34.3-issue9866-double-cluster-local"),
            "\ninternal:53 {\n    errors\n    cache 30\n    forward . 10.96.0.60\n}\n"));
  REQUIRE(write.reloads.has_value());
  CHECK(write.reloads->name == "rke2-coredns-rke2-coredns");
  CHECK(plan->warnings ==
        std::vector<std::string>{
            "kube-system/rke2-coredns-rke2-coredns is rendered by the rke2-coredns Helm chart, "
            "which puts its own Corefile back when the chart is re-applied (RKE2 restart or "
            "upgrade); to make the change stick, add the zones as a `servers:` entry in "
            "HelmChartConfig kube-system/rke2-coredns (spec.valuesContent), and run `kubectl "
            "meshdns corefile status` to see whether it is still in place"});
}

}  // namespace
}  // namespace meshdns::cluster_dns
