// plan_stub_domains: GKE's kube-dns, stubDomains JSON in ConfigMap kube-system/kube-dns.

#include "cluster_dns/cluster_fixture.hpp"

#include <meshdns/cluster_dns/plan.hpp>
#include <meshdns/cluster_dns/roles.hpp>
#include <meshdns/text.hpp>

#include <catch2/catch.hpp>

namespace meshdns::cluster_dns {
namespace {

using test::kube_dns_only;
using test::planned;

void set_stub_domains(Snapshot& cluster, const std::string& text) {
  cluster.objects[std::string(role::gke_kube_dns_configmap)]["data"]["stubDomains"] = text;
}

TEST_CASE("stubDomains: GKE's empty kube-dns ConfigMap gets the zone") {
  const Snapshot original = test::load_cluster("gke-kube-dns");
  Snapshot cluster = original;
  const Plan plan = planned(cluster, kube_dns_only());
  CHECK(plan.platform == "GKE (kube-dns)");
  REQUIRE(plan.writes.size() == 1);
  const Write& write = plan.writes[0];
  CHECK(write.label == "kube-system/kube-dns stubDomains (kube-dns)");
  CHECK(write.after_text == R"({"internal":["10.96.0.60"]})");
  CHECK(write.after["data"] == nlohmann::json{{"stubDomains", R"({"internal":["10.96.0.60"]})"}});
  CHECK_FALSE(write.reloads.has_value());
  test::perform(cluster, plan);
  CHECK(planned(cluster, kube_dns_only()).writes.empty());
  test::perform(cluster, planned(cluster, kube_dns_only(Action::unpatch)));
  nlohmann::json restored = *cluster.find(role::gke_kube_dns_configmap);
  nlohmann::json expected = *original.find(role::gke_kube_dns_configmap);
  restored["metadata"].erase("resourceVersion");
  expected["metadata"].erase("resourceVersion");
  CHECK(restored == expected);
}

TEST_CASE("stubDomains: merged with what is there, and taken out byte for byte") {
  struct Row {
    const char* before;
    const char* patched;
  };
  const Row rows[] = {
      {R"({"acme.local": ["1.2.3.4"]})",
       R"({"acme.local": ["1.2.3.4"],"internal":["10.96.0.60"]})"},
      {"{\n  \"acme.local\": [\"1.2.3.4\"]\n}\n",
       "{\n  \"acme.local\": [\"1.2.3.4\"]\n,\"internal\":[\"10.96.0.60\"]}\n"},
      {"{}", R"({"internal":["10.96.0.60"]})"},
  };
  for (const Row& row : rows) {
    INFO(row.before);
    Snapshot cluster = test::load_cluster("gke-kube-dns");
    set_stub_domains(cluster, row.before);
    const Plan plan = planned(cluster, kube_dns_only());
    REQUIRE(plan.writes.size() == 1);
    CHECK(plan.writes[0].after_text == row.patched);
    test::perform(cluster, plan);
    const Plan undo = planned(cluster, kube_dns_only(Action::unpatch));
    REQUIRE(undo.writes.size() == 1);
    CHECK(undo.writes[0].after_text == (std::string(row.before) == "{}" ? "" : row.before));
  }
}

TEST_CASE("stubDomains: a zone sent elsewhere is updated") {
  Snapshot cluster = test::load_cluster("gke-kube-dns");
  set_stub_domains(cluster, R"({"internal": ["10.0.0.1"], "acme.local": ["1.2.3.4"]})");
  const Plan plan = planned(cluster, kube_dns_only());
  REQUIRE(plan.writes.size() == 1);
  CHECK(plan.writes[0].after_text == R"({"acme.local":["1.2.3.4"],"internal":["10.96.0.60"]})");
}

TEST_CASE("stubDomains: created when GKE has no kube-dns ConfigMap") {
  Snapshot cluster = test::load_cluster("gke-kube-dns");
  cluster.objects.erase(std::string(role::gke_kube_dns_configmap));
  const Plan plan = planned(cluster, kube_dns_only());
  REQUIRE(plan.writes.size() == 1);
  CHECK_FALSE(plan.writes[0].before.has_value());
  CHECK(plan.writes[0].after.dump() ==
        cat(R"({"apiVersion":"v1","data":{"stubDomains":"{\"internal\":[\"10.96.0.60\"]}"},)",
            R"("kind":"ConfigMap","metadata":{"labels":{"addonmanager.kubernetes.io/mode":)",
            R"("EnsureExists"},"name":"kube-dns","namespace":"kube-system"}})"));
}

TEST_CASE("stubDomains: refusals") {
  Snapshot cluster = test::load_cluster("gke-kube-dns");
  set_stub_domains(cluster, "{not json");
  Result<Plan> plan = cluster_dns::plan(cluster, kube_dns_only());
  REQUIRE_FALSE(plan.has_value());
  CHECK(format_error(plan.error()) ==
        "ConfigMap kube-system/kube-dns: stubDomains is not a JSON object (kube-dns ignores a "
        "stubDomains value it cannot read, and so would the zones; repair it, e.g. {\"internal\": "
        "[\"10.96.0.60\"]})");
  // A tenant-reachable value nested 100,000 deep: refused before anything recurses over it.
  std::string deep;
  for (int i = 0; i < 100'000; ++i) {
    deep += "{\"a\":";
  }
  deep += "1" + std::string(100'000, '}');
  set_stub_domains(cluster, deep);
  const Result<Plan> deep_plan = cluster_dns::plan(cluster, kube_dns_only());
  REQUIRE_FALSE(deep_plan.has_value());
  CHECK(deep_plan.error().what ==
        "ConfigMap kube-system/kube-dns: stubDomains is not a JSON object");
  PlanOptions placeholder = kube_dns_only();
  placeholder.upstream = "istiocoredns.istio-system";
  CHECK(cluster_dns::plan(test::load_cluster("gke-kube-dns"), placeholder).error().code ==
        Errc::usage);
}

}  // namespace
}  // namespace meshdns::cluster_dns
