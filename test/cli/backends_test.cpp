// End-to-end tests of the backends (SPEC §3.6, issue #16): `alias`, `alias -f`, `alias delete`,
// `alias list` and `corefile patch|unpatch|status --backend` against the strict stand-in API server
// seeded with the cluster fixtures of test/cluster_dns/clusters/ and the quick start's Services
// (test/cli/seeds/micro-shake-factory.yaml). What the cluster holds afterwards is read back with
// python3's urllib, not with the tool under test; the request log shows what was written.

#include "support/api_call.hpp"
#include "support/apiserver.hpp"
#include "support/process.hpp"
#include "support/skip.hpp"
#include "support/temp_dir.hpp"

#include <meshdns/text.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <string>
#include <vector>

namespace meshdns::test {
namespace {

const std::string k_clusters = MESHDNS_SOURCE_DIR "/test/cluster_dns/clusters/";
const std::string k_workload = MESHDNS_SOURCE_DIR "/test/cli/seeds/micro-shake-factory.yaml";
const std::string k_kube_system = "/api/v1/namespaces/kube-system/configmaps/";
const std::string k_entries =
    "/apis/networking.istio.io/v1/namespaces/micro-shake-factory/serviceentries";
const std::string k_fruits_line =
    "rewrite name exact my-fruits.internal "
    "fruits-api-service.micro-shake-factory.svc.cluster.local";

enum class Istio { served, absent };

// A cluster fixture plus the workload, the kubeconfig's namespace micro-shake-factory.
struct Cluster {
  explicit Cluster(const std::string& fixture, Istio istio = Istio::served)
      : api(options(fixture, istio)),
        kubeconfig(api.write_kubeconfig(KubeconfigAuth::token, "micro-shake-factory")) {}

  static ApiServerOptions options(const std::string& fixture, Istio istio) {
    ApiServerOptions out;
    out.seed_files = {k_clusters + fixture, k_workload};
    if (istio == Istio::absent) {
      out.extra_args = {"--without-group", "networking.istio.io"};
    }
    return out;
  }

  ProcessResult meshdns(std::vector<std::string> args) const {
    args.insert(args.begin(), {"--kubeconfig", kubeconfig});
    return run_meshdns(args);
  }

  // One request as another client; the answer's body as JSON (a Status for an error).
  nlohmann::json call(const std::string& method, const std::string& path,
                      const std::string& body = "") const {
    return ::meshdns::test::call(api, method, path, body);
  }

  std::string data(const std::string& configmap, const std::string& key = "Corefile") const {
    const nlohmann::json object = call("GET", k_kube_system + configmap);
    INFO(object.dump());
    return object.at("data").at(key).get<std::string>();
  }

  // "METHOD path" of every request that tried to change something.
  std::vector<std::string> writes() const {
    std::vector<std::string> out;
    const nlohmann::json log = nlohmann::json::parse(api.requests_json());
    for (const nlohmann::json& entry : log.at("requests")) {
      const std::string method = entry.at("method").get<std::string>();
      if (method != "GET") {
        out.push_back(cat(method, ' ', entry.at("path").get<std::string>()));
      }
    }
    return out;
  }

  ApiServer api;
  std::string kubeconfig;
};

std::size_t count_of(const std::vector<std::string>& lines, const std::string& line) {
  return static_cast<std::size_t>(std::count(lines.begin(), lines.end(), line));
}

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

#define REQUIRE_EXIT(run, code)                                   \
  do {                                                            \
    INFO("stdout:\n" << (run).out << "\nstderr:\n" << (run).err); \
    REQUIRE((run).exit_code == (code));                           \
  } while (false)

#define REQUIRE_STANDIN() \
  MESHDNS_SKIP_UNLESS(ApiServer::available(), "python3 with PyYAML or openssl is missing")

}  // namespace

TEST_CASE("cli::backends kubeadm + Istio 1.24 without istiocoredns: auto -> coredns + SE",
          "[cli][backends][apiserver]") {
  REQUIRE_STANDIN();
  const Cluster cluster("kubeadm-istio-1.24.yaml");
  const std::string before = cluster.data("coredns");
  cluster.api.reset();

  const ProcessResult alias = cluster.meshdns({"alias", "fruits-api", "my-fruits.internal"});
  REQUIRE_EXIT(alias, 0);
  CHECK(starts_with(alias.err,
                    "backend: coredns (auto: no Deployment istio-system/istiocoredns; Istio's "
                    "CRDs are served: the ServiceEntry too, so sidecars route the alias)\n"));
  CHECK(alias.out ==
        "configmap/coredns -n kube-system patched\n"
        "serviceentry.networking.istio.io/my-fruits-internal serverside-applied\n");
  const std::string after = cluster.data("coredns");
  CHECK(has(after, cat("    ", k_fruits_line, "\n    kubernetes cluster.local")));
  // The same address as the rewrite answers: the Service's cluster IP.
  const nlohmann::json entry = cluster.call("GET", k_entries + "/my-fruits-internal");
  CHECK(entry.at("spec").at("addresses") == nlohmann::json::array({"10.96.0.50"}));
  CHECK(count_of(cluster.writes(), "PUT " + k_kube_system + "coredns") == 1);

  SECTION("list, status, drift and patch, delete gives back the bytes") {
    const ProcessResult list = cluster.meshdns({"alias", "list"});
    REQUIRE_EXIT(list, 0);
    CHECK(has(list.out,
              "my-fruits.internal   fruits-api-service   micro-shake-factory   10.96.0.50"));

    REQUIRE_EXIT(cluster.meshdns({"corefile", "status"}), 0);
    // A platform puts its Corefile back: status names the lost line, patch restores it.
    nlohmann::json reverted = cluster.call("GET", k_kube_system + "coredns");
    reverted["data"]["Corefile"] = before;
    cluster.call("PUT", k_kube_system + "coredns", reverted.dump());
    const ProcessResult drifted = cluster.meshdns({"corefile", "status"});
    REQUIRE_EXIT(drifted, 1);
    CHECK(has(drifted.out, "drifted    kube-system/coredns Corefile (kube-dns, CoreDNS 1.11.3)"));
    CHECK(has(drifted.out, "lost: the rewrite line of my-fruits.internal"));
    const ProcessResult json = cluster.meshdns({"corefile", "status", "-o", "json"});
    REQUIRE_EXIT(json, 1);
    CHECK(nlohmann::json::parse(json.out).at("corefiles")[0].at("lostAliases") ==
          nlohmann::json::array({"my-fruits.internal"}));
    const ProcessResult patch = cluster.meshdns({"corefile", "patch"});
    REQUIRE_EXIT(patch, 0);
    CHECK(has(patch.err, "backend: coredns (auto: "));
    CHECK(cluster.data("coredns") == after);
    REQUIRE_EXIT(cluster.meshdns({"corefile", "status"}), 0);

    cluster.api.reset();
    const ProcessResult deleted = cluster.meshdns({"alias", "delete", "my-fruits.internal"});
    REQUIRE_EXIT(deleted, 0);
    CHECK(deleted.out ==
          "configmap/coredns -n kube-system unpatched\n"
          "serviceentry.networking.istio.io \"my-fruits-internal\" deleted\n");
    CHECK(cluster.data("coredns") == before);
    const nlohmann::json stored = cluster.call("GET", k_kube_system + "coredns");
    CHECK_FALSE(stored.at("metadata").contains("annotations"));
    CHECK(cluster.call("GET", k_entries + "/my-fruits-internal").at("code") == 404);
  }

  SECTION("alias -f: every alias in one conditional write") {
    TempDir dir;
    std::string list;
    for (int i = 0; i < 40; ++i) {
      list += cat("- {service: ", i % 2 == 0 ? "fruits-api-service" : "shakes-api-service",
                  ", fqdn: alias-", i, ".bulk.internal}\n");
    }
    cluster.api.reset();
    const ProcessResult bulk = cluster.meshdns({"alias", "-f", dir.write("aliases.yaml", list)});
    REQUIRE_EXIT(bulk, 0);
    const std::vector<std::string> sent = cluster.writes();
    CHECK(count_of(sent, "PUT " + k_kube_system + "coredns") == 1);
    const std::string corefile = cluster.data("coredns");
    CHECK(has(corefile,
              "rewrite name exact alias-0.bulk.internal "
              "fruits-api-service.micro-shake-factory.svc.cluster.local\n"));
    CHECK(has(corefile,
              "rewrite name exact alias-39.bulk.internal "
              "shakes-api-service.micro-shake-factory.svc.cluster.local\n"));
    CHECK(has(corefile, k_fruits_line));  // the first alias stays
    // unpatch gives back the Corefile from before every alias.
    const ProcessResult unpatch = cluster.meshdns({"corefile", "unpatch", "--backend", "coredns"});
    REQUIRE_EXIT(unpatch, 0);
    CHECK(cluster.data("coredns") == before);
  }

  SECTION("--dry-run=client writes nothing") {
    cluster.api.reset();
    const ProcessResult dry =
        cluster.meshdns({"alias", "shakes-api-service", "shakes.internal", "--dry-run=client"});
    REQUIRE_EXIT(dry, 0);
    // What would be sent, printed: the ConfigMap with the line, then the ServiceEntry.
    CHECK(has(dry.out, "kind: ConfigMap"));
    CHECK(has(dry.out,
              "rewrite name exact shakes.internal "
              "shakes-api-service.micro-shake-factory.svc.cluster.local"));
    CHECK(has(dry.out, "kind: ServiceEntry"));
    CHECK(cluster.writes().empty());
  }
}

TEST_CASE("cli::backends k3s without Istio: coredns-custom .override, coredns untouched",
          "[cli][backends][apiserver]") {
  REQUIRE_STANDIN();
  const Cluster cluster("k3s-no-istio.yaml", Istio::absent);
  const nlohmann::json k3s_before = cluster.call("GET", k_kube_system + "coredns");
  cluster.api.reset();

  const ProcessResult alias = cluster.meshdns({"alias", "fruits-api", "my-fruits.internal"});
  REQUIRE_EXIT(alias, 0);
  CHECK(starts_with(alias.err,
                    "backend: coredns (auto: no Deployment istio-system/istiocoredns; "
                    "networking.istio.io is not served: rewrite only, no ServiceEntry)\n"));
  CHECK_FALSE(has(alias.err, "error"));
  CHECK(alias.out == "configmap/coredns-custom -n kube-system created\n");
  CHECK(cluster.data("coredns-custom", "meshdns.override") == cat(k_fruits_line, "\n"));
  // The k3s-managed Corefile is left exactly as it was.
  const nlohmann::json k3s_after = cluster.call("GET", k_kube_system + "coredns");
  CHECK(k3s_after.at("metadata").at("resourceVersion") ==
        k3s_before.at("metadata").at("resourceVersion"));
  for (const std::string& write : cluster.writes()) {
    CHECK_FALSE(has(write, "networking.istio.io"));
    CHECK(write != "PUT " + k_kube_system + "coredns");
  }

  const ProcessResult list = cluster.meshdns({"alias", "list"});
  REQUIRE_EXIT(list, 0);
  CHECK(
      has(list.out, "my-fruits.internal   fruits-api-service   micro-shake-factory   10.96.0.50"));

  // Without a ServiceEntry the record says who owns the alias: another Service needs --force.
  const ProcessResult taken = cluster.meshdns({"alias", "shakes-api", "my-fruits.internal"});
  REQUIRE_EXIT(taken, 1);
  CHECK(ends_with(taken.err,
                  "error: alias my-fruits.internal already points at Service "
                  "micro-shake-factory/fruits-api-service (kube-dns's rewrite line for it answers "
                  "with that Service; run kubectl meshdns alias delete my-fruits.internal -n "
                  "micro-shake-factory first, or pass --force to move it)\n"));
  CHECK(cluster.data("coredns-custom", "meshdns.override") == cat(k_fruits_line, "\n"));

  const ProcessResult deleted = cluster.meshdns({"alias", "delete", "my-fruits.internal"});
  REQUIRE_EXIT(deleted, 0);
  CHECK(deleted.out == "configmap/coredns-custom -n kube-system unpatched\n");
  CHECK_FALSE(cluster.call("GET", k_kube_system + "coredns-custom").contains("data"));

  const ProcessResult proxy =
      cluster.meshdns({"alias", "fruits-api", "my-fruits.internal", "--backend", "dns-proxy"});
  REQUIRE_EXIT(proxy, 1);
  CHECK(proxy.err ==
        "error: --backend dns-proxy needs Istio's ServiceEntry (the cluster does not serve "
        "networking.istio.io (Istio's CRDs are not installed); use --backend coredns (or auto), "
        "which needs no Istio)\n");
}

TEST_CASE("cli::backends --backend coredns per platform", "[cli][backends][apiserver]") {
  REQUIRE_STANDIN();
  struct Row {
    std::string fixture;
    std::string object;   // the ConfigMap that must hold the line
    std::string key;      // and its key
    std::string out;      // stdout of alias
    std::string warning;  // part of stderr, or ""
  };
  const std::vector<Row> rows = {
      {"aks.yaml", "coredns-custom", "meshdns.override",
       "configmap/coredns-custom -n kube-system patched\n"
       "serviceentry.networking.istio.io/my-fruits-internal serverside-applied\n",
       "AKS reconciles kube-system/coredns itself"},
      {"eks-addon.yaml", "coredns", "Corefile",
       "configmap/coredns -n kube-system patched\n"
       "serviceentry.networking.istio.io/my-fruits-internal serverside-applied\n",
       "belongs to the EKS managed add-on"},
  };
  for (const Row& row : rows) {
    DYNAMIC_SECTION(row.fixture) {
      const Cluster cluster(row.fixture);
      const ProcessResult alias =
          cluster.meshdns({"alias", "fruits-api", "my-fruits.internal", "--backend", "coredns"});
      REQUIRE_EXIT(alias, 0);
      CHECK(starts_with(alias.err, "backend: coredns (asked with --backend; "));
      CHECK(alias.out == row.out);
      CHECK(has(alias.err, row.warning));
      CHECK(has(cluster.data(row.object, row.key), k_fruits_line));
      cluster.api.reset();
      REQUIRE_EXIT(cluster.meshdns({"corefile", "patch", "--backend", "coredns"}), 0);
      CHECK(cluster.writes().empty());  // idempotent
      REQUIRE_EXIT(cluster.meshdns({"corefile", "status", "--backend", "coredns"}), 0);
    }
  }
}

TEST_CASE("cli::backends GKE kube-dns and OpenShift refuse the coredns backend",
          "[cli][backends][apiserver]") {
  REQUIRE_STANDIN();
  struct Row {
    std::string fixture;
    std::string err;
  };
  const std::vector<Row> rows = {
      {"gke-kube-dns.yaml",
       "error: the coredns backend cannot work on GKE's kube-dns (kube-dns (dnsmasq) has no "
       "rewrite: its ConfigMap kube-system/kube-dns takes stubDomains and upstreamNameservers "
       "only; use --backend dns-proxy (Istio sidecars with ISTIO_META_DNS_CAPTURE), or move the "
       "cluster to Cloud DNS for GKE and add the alias there as a record of a private zone or "
       "response policy)\n"},
      {"openshift.yaml",
       "error: the coredns backend cannot work on OpenShift (the DNS operator renders CoreDNS's "
       "Corefile itself and takes only forwarding rules (dnses.operator.openshift.io/default "
       "spec.servers), no rewrite; use --backend dns-proxy (OpenShift Service Mesh sidecars with "
       "ISTIO_META_DNS_CAPTURE), or serve the alias zone from a DNS server and forward it to that "
       "server with a spec.servers entry)\n"},
  };
  for (const Row& row : rows) {
    DYNAMIC_SECTION(row.fixture) {
      const Cluster cluster(row.fixture);
      cluster.api.reset();
      const ProcessResult alias =
          cluster.meshdns({"alias", "fruits-api", "my-fruits.internal", "--backend", "coredns"});
      REQUIRE_EXIT(alias, 1);
      CHECK(ends_with(alias.err, row.err));
      CHECK(cluster.writes().empty());  // no ServiceEntry either
    }
  }
}

TEST_CASE("cli::backends Istio 1.6 with istiocoredns: unchanged", "[cli][backends][apiserver]") {
  REQUIRE_STANDIN();
  const Cluster cluster("kubeadm-istio-1.6.yaml");
  const std::string before = cluster.data("coredns");
  const ProcessResult alias = cluster.meshdns({"alias", "fruits-api", "my-fruits.internal"});
  REQUIRE_EXIT(alias, 0);
  CHECK(alias.err ==
        "backend: istiocoredns (auto: Deployment istio-system/istiocoredns exists)\n"
        "warning: no Service is named fruits-api; using Service fruits-api-service, which selects "
        "app=fruits-api\n"
        "warning: kube-dns does not forward zone internal yet, so the alias does not resolve; run "
        "`kubectl meshdns corefile patch --zone internal`\n");
  CHECK(alias.out == "serviceentry.networking.istio.io/my-fruits-internal serverside-applied\n");
  CHECK(cluster.data("coredns") == before);
  const ProcessResult patch = cluster.meshdns({"corefile", "patch"});
  REQUIRE_EXIT(patch, 0);
  CHECK(starts_with(patch.err,
                    "backend: istiocoredns (auto: Deployment istio-system/istiocoredns exists)\n"));
  CHECK(has(cluster.data("coredns"), "internal:53 {"));
}

TEST_CASE("cli::backends ambient (ztunnel): the rewrite only", "[cli][backends][apiserver]") {
  REQUIRE_STANDIN();
  const Cluster cluster("ambient-istio-1.25.yaml");
  cluster.api.reset();
  const ProcessResult alias = cluster.meshdns({"alias", "fruits-api", "my-fruits.internal"});
  REQUIRE_EXIT(alias, 0);
  CHECK(starts_with(alias.err,
                    "backend: coredns (auto: no Deployment istio-system/istiocoredns; ambient "
                    "mode (DaemonSet istio-system/ztunnel): rewrite only, no ServiceEntry)\n"));
  CHECK(alias.out == "configmap/coredns -n kube-system patched\n");
  CHECK(has(cluster.data("coredns"), k_fruits_line));
  for (const std::string& write : cluster.writes()) {
    CHECK_FALSE(has(write, "serviceentries"));
  }
}

TEST_CASE("cli::backends dns-proxy: the ServiceEntry alone, and who resolves it",
          "[cli][backends][apiserver]") {
  REQUIRE_STANDIN();
  const Cluster cluster("kubeadm-istio-1.24.yaml");
  const std::string before = cluster.data("coredns");
  const ProcessResult asked =
      cluster.meshdns({"alias", "fruits-api", "my-fruits.internal", "--backend", "dns-proxy"});
  REQUIRE_EXIT(asked, 0);
  CHECK(has(asked.err, "warning: the mesh config does not set ISTIO_META_DNS_CAPTURE: \"true\""));
  CHECK(asked.out == "serviceentry.networking.istio.io/my-fruits-internal serverside-applied\n");
  CHECK(cluster.data("coredns") == before);

  // Capture on mesh-wide: auto picks dns-proxy and says which pods will not resolve the alias.
  nlohmann::json mesh = cluster.call("GET", "/api/v1/namespaces/istio-system/configmaps/istio");
  mesh["data"]["mesh"] = "defaultConfig:\n  proxyMetadata:\n    ISTIO_META_DNS_CAPTURE: \"true\"\n";
  cluster.call("PUT", "/api/v1/namespaces/istio-system/configmaps/istio", mesh.dump());
  const ProcessResult automatic = cluster.meshdns({"alias", "shakes-api", "shakes.internal"});
  REQUIRE_EXIT(automatic, 0);
  CHECK(starts_with(automatic.err, "backend: dns-proxy (auto: "));
  CHECK(has(automatic.err, "pods without one (namespaces without istio-injection"));
  CHECK(cluster.data("coredns") == before);
  const ProcessResult version = cluster.meshdns({"version"});
  CHECK(has(version.out, "Backend (auto): dns-proxy ("));
}

}  // namespace meshdns::test

namespace meshdns::test {

TEST_CASE("cli::backends the quick start's modern cluster: auto -> coredns offline",
          "[cli][backends]") {
  // examples/quickstart/run, step 5: the bundled kubeadm + Istio 1.24 folder and the workload.
  const TempDir dir;
  for (const std::string file : {"fruits-api/cluster-istio-1.24/01-kube-dns.yaml",
                                 "fruits-api/cluster-istio-1.24/02-istiod.yaml",
                                 "fruits-api/01-namespace.yaml", "fruits-api/03-service.yaml"}) {
    const ProcessResult copy =
        run_process({"/bin/cp", cat(MESHDNS_SOURCE_DIR, "/examples/", file), dir.path().string()});
    REQUIRE(copy.exit_code == 0);
  }
  ProcessOptions offline;
  offline.env["KUBECONFIG"] = "/nonexistent/kubeconfig";
  const ProcessResult run =
      run_meshdns({"alias", "fruits-api", "my-fruits.internal", "-n", "micro-shake-factory",
                   "--from-manifests", dir.path().string()},
                  offline);
  REQUIRE_EXIT(run, 0);
  CHECK(starts_with(run.err,
                    "backend: coredns (auto: no Deployment istio-system/istiocoredns; "
                    "Istio's CRDs are served"));
  CHECK(has(run.out, cat("    ", k_fruits_line, "\n")));
  CHECK(has(run.out, "---\napiVersion: networking.istio.io/v1\nkind: ServiceEntry\n"));
}

}  // namespace meshdns::test
