// End-to-end tests of `kubectl-meshdns explain` against the strict stand-in API server seeded with
// the cluster fixtures of test/cluster_dns/clusters/: each backend's path, healthy after the
// commands that set it up, and broken in the ways users meet (zone not forwarded, istiocoredns's
// grpc line gone, rewrite line lost, ServiceEntry missing, NodeLocal DNSCache, the search-list
// trap).

#include "support/apiserver.hpp"
#include "support/process.hpp"
#include "support/skip.hpp"
#include "support/temp_dir.hpp"

#include <meshdns/text.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>
#include <vector>

namespace meshdns::test {
namespace {

const std::string k_clusters = MESHDNS_SOURCE_DIR "/test/cluster_dns/clusters/";
const std::string k_workload = MESHDNS_SOURCE_DIR "/test/cli/seeds/micro-shake-factory.yaml";

struct Cluster {
  explicit Cluster(std::vector<std::string> seeds) : api(options_for(std::move(seeds))) {
    kubeconfig = api.write_kubeconfig(KubeconfigAuth::token, "micro-shake-factory");
  }

  static ApiServerOptions options_for(std::vector<std::string> seeds) {
    ApiServerOptions options;
    options.seed_files = std::move(seeds);
    return options;
  }

  ProcessResult meshdns(std::vector<std::string> args) const {
    args.insert(args.begin(), {"--kubeconfig", kubeconfig});
    return run_meshdns(args);
  }

  ApiServer api;
  std::string kubeconfig;
};

// "pod:ok kube-dns:BROKEN": the shape of the path in -o json.
std::string path_of(const ProcessResult& run) {
  const nlohmann::json out = nlohmann::json::parse(run.out);
  std::vector<std::string> steps;
  for (const nlohmann::json& hop : out.at("hops")) {
    steps.push_back(
        cat(hop.at("step").get<std::string>(), ":", hop.at("verdict").get<std::string>()));
  }
  return join(steps, " ");
}

#define REQUIRE_EXIT(run, code)                                   \
  do {                                                            \
    INFO("stdout:\n" << (run).out << "\nstderr:\n" << (run).err); \
    REQUIRE((run).exit_code == (code));                           \
  } while (false)

// CoreDNS 1.11.3 on a cluster without Istio, with or without the coredns backend's line, and
// optionally a namespace whose name turns the alias into a Service name.
std::string plain_cluster(bool rewrite_line, bool trap = false) {
  std::string corefile =
      "    .:53 {\n        errors\n        kubernetes cluster.local in-addr.arpa ip6.arpa {\n"
      "           pods insecure\n           fallthrough in-addr.arpa ip6.arpa\n        }\n";
  if (rewrite_line) {
    corefile +=
        "        rewrite name exact my-fruits.internal "
        "fruits-api-service.micro-shake-factory.svc.cluster.local\n";
  }
  corefile += "        forward . /etc/resolv.conf\n        cache 30\n        reload\n    }\n";
  std::string seed = cat(
      "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: coredns, namespace: kube-system}\n"
      "data:\n  Corefile: |\n",
      corefile,
      "---\napiVersion: apps/v1\nkind: Deployment\n"
      "metadata: {name: coredns, namespace: kube-system, labels: {k8s-app: kube-dns}}\n"
      "spec:\n  selector: {matchLabels: {k8s-app: kube-dns}}\n  template:\n"
      "    metadata: {labels: {k8s-app: kube-dns}}\n    spec:\n      containers:\n"
      "      - name: coredns\n        image: registry.k8s.io/coredns/coredns:v1.11.3\n"
      "        volumeMounts: [{name: config-volume, mountPath: /etc/coredns}]\n"
      "      volumes: [{name: config-volume, configMap: {name: coredns}}]\n"
      "---\napiVersion: v1\nkind: Service\n"
      "metadata: {name: kube-dns, namespace: kube-system}\n"
      "spec: {clusterIP: 10.96.0.10, selector: {k8s-app: kube-dns}, ports: [{name: dns, port: 53, "
      "protocol: UDP}]}\n");
  if (trap) {
    seed +=
        "---\napiVersion: v1\nkind: Namespace\nmetadata: {name: internal}\n"
        "---\napiVersion: v1\nkind: Service\nmetadata: {name: my-fruits, namespace: internal}\n"
        "spec: {clusterIP: 10.96.0.99, ports: [{name: http, port: 80}]}\n";
  }
  return seed;
}

}  // namespace

TEST_CASE("cli::explain istiocoredns (Istio 1.6): broken until patched and aliased",
          "[cli][explain][apiserver]") {
  MESHDNS_SKIP_UNLESS(ApiServer::available(), "python3 with PyYAML or openssl is missing");
  const Cluster cluster({k_clusters + "kubeadm-istio-1.6.yaml", k_workload});

  const ProcessResult before = cluster.meshdns({"explain", "my-fruits.internal"});
  REQUIRE_EXIT(before, 1);
  CHECK(before.out.find("2. kube-dns     BROKEN  configmap/coredns -n kube-system line 1: zone "
                        "internal is not forwarded") != std::string::npos);
  CHECK(before.out.find("   fix: kubectl meshdns corefile patch --zone internal\n") !=
        std::string::npos);
  CHECK(before.out.find("answer: none\n") != std::string::npos);

  REQUIRE_EXIT(cluster.meshdns({"corefile", "patch"}), 0);
  const ProcessResult no_entry = cluster.meshdns({"explain", "my-fruits.internal", "-o", "json"});
  REQUIRE_EXIT(no_entry, 1);
  CHECK(path_of(no_entry) == "pod:ok kube-dns:ok istiocoredns:ok answer:BROKEN");

  REQUIRE_EXIT(cluster.meshdns({"alias", "fruits-api-service", "my-fruits.internal"}), 0);
  const ProcessResult healthy = cluster.meshdns({"explain", "my-fruits.internal", "-o", "json"});
  REQUIRE_EXIT(healthy, 0);
  CHECK(path_of(healthy) == "pod:ok kube-dns:ok istiocoredns:ok answer:ok");
  const nlohmann::json out = nlohmann::json::parse(healthy.out);
  CHECK(out.at("name") == "my-fruits.internal");
  CHECK(out.at("backend") == "istiocoredns");
  CHECK(out.at("answer") == nlohmann::json::array({"10.96.0.50"}));
  CHECK(out.at("hops").at(2).at("detail").get<std::string>().find("grpc internal 127.0.0.1:8053") !=
        std::string::npos);

  // The alias completes, as verify's names do.
  ProcessOptions with_kubeconfig;
  with_kubeconfig.env["KUBECONFIG"] = cluster.kubeconfig;
  const ProcessResult completed = run_meshdns({"__complete", "explain", "my"}, with_kubeconfig);
  CHECK(completed.out.find("my-fruits.internal\t") == 0);

  REQUIRE_EXIT(cluster.meshdns({"corefile", "unpatch", "--target", "istiocoredns"}), 0);
  const ProcessResult no_grpc = cluster.meshdns({"explain", "my-fruits.internal", "-o", "json"});
  REQUIRE_EXIT(no_grpc, 1);
  CHECK(path_of(no_grpc) == "pod:ok kube-dns:ok istiocoredns:BROKEN");
}

TEST_CASE("cli::explain NodeLocal DNSCache: the zone must reach kube-dns",
          "[cli][explain][apiserver]") {
  MESHDNS_SKIP_UNLESS(ApiServer::available(), "python3 with PyYAML or openssl is missing");
  const Cluster cluster({k_clusters + "nodelocal.yaml", k_workload});
  const ProcessResult before = cluster.meshdns({"explain", "my-fruits.internal", "-o", "json"});
  REQUIRE_EXIT(before, 1);
  CHECK(path_of(before) == "pod:ok node-local:BROKEN");

  REQUIRE_EXIT(cluster.meshdns({"corefile", "patch"}), 0);
  REQUIRE_EXIT(cluster.meshdns({"alias", "fruits-api-service", "my-fruits.internal"}), 0);
  const ProcessResult after = cluster.meshdns({"explain", "my-fruits.internal", "-o", "json"});
  REQUIRE_EXIT(after, 0);
  CHECK(path_of(after) == "pod:ok node-local:ok kube-dns:ok istiocoredns:ok answer:ok");
}

TEST_CASE("cli::explain coredns backend on a cluster without Istio", "[cli][explain][apiserver]") {
  MESHDNS_SKIP_UNLESS(ApiServer::available(), "python3 with PyYAML or openssl is missing");
  TempDir dir;

  SECTION("the rewrite line answers with the Service's cluster IP") {
    const Cluster cluster({dir.write("dns.yaml", plain_cluster(true)), k_workload});
    const ProcessResult run = cluster.meshdns({"explain", "my-fruits.internal"});
    REQUIRE_EXIT(run, 0);
    CHECK(run.out.find("my-fruits.internal  backend: coredns") == 0);
    CHECK(run.out.find("3. rewrite      ok      configmap/coredns -n kube-system line 7: rewrite "
                       "name exact my-fruits.internal "
                       "fruits-api-service.micro-shake-factory.svc.cluster.local runs before "
                       "kubernetes") != std::string::npos);
    CHECK(run.out.find("answer: 10.96.0.50\n") != std::string::npos);
  }
  SECTION("the rewrite line lost to drift") {
    const Cluster cluster({dir.write("dns.yaml", plain_cluster(false)), k_workload});
    const ProcessResult run = cluster.meshdns({"explain", "my-fruits.internal", "-o", "json"});
    REQUIRE_EXIT(run, 1);
    CHECK(path_of(run) == "pod:ok kube-dns:ok rewrite:BROKEN");
  }
  SECTION("the search-list trap: namespace internal has a Service my-fruits") {
    const Cluster cluster({dir.write("dns.yaml", plain_cluster(true, true)), k_workload});
    const ProcessResult run = cluster.meshdns({"explain", "my-fruits.internal", "-o", "json"});
    REQUIRE_EXIT(run, 1);
    CHECK(path_of(run) == "pod:BROKEN");
  }
  SECTION("offline, from the same objects as manifests") {
    dir.write("state/dns.yaml", plain_cluster(true));
    const std::string folder = (dir.path() / "state").string();
    const ProcessResult run = run_meshdns(
        {"explain", "my-fruits.internal", "-n", "micro-shake-factory", "--from-manifests", folder});
    CHECK(run.exit_code == 1);  // the workload's Service is not among these manifests
    CHECK(run.out.find("answer:BROKEN") == std::string::npos);
    CHECK(run.out.find("Service micro-shake-factory/fruits-api-service does not exist") !=
          std::string::npos);
  }
}

TEST_CASE("cli::explain usage errors", "[cli][explain]") {
  const ProcessResult no_name = run_meshdns({"explain"});
  CHECK(no_name.exit_code == 2);
  const ProcessResult bad_output = run_meshdns({"explain", "a.internal", "-o", "yaml"});
  CHECK(bad_output.exit_code == 2);
}

}  // namespace meshdns::test
