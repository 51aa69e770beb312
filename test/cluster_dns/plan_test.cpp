// plan() on the stock stack: kubeadm's CoreDNS and Istio's istiocoredns (SPEC §1, §3.4): what is
// written where, idempotency, unpatch restoring the bytes, the options, and the refusals.

#include "cluster_dns/cluster_fixture.hpp"

#include <meshdns/cluster_dns/plan.hpp>
#include <meshdns/cluster_dns/roles.hpp>
#include <meshdns/text.hpp>

#include <catch2/catch.hpp>

namespace meshdns::cluster_dns {
namespace {

const std::string k_zone_block =
    "\ninternal:53 {\n    errors\n    cache 30\n    forward . 10.96.0.60\n}\n";

PlanOptions patch_all() {
  return PlanOptions{};
}

PlanOptions unpatch_all() {
  PlanOptions options;
  options.action = Action::unpatch;
  return options;
}

using test::planned;

Error refusal(const Snapshot& snapshot, const PlanOptions& options) {
  Result<Plan> result = plan(snapshot, options);
  REQUIRE_FALSE(result.has_value());
  return result.error();
}

std::vector<std::string> labels(const Plan& plan) {
  std::vector<std::string> out;
  for (const Write& write : plan.writes) {
    out.push_back(write.label);
  }
  return out;
}

TEST_CASE("plan: kubeadm with Istio 1.6 istiocoredns, patch") {
  const Snapshot cluster = test::load_cluster("kubeadm-istio-1.6");
  const Plan plan = planned(cluster, patch_all());
  CHECK(plan.platform == "kubeadm");
  // istiocoredns first: it answers the zone before kube-dns forwards it.
  CHECK(labels(plan) ==
        std::vector<std::string>{"istio-system/coredns Corefile (istiocoredns, CoreDNS 1.6.2)",
                                 "kube-system/coredns Corefile (kube-dns, CoreDNS 1.6.2)"});
  const Write& istio = plan.writes[0];
  CHECK(istio.before_text == test::data_of(cluster, role::istiocoredns_configmap));
  CHECK(
      istio.after_text ==
      ".:53 {\n      errors\n      health\n      \n      # Removed support for the proxy plugin: "
      "https://coredns.io/2019/03/03/coredns-1.4.0-release/\n      grpc global 127.0.0.1:8053\n"
      "      forward . /etc/resolv.conf {\n        except global\n        except internal\n      "
      "}\n      \n"
      "      prometheus :9153\n      cache 30\n      reload\n    }\n\ninternal:53 {\n      errors\n"
      "      cache 30\n      grpc internal 127.0.0.1:8053\n}\n");
  const Write& kube = plan.writes[1];
  CHECK(kube.after_text == cat(test::data_of(cluster, role::kube_dns_configmap), k_zone_block));
  CHECK(kube.after_text ==
        cat(test::corpus_corefile("corefile-migration-defaultconf-1.6.2-k8s1.16"), "\n",
            k_zone_block));
  // The whole object goes back, conditional on the resourceVersion read, with only the key changed.
  REQUIRE(kube.before.has_value());
  CHECK(*kube.before == *cluster.find(role::kube_dns_configmap));
  nlohmann::json expected = *cluster.find(role::kube_dns_configmap);
  expected["data"]["Corefile"] = kube.after_text;
  CHECK(kube.after == expected);
  CHECK(kube.after["metadata"]["resourceVersion"] == expected["metadata"]["resourceVersion"]);
  CHECK(kube.ref.namespace_name == "kube-system");
  CHECK(kube.ref.name == "coredns");
  CHECK(kube.has_reload_plugin);
  REQUIRE(kube.reloads.has_value());
  CHECK((kube.reloads->resource + " " + kube.reloads->namespace_name + "/" + kube.reloads->name) ==
        "deployments kube-system/coredns");
  REQUIRE(istio.reloads.has_value());
  CHECK(istio.reloads->name == "istiocoredns");
  CHECK(plan.notes ==
        std::vector<std::string>{
            "platform: kubeadm (ConfigMap kube-system/coredns with no platform's marks)",
            "istio-system/coredns Corefile (istiocoredns, CoreDNS 1.6.2): CoreDNS's reload plugin "
            "loads the change in about 30-90 s (the kubelet syncs the ConfigMap, then reload "
            "notices)",
            "kube-system/coredns Corefile (kube-dns, CoreDNS 1.6.2): CoreDNS's reload plugin loads "
            "the change in about 30-90 s (the kubelet syncs the ConfigMap, then reload notices)"});
  CHECK(plan.warnings.empty());
}

TEST_CASE("plan: kubeadm with Istio 1.3 istiocoredns (CoreDNS 1.1.2) gets the proxy form") {
  const Plan plan = planned(test::load_cluster("kubeadm-istio-1.3"), patch_all());
  REQUIRE(plan.writes.size() == 2);
  CHECK(plan.writes[0].label == "istio-system/coredns Corefile (istiocoredns, CoreDNS 1.1.2)");
  CHECK(plan.writes[0].after_text ==
        ".:53 {\n      errors\n      health\n      proxy global 127.0.0.1:8053 {\n        protocol "
        "grpc insecure\n      }\n      proxy internal 127.0.0.1:8053 {\n        protocol grpc "
        "insecure\n      }\n      prometheus :9153\n      proxy . /etc/resolv.conf\n      cache "
        "30\n      reload\n    }\n");
}

TEST_CASE("plan: idempotent, and unpatch gives back every byte") {
  for (const char* name : {"kubeadm-istio-1.3", "kubeadm-istio-1.6"}) {
    INFO(name);
    const Snapshot original = test::load_cluster(name);
    Snapshot cluster = original;
    test::perform(cluster, planned(cluster, patch_all()));
    const Plan again = planned(cluster, patch_all());
    CHECK(again.writes.empty());
    CHECK(again.notes ==
          std::vector<std::string>{
              "platform: kubeadm (ConfigMap kube-system/coredns with no platform's marks)",
              cat("istio-system/coredns Corefile (istiocoredns, CoreDNS ",
                  std::string(name) == "kubeadm-istio-1.3" ? "1.1.2" : "1.6.2",
                  "): already routes internal; nothing to write"),
              "kube-system/coredns Corefile (kube-dns, CoreDNS 1.6.2): already routes internal; "
              "nothing to write"});

    const Plan undo = planned(cluster, unpatch_all());
    // kube-dns stops forwarding before istiocoredns stops answering.
    CHECK(labels(undo) ==
          std::vector<std::string>{
              "kube-system/coredns Corefile (kube-dns, CoreDNS 1.6.2)",
              cat("istio-system/coredns Corefile (istiocoredns, CoreDNS ",
                  std::string(name) == "kubeadm-istio-1.3" ? "1.1.2" : "1.6.2", ")")});
    test::perform(cluster, undo);
    CHECK(test::data_of(cluster, role::kube_dns_configmap) ==
          test::data_of(original, role::kube_dns_configmap));
    CHECK(test::data_of(cluster, role::istiocoredns_configmap) ==
          test::data_of(original, role::istiocoredns_configmap));
    CHECK(planned(cluster, unpatch_all()).writes.empty());
  }
}

TEST_CASE("plan: every platform's fixture, patch twice then unpatch gives back every object") {
  for (const char* name : {"kubeadm-istio-1.3", "kubeadm-istio-1.6", "nodelocal", "k3s", "aks",
                           "eks-addon", "rke2", "gke-kube-dns", "openshift"}) {
    INFO(name);
    const Snapshot original = test::load_cluster(name);
    Snapshot cluster = original;
    const Plan first = planned(cluster, patch_all());
    CHECK(first.writes.size() >= 2);
    for (const Write& write : first.writes) {
      // A complete object to send: conditional on what was read, or created without a version.
      CHECK(write.after.contains("apiVersion"));
      CHECK(write.after.contains("kind"));
      CHECK(write.after["metadata"].contains("resourceVersion") == write.before.has_value());
      CHECK(write.before_text != write.after_text);
    }
    test::perform(cluster, first);
    CHECK(planned(cluster, patch_all()).writes.empty());
    test::perform(cluster, planned(cluster, unpatch_all()));
    CHECK(planned(cluster, unpatch_all()).writes.empty());
    for (const auto& [role, object] : original.objects) {
      INFO(role);
      nlohmann::json restored = *cluster.find(role);
      nlohmann::json expected = object;
      for (nlohmann::json* each : {&restored, &expected}) {
        (*each)["metadata"].erase("resourceVersion");
        (*each)["metadata"].erase("managedFields");
      }
      CHECK(restored == expected);
    }
  }
}

TEST_CASE("plan: targets") {
  const Snapshot cluster = test::load_cluster("kubeadm-istio-1.6");
  PlanOptions options;
  options.target = Target::kube_dns;
  CHECK(labels(planned(cluster, options)) ==
        std::vector<std::string>{"kube-system/coredns Corefile (kube-dns, CoreDNS 1.6.2)"});
  options.target = Target::istiocoredns;
  const Plan istio = planned(cluster, options);
  CHECK(labels(istio) ==
        std::vector<std::string>{"istio-system/coredns Corefile (istiocoredns, CoreDNS 1.6.2)"});
  CHECK(istio.notes.size() == 1);  // no platform note: kube-dns is not looked at
}

TEST_CASE("plan: zones and --upstream") {
  const Snapshot cluster = test::load_cluster("kubeadm-istio-1.6");
  PlanOptions options;
  options.zones = {"internal", "Corp.Example."};
  options.upstream = "10.96.0.99:53";
  const Plan plan = planned(cluster, options);
  REQUIRE(plan.writes.size() == 2);
  CHECK(plan.writes[0].after_text.find("grpc corp.example 127.0.0.1:8053") != std::string::npos);
  CHECK(plan.writes[1].after_text ==
        cat(test::data_of(cluster, role::kube_dns_configmap),
            "\ninternal:53 {\n    errors\n    cache 30\n    forward . 10.96.0.99:53\n}\n",
            "\ncorp.example:53 {\n    errors\n    cache 30\n    forward . 10.96.0.99:53\n}\n"));
}

TEST_CASE("plan: --coredns-version overrides both images") {
  PlanOptions options;
  options.coredns_version = corefile::Version{1, 8, 0};
  options.upstream = "10.96.0.99";
  CHECK(labels(planned(test::load_cluster("kubeadm-istio-1.20"), options)) ==
        std::vector<std::string>{"kube-system/coredns Corefile (kube-dns, CoreDNS 1.8.0)"});
  // Istio 1.3's Corefile uses proxy, which a CoreDNS 1.8.0 would not load.
  CHECK(refusal(test::load_cluster("kubeadm-istio-1.3"), options).what ==
        "istio-system/coredns: refusing to patch a Corefile that CoreDNS 1.8.0 would refuse");
}

TEST_CASE("plan: a zone forwarded elsewhere is updated in place") {
  Snapshot cluster = test::load_cluster("kubeadm-istio-1.6");
  const std::string original = test::data_of(cluster, role::kube_dns_configmap);
  cluster.objects[std::string(role::kube_dns_configmap)]["data"]["Corefile"] =
      cat(original, "\ninternal:53 {\n    errors\n    cache 30\n    forward . 10.96.0.61\n}\n");
  PlanOptions options;
  options.target = Target::kube_dns;
  const Plan plan = planned(cluster, options);
  REQUIRE(plan.writes.size() == 1);
  CHECK(plan.writes[0].after_text == cat(original, k_zone_block));
}

TEST_CASE("plan: lint gate, a Corefile CoreDNS would refuse is never written") {
  Snapshot cluster = test::load_cluster("kubeadm-istio-1.6");
  cluster.objects[std::string(role::kube_dns_configmap)]["data"]["Corefile"] =
      ".:53 {\n    errors\n    forward . /etc/resolv.conf\n";
  const Error error = refusal(cluster, patch_all());
  CHECK(error.code == Errc::refused);
  CHECK(format_error(error) ==
        "kube-system/coredns: refusing to patch a Corefile that CoreDNS 1.6.2 would refuse (line "
        "1: Unexpected EOF: the '{' on line 1 is never closed; add the missing '}')");
}

TEST_CASE("plan: proxy on CoreDNS 1.6.2 is refused with the first finding") {
  Snapshot cluster = test::load_cluster("kubeadm-istio-1.6");
  cluster.objects[std::string(role::kube_dns_configmap)]["data"]["Corefile"] =
      ".:53 {\n    errors\n    proxy . /etc/resolv.conf\n}\n";
  const Error error = refusal(cluster, patch_all());
  CHECK(error.code == Errc::refused);
  CHECK(error.what ==
        "kube-system/coredns: refusing to patch a Corefile that CoreDNS 1.6.2 would refuse");
  CHECK(starts_with(error.why, "line 3: "));
}

TEST_CASE("plan: the CoreDNS version must be readable, or given") {
  Snapshot cluster = test::load_cluster("kubeadm-istio-1.6");
  cluster.objects[std::string(role::kube_dns_deployment)]["spec"]["template"]["spec"]["containers"]
                 [0]["image"] =
      "k8s.gcr.io/coredns@sha256:12eb885b8685b1b13a04ecf5c23bc809c2e57917252fd7b0be9e9c00644e8ee5";
  PlanOptions options;
  options.target = Target::kube_dns;
  const Error error = refusal(cluster, options);
  CHECK(error.code == Errc::config);
  CHECK(error.fix == "pass --coredns-version, e.g. --coredns-version 1.6.2");
  options.coredns_version = corefile::Version{1, 6, 2};
  CHECK(planned(cluster, options).writes.size() == 1);

  cluster.objects.erase(std::string(role::kube_dns_deployment));
  options.coredns_version.reset();
  CHECK(format_error(refusal(cluster, options)) ==
        "cannot tell which CoreDNS version loads kube-system/coredns (deployment "
        "kube-system/coredns was not found; pass --coredns-version, e.g. --coredns-version 1.6.2)");
}

TEST_CASE("plan: no reload plugin, so the write says CoreDNS must restart") {
  Snapshot cluster = test::load_cluster("kubeadm-istio-1.6");
  cluster.objects[std::string(role::kube_dns_configmap)]["data"]["Corefile"] =
      ".:53 {\n    errors\n    forward . /etc/resolv.conf\n}\n";
  PlanOptions options;
  options.target = Target::kube_dns;
  const Plan plan = planned(cluster, options);
  REQUIRE(plan.writes.size() == 1);
  CHECK_FALSE(plan.writes[0].has_reload_plugin);
  CHECK(plan.notes.back() ==
        "kube-system/coredns Corefile (kube-dns, CoreDNS 1.6.2): no reload plugin, so CoreDNS "
        "keeps the old Corefile until its pods restart (--restart rolls out deployment "
        "kube-system/coredns)");
}

TEST_CASE("plan: istiocoredns absent (Istio 1.20) is refused, pointing to DNS proxying") {
  const Snapshot cluster = test::load_cluster("kubeadm-istio-1.20");
  const Error error = refusal(cluster, patch_all());
  CHECK(error.code == Errc::refused);
  CHECK(format_error(error) ==
        "istiocoredns is not installed (no ConfigMap istio-system/coredns or Service "
        "istio-system/istiocoredns, as in every Istio since 1.9 (istio-system/istiod runs "
        "1.20.3); use Istio's DNS proxying instead (ISTIO_META_DNS_CAPTURE: \"true\" in "
        "meshConfig.defaultConfig.proxyMetadata): sidecars then answer ServiceEntry hosts and no "
        "Corefile changes, or pass --upstream with a DNS server that answers the zones)");
  PlanOptions kube_only;
  kube_only.target = Target::kube_dns;
  CHECK(refusal(cluster, kube_only).what == "istiocoredns is not installed");
  PlanOptions istio_only;
  istio_only.target = Target::istiocoredns;
  istio_only.upstream = "10.96.0.99";
  CHECK(refusal(cluster, istio_only).what == "istiocoredns is not installed");

  // With a server named, kube-dns forwards to it; istiocoredns is left alone.
  PlanOptions named;
  named.upstream = "10.96.0.99";
  const Plan plan = planned(cluster, named);
  CHECK(labels(plan) ==
        std::vector<std::string>{"kube-system/coredns Corefile (kube-dns, CoreDNS 1.10.1)"});
  CHECK(plan.notes[1] == "istiocoredns is not installed: its Corefile is left alone");
  // Unpatch needs no upstream and does not refuse.
  CHECK(planned(cluster, unpatch_all()).writes.empty());
}

TEST_CASE("plan: kube-dns needs the istiocoredns Service's address") {
  Snapshot cluster = test::load_cluster("kubeadm-istio-1.6");
  cluster.objects.erase(std::string(role::istiocoredns_service));
  CHECK(format_error(refusal(cluster, patch_all())) ==
        "no address to forward the zones to (Service istio-system/istiocoredns not found; pass "
        "--upstream with the istiocoredns cluster IP, e.g. --upstream 10.96.0.60)");
  cluster.objects[std::string(role::istiocoredns_service)] = {
      {"metadata", {{"name", "istiocoredns"}}}, {"spec", {{"clusterIP", "None"}}}};
  CHECK(refusal(cluster, patch_all()).why == "Service istio-system/istiocoredns has no cluster IP");
  PlanOptions options;
  options.upstream = "10.96.0.60";
  CHECK(planned(cluster, options).writes.size() == 2);
}

TEST_CASE("plan: bad zones and upstreams are usage errors") {
  const Snapshot cluster = test::load_cluster("kubeadm-istio-1.6");
  PlanOptions options;
  options.zones = {"in ternal"};
  CHECK(refusal(cluster, options).code == Errc::usage);
  options.zones = {"internal"};
  options.upstream = "istiocoredns.istio-system";
  const Error error = refusal(cluster, options);
  CHECK(error.code == Errc::usage);
}

TEST_CASE("plan: no cluster DNS configuration at all") {
  Snapshot cluster = test::load_cluster("kubeadm-istio-1.6");
  cluster.objects.erase(std::string(role::kube_dns_configmap));
  const Error error = refusal(cluster, patch_all());
  CHECK(error.code == Errc::config);
  CHECK(error.what == "cannot find the cluster's DNS configuration");
  PlanOptions istio_only;
  istio_only.target = Target::istiocoredns;
  CHECK(planned(cluster, istio_only).writes.size() == 1);
}

TEST_CASE("plan: a ConfigMap without its Corefile key") {
  Snapshot cluster = test::load_cluster("kubeadm-istio-1.6");
  cluster.objects[std::string(role::kube_dns_configmap)]["data"].erase("Corefile");
  CHECK(format_error(refusal(cluster, patch_all())) ==
        "ConfigMap kube-system/coredns has no Corefile key (the kube-dns Corefile is expected "
        "there; check `kubectl -n kube-system get configmap coredns -o yaml`)");
}

}  // namespace
}  // namespace meshdns::cluster_dns
