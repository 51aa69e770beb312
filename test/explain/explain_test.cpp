#include "support/test_data.hpp"

#include <meshdns/corefile/engine.hpp>
#include <meshdns/explain/explain.hpp>
#include <meshdns/text.hpp>

#include <catch2/catch.hpp>

#include <string>
#include <vector>

namespace meshdns::explain {

namespace {

const std::string k_alias = "my-fruits.internal";
const std::string k_target = "fruits-api-service.micro-shake-factory.svc.cluster.local";

// What explain said, one "step:verdict" a hop: the shape of the path.
std::string path_of(const Explanation& explanation) {
  std::vector<std::string> steps;
  for (const Hop& hop : explanation.hops) {
    const char* verdict = hop.verdict == Verdict::ok       ? "ok"
                          : hop.verdict == Verdict::broken ? "BROKEN"
                                                           : "note";
    steps.push_back(cat(hop.step, ":", verdict));
  }
  return join(steps, " ");
}

std::string patched(const std::string& corpus, corefile::Kind kind, const std::string& upstream,
                    corefile::Version version) {
  corefile::PatchOptions options;
  options.kind = kind;
  options.upstream = upstream;
  options.coredns_version = version;
  const Result<std::string> out = corefile::patch(test::corpus_corefile(corpus), options);
  REQUIRE(out.has_value());
  return *out;
}

ServiceEntryFacts fruits_entry(std::string address = "10.96.0.50") {
  return {"micro-shake-factory", "my-fruits-internal", {k_alias}, {std::move(address)}, {k_target}};
}

ServiceFacts fruits_service(std::string cluster_ip = "10.96.0.50") {
  return {"micro-shake-factory", "fruits-api-service", "ClusterIP", std::move(cluster_ip)};
}

// Istio 1.6 on kubeadm: both Corefiles as `corefile patch` writes them.
Input istiocoredns_cluster() {
  Input input;
  input.name = k_alias;
  input.pod_namespace = "shop";
  input.backend = Backend::istiocoredns;
  input.kube_dns = {
      "configmap/coredns -n kube-system",
      patched("kubeadm-k8s1.21plus-ikeeip", corefile::Kind::kube_dns, "10.96.0.60", {1, 6, 2}),
      {1, 6, 2},
      {}};
  input.istiocoredns = CorefileFacts{"configmap/coredns -n istio-system",
                                     patched("istio-1.4.0-to-1.8.6-istiocoredns-grpc-coredns1.6.2",
                                             corefile::Kind::istiocoredns, "", {1, 6, 2}),
                                     {1, 6, 2},
                                     {}};
  input.istiocoredns_ip = "10.96.0.60";
  input.services = {fruits_service()};
  input.service_entries = {fruits_entry()};
  return input;
}

const std::string k_kubeadm_rewrite =
    ".:53 {\n    errors\n    kubernetes cluster.local in-addr.arpa ip6.arpa {\n"
    "       pods insecure\n       fallthrough in-addr.arpa ip6.arpa\n    }\n"
    "    rewrite name exact my-fruits.internal " +
    k_target + "\n    forward . /etc/resolv.conf\n    cache 30\n}\n";

// CoreDNS 1.11 and Istio 1.24 (no istiocoredns): the rewrite line, and the ServiceEntry sidecars
// route by.
Input coredns_cluster() {
  Input input;
  input.name = k_alias;
  input.pod_namespace = "shop";
  input.backend = Backend::coredns;
  input.kube_dns = {"configmap/coredns -n kube-system", k_kubeadm_rewrite, {1, 11, 3}, {}};
  input.services = {fruits_service()};
  input.service_entries = {fruits_entry()};
  return input;
}

}  // namespace

TEST_CASE("explain::search_expansions", "[explain]") {
  CHECK(search_expansions("my-fruits.internal", "shop", "cluster.local", 5) ==
        std::vector<std::string>{"my-fruits.internal.shop.svc.cluster.local",
                                 "my-fruits.internal.svc.cluster.local",
                                 "my-fruits.internal.cluster.local", "my-fruits.internal"});
  CHECK(search_expansions("a.b.c.d.e.f", "shop", "cluster.local", 5) ==
        std::vector<std::string>{"a.b.c.d.e.f"});
}

TEST_CASE("explain: istiocoredns backend, healthy and broken", "[explain]") {
  const Explanation healthy = explain(istiocoredns_cluster());
  CHECK(path_of(healthy) == "pod:ok kube-dns:ok istiocoredns:ok answer:ok");
  CHECK(healthy.answer == std::vector<std::string>{"10.96.0.50"});
  CHECK(healthy.hops[1].detail.find("forward sends it to 10.96.0.60 (istiocoredns)") !=
        std::string::npos);
  CHECK(healthy.hops[2].detail.find("grpc internal 127.0.0.1:8053") != std::string::npos);

  SECTION("zone not forwarded") {
    Input input = istiocoredns_cluster();
    input.kube_dns.text = test::corpus_corefile("kubeadm-k8s1.21plus-ikeeip");
    const Explanation out = explain(input);
    CHECK(path_of(out) == "pod:ok kube-dns:BROKEN");
    CHECK(out.hops[1].line == 1);
    CHECK(out.hops[1].fix == "kubectl meshdns corefile patch --zone internal");
    CHECK_FALSE(out.resolves());
  }
  SECTION("kube-dns forwards to an old istiocoredns address") {
    Input input = istiocoredns_cluster();
    input.istiocoredns_ip = "10.96.0.61";
    const Explanation out = explain(input);
    CHECK(path_of(out) == "pod:ok kube-dns:BROKEN");
    CHECK(out.hops[1].detail.find("istiocoredns's cluster IP is 10.96.0.61") != std::string::npos);
  }
  SECTION("istiocoredns's grpc line missing") {
    Input input = istiocoredns_cluster();
    input.istiocoredns->text =
        test::corpus_corefile("istio-1.4.0-to-1.8.6-istiocoredns-grpc-coredns1.6.2");
    const Explanation out = explain(input);
    CHECK(path_of(out) == "pod:ok kube-dns:ok istiocoredns:BROKEN");
    CHECK(out.hops[2].fix ==
          "kubectl meshdns corefile patch --target istiocoredns --zone internal");
  }
  SECTION("ServiceEntry missing") {
    Input input = istiocoredns_cluster();
    input.service_entries.clear();
    const Explanation out = explain(input);
    CHECK(path_of(out) == "pod:ok kube-dns:ok istiocoredns:ok answer:BROKEN");
    CHECK(out.hops.back().fix == "kubectl meshdns alias SERVICE my-fruits.internal -n NAMESPACE");
  }
  SECTION("Service recreated with a new IP") {
    Input input = istiocoredns_cluster();
    input.services = {fruits_service("10.96.0.77")};
    const Explanation out = explain(input);
    CHECK(path_of(out) == "pod:ok kube-dns:ok istiocoredns:ok answer:BROKEN");
    CHECK(out.hops.back().detail.find("now has cluster IP 10.96.0.77") != std::string::npos);
    CHECK(out.hops.back().fix ==
          "kubectl meshdns alias fruits-api-service my-fruits.internal -n micro-shake-factory");
  }
  SECTION("no istiocoredns on the cluster") {
    Input input = istiocoredns_cluster();
    input.istiocoredns.reset();
    CHECK(path_of(explain(input)) == "pod:ok kube-dns:ok istiocoredns:BROKEN");
  }
}

TEST_CASE("explain: coredns backend, healthy and broken", "[explain]") {
  const Explanation healthy = explain(coredns_cluster());
  CHECK(path_of(healthy) == "pod:ok kube-dns:ok rewrite:ok answer:ok");
  CHECK(healthy.answer == std::vector<std::string>{"10.96.0.50"});
  CHECK(healthy.hops[1].detail.find("plugins in order: errors, cache, rewrite, kubernetes, "
                                    "forward") != std::string::npos);
  CHECK(healthy.hops[2].line == 7);

  SECTION("rewrite line lost to drift") {
    Input input = coredns_cluster();
    input.kube_dns.text = test::corpus_corefile("kubeadm-k8s1.21plus-ikeeip");
    const Explanation out = explain(input);
    CHECK(path_of(out) == "pod:ok kube-dns:ok rewrite:BROKEN");
    CHECK(out.hops[2].fix ==
          "kubectl meshdns alias fruits-api-service my-fruits.internal -n micro-shake-factory");
  }
  SECTION("an internal:53 block wins the name") {
    Input input = coredns_cluster();
    input.kube_dns.text += "internal:53 {\n    errors\n    cache 30\n    forward . 10.96.0.60\n}\n";
    const Explanation out = explain(input);
    CHECK(path_of(out) == "pod:ok kube-dns:BROKEN");
    CHECK(out.hops[1].line == 11);
  }
  SECTION("Service recreated: the ServiceEntry sidecars use is stale") {
    Input input = coredns_cluster();
    input.services = {fruits_service("10.96.0.77")};
    CHECK(path_of(explain(input)) == "pod:ok kube-dns:ok rewrite:ok answer:BROKEN");
  }
  SECTION("no Istio: no ServiceEntry needed") {
    Input input = coredns_cluster();
    input.service_entries.clear();
    CHECK(path_of(explain(input)) == "pod:ok kube-dns:ok rewrite:ok answer:ok");
  }
  SECTION("target Service missing") {
    Input input = coredns_cluster();
    input.services.clear();
    CHECK(path_of(explain(input)) == "pod:ok kube-dns:ok rewrite:ok answer:BROKEN");
  }
  SECTION("CoreDNS before 1.2.5") {
    Input input = coredns_cluster();
    input.kube_dns.version = {1, 2, 0};
    CHECK(path_of(explain(input)) == "pod:ok kube-dns:ok rewrite:BROKEN");
  }
  SECTION("k3s: the rewrite sits in a coredns-custom .override key") {
    Input input = coredns_cluster();
    input.kube_dns.text = test::corpus_corefile("k3s-coredns-1.11.0-import-custom");
    input.kube_dns.overrides = {
        {"meshdns.override", cat("rewrite name exact my-fruits.internal ", k_target, "\n")}};
    const Explanation out = explain(input);
    CHECK(path_of(out) == "pod:ok kube-dns:ok rewrite:ok answer:ok");
    CHECK(out.hops[2].object == "configmap/coredns -n kube-system (meshdns.override)");
    CHECK(out.hops[2].line == 1);
  }
  SECTION("the search-list trap: a namespace named like the zone") {
    Input input = coredns_cluster();
    input.services.push_back({"internal", "my-fruits", "ClusterIP", "10.96.0.99"});
    const Explanation out = explain(input);
    CHECK(path_of(out) == "pod:BROKEN");
    CHECK(out.hops[0].detail.find("asks my-fruits.internal.svc.cluster.local first") !=
          std::string::npos);
  }
  SECTION("NodeLocal DNSCache sends the zone upstream") {
    Input input = coredns_cluster();
    input.node_local = CorefileFacts{"configmap/node-local-dns -n kube-system",
                                     test::corpus_corefile("k8s-addon-nodelocaldns"),
                                     {1, 11, 3},
                                     {}};
    const Explanation broken = explain(input);
    CHECK(path_of(broken) == "pod:ok node-local:BROKEN");
    CHECK(broken.hops[1].line == 38);

    input.node_local->text = patched("k8s-addon-nodelocaldns", corefile::Kind::node_local,
                                     "__PILLAR__CLUSTER__DNS__", {1, 11, 3});
    CHECK(path_of(explain(input)) == "pod:ok node-local:ok kube-dns:ok rewrite:ok answer:ok");
  }
}

TEST_CASE("explain: dns-proxy backend", "[explain]") {
  Input input = coredns_cluster();
  input.backend = Backend::dns_proxy;
  input.kube_dns.text = test::corpus_corefile("kubeadm-k8s1.21plus-ikeeip");
  CHECK(path_of(explain(input)) == "pod:ok sidecar:BROKEN");
  input.dns_capture = true;
  const Explanation out = explain(input);
  CHECK(path_of(out) == "pod:ok sidecar:ok answer:ok");
  CHECK(out.answer == std::vector<std::string>{"10.96.0.50"});
}

}  // namespace meshdns::explain
