// plan_coredns_custom: k3s and AKS get the zones as key meshdns.server of ConfigMap
// kube-system/coredns-custom, created when absent; the main Corefile is never touched.

#include "cluster_dns/cluster_fixture.hpp"

#include <meshdns/cluster_dns/plan.hpp>
#include <meshdns/cluster_dns/roles.hpp>
#include <meshdns/text.hpp>

#include <catch2/catch.hpp>

namespace meshdns::cluster_dns {
namespace {

const std::string k_block =
    "internal:53 {\n    errors\n    cache 30\n    forward . 10.96.0.60\n}\n";

using test::kube_dns_only;
using test::planned;

TEST_CASE("coredns-custom: k3s, the ConfigMap is created") {
  const Snapshot cluster = test::load_cluster("k3s");
  const Plan plan = planned(cluster, kube_dns_only());
  CHECK(plan.platform == "k3s");
  REQUIRE(plan.writes.size() == 1);
  const Write& write = plan.writes[0];
  CHECK_FALSE(write.before.has_value());
  CHECK(write.after.dump() ==
        cat(R"({"apiVersion":"v1","data":{"meshdns.server":)", nlohmann::json(k_block).dump(),
            R"(},"kind":"ConfigMap","metadata":{"labels":{"app.kubernetes.io/managed-by":)",
            R"("kubectl-meshdns"},"name":"coredns-custom","namespace":"kube-system"}})"));
  CHECK((write.ref.namespace_name + "/" + write.ref.name) == "kube-system/coredns-custom");
  CHECK(write.label ==
        "kube-system/coredns-custom meshdns.server (kube-dns, imported by "
        "/etc/coredns/custom/*.server, CoreDNS 1.10.1)");
  CHECK(write.before_text.empty());
  CHECK(write.after_text == k_block);
  CHECK(write.has_reload_plugin);
  REQUIRE(write.reloads.has_value());
  CHECK(write.reloads->name == "coredns");
  CHECK(plan.notes == std::vector<std::string>{
                          "platform: k3s (ConfigMap kube-system/coredns imports "
                          "/etc/coredns/custom/*.server and its Deployment mounts coredns-custom)",
                          "k3s reconciles kube-system/coredns itself: the zones go to "
                          "kube-system/coredns-custom, key meshdns.server, which its Corefile "
                          "imports",
                          "kube-system/coredns-custom does not exist yet: it is created",
                          cat(write.label,
                              ": CoreDNS's reload plugin loads the change in about 30-90 s (the "
                              "kubelet syncs the ConfigMap, then reload notices the imported file "
                              "changed)")});
}

TEST_CASE("coredns-custom: AKS, the existing ConfigMap gets the key; unpatch takes it away") {
  const Snapshot original = test::load_cluster("aks");
  Snapshot cluster = original;
  const Plan plan = planned(cluster, kube_dns_only());
  REQUIRE(plan.writes.size() == 1);
  REQUIRE(plan.writes[0].before.has_value());
  CHECK(*plan.writes[0].before == *original.find(role::coredns_custom_configmap));
  CHECK(plan.writes[0].after["data"] == nlohmann::json{{"meshdns.server", k_block}});
  CHECK(plan.writes[0].after["metadata"]["resourceVersion"] ==
        original.find(role::coredns_custom_configmap)->at("metadata").at("resourceVersion"));
  test::perform(cluster, plan);
  CHECK(planned(cluster, kube_dns_only()).writes.empty());

  const Plan undo = planned(cluster, kube_dns_only(Action::unpatch));
  REQUIRE(undo.writes.size() == 1);
  CHECK(undo.writes[0].after_text.empty());
  // No data left: the object reads as it did before patch (the server omits empty data).
  CHECK_FALSE(undo.writes[0].after.contains("data"));
  test::perform(cluster, undo);
  nlohmann::json restored = *cluster.find(role::coredns_custom_configmap);
  nlohmann::json expected = *original.find(role::coredns_custom_configmap);
  restored["metadata"].erase("resourceVersion");
  expected["metadata"].erase("resourceVersion");
  CHECK(restored == expected);
  CHECK(planned(cluster, kube_dns_only(Action::unpatch)).writes.empty());
}

TEST_CASE("coredns-custom: other keys stay as they are") {
  Snapshot cluster = test::load_cluster("aks");
  cluster.objects[std::string(role::coredns_custom_configmap)]["data"] = {
      {"log.override", "log\n"},
      {"puglife.server", "puglife.local:53 {\n    forward . 1.2.3.4\n}\n"}};
  const Plan plan = planned(cluster, kube_dns_only());
  REQUIRE(plan.writes.size() == 1);
  CHECK(plan.writes[0].after["data"].size() == 3);
  CHECK(plan.writes[0].after["data"]["log.override"] == "log\n");
  test::perform(cluster, plan);
  const Plan undo = planned(cluster, kube_dns_only(Action::unpatch));
  REQUIRE(undo.writes.size() == 1);
  CHECK(undo.writes[0].after["data"] ==
        nlohmann::json{{"log.override", "log\n"},
                       {"puglife.server", "puglife.local:53 {\n    forward . 1.2.3.4\n}\n"}});
}

TEST_CASE("coredns-custom: a zone block that would clash with the main Corefile is refused") {
  Snapshot cluster = test::load_cluster("aks");
  std::string main = test::data_of(cluster, role::kube_dns_configmap);
  cluster.objects[std::string(role::kube_dns_configmap)]["data"]["Corefile"] =
      cat(main, "internal:53 {\n    forward . 10.0.0.53\n}\n");
  Result<Plan> plan = cluster_dns::plan(cluster, kube_dns_only());
  REQUIRE_FALSE(plan.has_value());
  CHECK(plan.error().code == Errc::refused);
  CHECK(plan.error().what ==
        "refusing to write kube-system/coredns-custom meshdns.server: CoreDNS 1.13.1 would refuse "
        "it together with the main Corefile");
}

TEST_CASE("coredns-custom: CoreDNS before 1.6.2 does not reload imported files") {
  Snapshot cluster = test::load_cluster("aks");
  PlanOptions options = kube_dns_only();
  options.coredns_version = corefile::Version{1, 6, 1};
  const Plan plan = planned(cluster, options);
  REQUIRE(plan.writes.size() == 1);
  CHECK_FALSE(plan.writes[0].has_reload_plugin);
  CHECK(
      plan.notes.back() ==
      "kube-system/coredns-custom meshdns.server (kube-dns, imported by custom/*.server, CoreDNS "
      "1.6.1): CoreDNS does not reload imported files on its own here, so it keeps the old "
      "configuration until its pods restart (--restart rolls out deployment kube-system/coredns)");
}

}  // namespace
}  // namespace meshdns::cluster_dns
