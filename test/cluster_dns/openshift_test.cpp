// plan_openshift: a spec.servers entry of dnses.operator.openshift.io/default.

#include "cluster_dns/cluster_fixture.hpp"

#include <meshdns/cluster_dns/plan.hpp>
#include <meshdns/cluster_dns/roles.hpp>

#include <catch2/catch.hpp>

namespace meshdns::cluster_dns {
namespace {

using test::kube_dns_only;
using test::planned;

TEST_CASE("openshift: the zones become the DNS operator's server \"meshdns\"") {
  const Snapshot original = test::load_cluster("openshift");
  Snapshot cluster = original;
  const Plan plan = planned(cluster, kube_dns_only());
  CHECK(plan.platform == "OpenShift");
  REQUIRE(plan.writes.size() == 1);
  const Write& write = plan.writes[0];
  CHECK(write.ref.group == "operator.openshift.io");
  CHECK(write.ref.resource == "dnses");
  CHECK(write.ref.name == "default");
  CHECK(write.label == "dnses.operator.openshift.io/default spec.servers (DNS operator)");
  CHECK(write.before_text.empty());
  CHECK(write.after_text ==
        "servers:\n  - forwardPlugin:\n      upstreams:\n        - 10.96.0.60\n    name: meshdns\n"
        "    zones:\n      - internal\n");
  nlohmann::json expected = *original.find(role::openshift_dns);
  expected["spec"]["servers"] = nlohmann::json::parse(
      R"([{"name":"meshdns","zones":["internal"],"forwardPlugin":{"upstreams":["10.96.0.60"]}}])");
  CHECK(write.after == expected);  // status and the rest as read, resourceVersion included
  CHECK_FALSE(write.reloads.has_value());

  test::perform(cluster, plan);
  CHECK(planned(cluster, kube_dns_only()).writes.empty());
  test::perform(cluster, planned(cluster, kube_dns_only(Action::unpatch)));
  CHECK(cluster.find(role::openshift_dns)->at("spec") ==
        original.find(role::openshift_dns)->at("spec"));
}

TEST_CASE("openshift: other servers stay; zones add up and go one by one") {
  Snapshot cluster = test::load_cluster("openshift");
  const nlohmann::json theirs =
      nlohmann::json::parse(R"({"name":"corp","zones":["corp.example"],)"
                            R"("forwardPlugin":{"policy":"Random","upstreams":["10.0.0.53"]}})");
  cluster.objects[std::string(role::openshift_dns)]["spec"]["servers"] = {theirs};
  test::perform(cluster, planned(cluster, kube_dns_only()));
  test::perform(cluster, planned(cluster, kube_dns_only(Action::patch, {"mesh.example"})));
  const nlohmann::json servers = cluster.find(role::openshift_dns)->at("spec").at("servers");
  REQUIRE(servers.size() == 2);
  CHECK(servers[0] == theirs);
  CHECK(servers[1]["zones"] == nlohmann::json{"internal", "mesh.example"});

  test::perform(cluster, planned(cluster, kube_dns_only(Action::unpatch)));
  CHECK(cluster.find(role::openshift_dns)->at("spec").at("servers")[1]["zones"] ==
        nlohmann::json{"mesh.example"});
  test::perform(cluster, planned(cluster, kube_dns_only(Action::unpatch, {"mesh.example"})));
  CHECK(cluster.find(role::openshift_dns)->at("spec").at("servers") == nlohmann::json{theirs});
}

}  // namespace
}  // namespace meshdns::cluster_dns
