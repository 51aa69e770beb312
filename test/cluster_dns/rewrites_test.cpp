// plan_rewrites: the coredns backend's lines where each platform's CoreDNS reads them, the record
// beside them, NodeLocal DNSCache's blocks for the aliases' zones, and the platforms that refuse.

#include "cluster_dns/cluster_fixture.hpp"

#include <meshdns/cluster_dns/plan.hpp>
#include <meshdns/cluster_dns/roles.hpp>
#include <meshdns/text.hpp>

#include <catch2/catch.hpp>

namespace meshdns::cluster_dns {
namespace {

const std::string k_line =
    "rewrite name exact my-fruits.internal "
    "fruits-api-service.micro-shake-factory.svc.cluster.local";

PlanOptions rewrites(Action action, std::vector<corefile::AliasRewrite> aliases) {
  PlanOptions options;
  options.action = action;
  options.target = Target::kube_dns;
  options.backend = Backend::coredns;
  options.aliases = std::move(aliases);
  return options;
}

const corefile::AliasRewrite k_fruits{"my-fruits.internal", "", "fruits-api-service",
                                      "micro-shake-factory"};

TEST_CASE("rewrites: kubeadm, one write of the Corefile with the record, undone byte for byte") {
  Snapshot cluster = test::load_cluster("kubeadm-istio-1.24");
  const std::string before = test::data_of(cluster, role::kube_dns_configmap);
  const Plan plan = test::planned(cluster, rewrites(Action::patch, {k_fruits}));
  REQUIRE(plan.writes.size() == 1);
  const Write& write = plan.writes[0];
  CHECK(write.ref.name == "coredns");
  CHECK(write.label == "kube-system/coredns Corefile (kube-dns, CoreDNS 1.11.3)");
  CHECK(write.after_text.find(cat("    ", k_line, "\n    kubernetes cluster.local")) !=
        std::string::npos);
  CHECK(write.after["metadata"]["annotations"]["meshdns.io/rewrites"] ==
        R"({"my-fruits.internal":"fruits-api-service.micro-shake-factory.svc.cluster.local"})");
  test::perform(cluster, plan);
  const std::vector<corefile::AliasRewrite> recorded = recorded_aliases(cluster);
  REQUIRE(recorded.size() == 1);
  CHECK(recorded[0].target == "fruits-api-service.micro-shake-factory.svc.cluster.local");

  // Patch again: nothing to write. A platform's revert: the line is reported lost and put back.
  CHECK(test::planned(cluster, rewrites(Action::patch, {})).writes.empty());
  Snapshot reverted = cluster;
  reverted.objects[std::string(role::kube_dns_configmap)]["data"]["Corefile"] = before;
  const Plan again = test::planned(reverted, rewrites(Action::patch, {}));
  REQUIRE(again.writes.size() == 1);
  CHECK(again.writes[0].lost == std::vector<std::string>{"my-fruits.internal"});
  CHECK(again.writes[0].after_text == write.after_text);

  // Unpatch without aliases removes every one of ours, and the record.
  const Plan undo = test::planned(cluster, rewrites(Action::unpatch, {}));
  REQUIRE(undo.writes.size() == 1);
  CHECK(undo.writes[0].after_text == before);
  CHECK_FALSE(undo.writes[0].after["metadata"].contains("annotations"));
}

TEST_CASE("rewrites: k3s without Istio, key meshdns.override of a new coredns-custom") {
  Snapshot cluster = test::load_cluster("k3s-no-istio");
  const Plan plan = test::planned(cluster, rewrites(Action::patch, {k_fruits}));
  REQUIRE(plan.writes.size() == 1);
  const Write& write = plan.writes[0];
  CHECK(write.ref.name == "coredns-custom");
  CHECK_FALSE(write.before.has_value());
  CHECK(write.after["data"]["meshdns.override"] == cat(k_line, "\n"));
  CHECK(write.after["data"].size() == 1);
  test::perform(cluster, plan);
  const Plan undo =
      test::planned(cluster, rewrites(Action::unpatch, {{"my-fruits.internal", "", "", ""}}));
  REQUIRE(undo.writes.size() == 1);
  CHECK_FALSE(undo.writes[0].after.contains("data"));
}

TEST_CASE("rewrites: NodeLocal DNSCache sends the aliases' zone to kube-dns") {
  const Snapshot cluster = test::load_cluster("nodelocal");
  const Plan plan = test::planned(cluster, rewrites(Action::patch, {k_fruits}));
  REQUIRE(plan.writes.size() == 2);
  CHECK(plan.writes[0].ref.name == "coredns");
  CHECK(plan.writes[1].ref.name == "node-local-dns");
  CHECK(plan.writes[1].after_text.find("internal:53 {") != std::string::npos);
}

TEST_CASE("rewrites: platforms without a rewrite refuse, saying what to do") {
  struct Row {
    const char* cluster;
    const char* what;
  };
  const Row rows[] = {
      {"gke-kube-dns", "the coredns backend cannot work on GKE's kube-dns"},
      {"openshift", "the coredns backend cannot work on OpenShift"},
  };
  for (const Row& row : rows) {
    INFO(row.cluster);
    const Result<Plan> plan =
        cluster_dns::plan(test::load_cluster(row.cluster), rewrites(Action::patch, {k_fruits}));
    REQUIRE_FALSE(plan);
    CHECK(plan.error().code == Errc::refused);
    CHECK(plan.error().what == row.what);
    CHECK(plan.error().fix.find("--backend dns-proxy") != std::string::npos);
  }
}

TEST_CASE("rewrites: the engine's refusals reach the plan (another block wins the zone)") {
  // kubeadm + Istio 1.3 carries no internal:53 block yet; patching the istiocoredns zone first
  // leaves one, which CoreDNS would hand my-fruits.internal to.
  Snapshot cluster = test::load_cluster("kubeadm-istio-1.3");
  test::perform(cluster, test::planned(cluster, test::kube_dns_only()));
  PlanOptions options = rewrites(Action::patch, {k_fruits});
  options.coredns_version = corefile::Version{1, 6, 2};
  const Result<Plan> plan = cluster_dns::plan(cluster, options);
  REQUIRE_FALSE(plan);
  CHECK(plan.error().code == Errc::refused);
  CHECK(plan.error().what.find("kube-system/coredns Corefile: ") == 0);
}

}  // namespace
}  // namespace meshdns::cluster_dns
