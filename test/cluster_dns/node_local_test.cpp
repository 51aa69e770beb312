// plan_node_local: NodeLocal DNSCache's Corefile gets a block that sends the zones to kube-dns.

#include "cluster_dns/cluster_fixture.hpp"

#include <meshdns/cluster_dns/plan.hpp>
#include <meshdns/cluster_dns/roles.hpp>
#include <meshdns/text.hpp>

#include <catch2/catch.hpp>

namespace meshdns::cluster_dns {
namespace {

using test::kube_dns_only;
using test::planned;

TEST_CASE("node-local: an extra write after kube-dns's, placeholders kept") {
  const Snapshot original = test::load_cluster("nodelocal");
  Snapshot cluster = original;
  const Plan plan = planned(cluster, kube_dns_only());
  REQUIRE(plan.writes.size() == 2);
  CHECK(plan.writes[0].label == "kube-system/coredns Corefile (kube-dns, CoreDNS 1.10.1)");
  const Write& write = plan.writes[1];
  CHECK(write.label ==
        "kube-system/node-local-dns Corefile (NodeLocal DNSCache, node-cache 1.22.20)");
  CHECK(write.after_text ==
        cat(test::corpus_corefile("k8s-addon-nodelocaldns"),
            "internal:53 {\n    errors\n    cache 30\n    bind 169.254.20.10 10.96.0.10\n    "
            "forward . __PILLAR__CLUSTER__DNS__\n}\n"));
  REQUIRE(write.reloads.has_value());
  CHECK((write.reloads->group + " " + write.reloads->resource + " " + write.reloads->name) ==
        "apps daemonsets node-local-dns");
  CHECK(write.has_reload_plugin);
  CHECK(plan.notes[2] ==
        "NodeLocal DNSCache sends names outside the cluster domain straight upstream: "
        "kube-system/node-local-dns gets a block that sends internal to kube-dns "
        "(__PILLAR__CLUSTER__DNS__)");

  test::perform(cluster, plan);
  CHECK(planned(cluster, kube_dns_only()).writes.empty());
  const Plan undo = planned(cluster, kube_dns_only(Action::unpatch));
  REQUIRE(undo.writes.size() == 2);
  CHECK(undo.writes[0].label == write.label);  // the cache stops first
  test::perform(cluster, undo);
  CHECK(test::data_of(cluster, role::node_local_configmap) ==
        test::data_of(original, role::node_local_configmap));
}

TEST_CASE("node-local: a rendered Corefile forwards the way its cluster-domain block does") {
  Snapshot cluster = test::load_cluster("nodelocal");
  cluster.objects[std::string(role::node_local_configmap)]["data"]["Corefile"] =
      "cluster.local:53 {\n    bind 169.254.25.10\n    forward . 10.96.0.11 {\n        force_tcp\n"
      "    }\n}\n.:53 {\n    bind 169.254.25.10\n    forward . /etc/resolv.conf\n}\n";
  const Plan plan = planned(cluster, kube_dns_only());
  REQUIRE(plan.writes.size() == 2);
  CHECK(ends_with(plan.writes[1].after_text,
                  "internal:53 {\n    errors\n    cache 30\n    bind 169.254.25.10\n    forward . "
                  "10.96.0.11\n}\n"));
}

TEST_CASE("node-local: without a cluster-domain block, the kube-dns Service's address") {
  Snapshot cluster = test::load_cluster("nodelocal");
  cluster.objects[std::string(role::node_local_configmap)]["data"]["Corefile"] =
      ".:53 {\n    forward . /etc/resolv.conf\n}\n";
  const Plan plan = planned(cluster, kube_dns_only());
  REQUIRE(plan.writes.size() == 2);
  CHECK(ends_with(plan.writes[1].after_text, "forward . 10.96.0.10\n}\n"));
  cluster.objects.erase(std::string(role::kube_dns_service));
  Result<Plan> refused = cluster_dns::plan(cluster, kube_dns_only());
  REQUIRE_FALSE(refused.has_value());
  CHECK(refused.error().what == "cannot tell how NodeLocal DNSCache reaches kube-dns");
}

}  // namespace
}  // namespace meshdns::cluster_dns
