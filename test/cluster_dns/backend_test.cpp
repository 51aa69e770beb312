#include "cluster_dns/cluster_fixture.hpp"

#include <meshdns/cluster_dns/backend.hpp>
#include <meshdns/text.hpp>

#include <catch2/catch.hpp>

namespace meshdns::cluster_dns {
namespace {

using test::load_cluster;

// The fixture with its mesh config's `mesh` key replaced (DNS capture on or off).
Snapshot with_mesh(std::string_view cluster, std::string mesh) {
  Snapshot snapshot = load_cluster(cluster);
  REQUIRE(snapshot.mesh_configs.size() == 1);
  snapshot.mesh_configs.front()["data"]["mesh"] = std::move(mesh);
  return snapshot;
}

const std::string k_capture =
    "defaultConfig:\n  proxyMetadata:\n    ISTIO_META_DNS_CAPTURE: \"true\"\n";

TEST_CASE("cluster_dns::choose_backend auto: the fixture clusters") {
  struct Row {
    const char* cluster;
    Backend backend;
    bool service_entry;
    const char* evidence;
  };
  const std::vector<Row> rows = {
      {"kubeadm-istio-1.3", Backend::istiocoredns, true,
       "Deployment istio-system/istiocoredns exists"},
      {"kubeadm-istio-1.6", Backend::istiocoredns, true,
       "Deployment istio-system/istiocoredns exists"},
      {"kubeadm-istio-1.20", Backend::coredns, true,
       "no Deployment istio-system/istiocoredns; Istio's CRDs are served: the ServiceEntry too, "
       "so sidecars route the alias"},
      {"kubeadm-istio-1.24", Backend::coredns, true,
       "no Deployment istio-system/istiocoredns; Istio's CRDs are served: the ServiceEntry too, "
       "so sidecars route the alias"},
      {"k3s-no-istio", Backend::coredns, false,
       "no Deployment istio-system/istiocoredns; networking.istio.io is not served: rewrite only, "
       "no ServiceEntry"},
      {"ambient-istio-1.25", Backend::coredns, false,
       "no Deployment istio-system/istiocoredns; ambient mode (DaemonSet istio-system/ztunnel): "
       "rewrite only, no ServiceEntry"},
  };
  for (const Row& row : rows) {
    INFO(row.cluster);
    const Result<BackendChoice> choice =
        choose_backend(load_cluster(row.cluster), Backend::automatic);
    REQUIRE(choice);
    CHECK(choice->backend == row.backend);
    CHECK(choice->automatic);
    CHECK(choice->service_entry == row.service_entry);
    CHECK(choice->evidence == row.evidence);
    CHECK(choice->warnings.empty());
  }
}

TEST_CASE("cluster_dns::choose_backend auto: dns-proxy only when capture is on mesh-wide") {
  const Result<BackendChoice> capture =
      choose_backend(with_mesh("kubeadm-istio-1.24", k_capture), Backend::automatic);
  REQUIRE(capture);
  CHECK(capture->backend == Backend::dns_proxy);
  CHECK(capture->service_entry);
  CHECK(describe(*capture) ==
        "backend: dns-proxy (auto: no Deployment istio-system/istiocoredns; the mesh config "
        "(ConfigMap istio-system/istio) sets ISTIO_META_DNS_CAPTURE=true mesh-wide: ServiceEntry "
        "only)");
  REQUIRE(capture->warnings.size() == 1);
  CHECK(starts_with(capture->warnings.front(),
                    "with the dns-proxy backend only pods with an Istio sidecar resolve the alias; "
                    "pods without one (namespaces without istio-injection"));

  // A second revision whose mesh config does not capture: not mesh-wide.
  Snapshot two = with_mesh("kubeadm-istio-1.24", k_capture);
  nlohmann::json canary = two.mesh_configs.front();
  canary["metadata"]["name"] = "istio-canary";
  canary["data"]["mesh"] = "defaultConfig:\n  proxyMetadata: {}\n";
  two.mesh_configs.push_back(canary);
  const Result<BackendChoice> split = choose_backend(two, Backend::automatic);
  REQUIRE(split);
  CHECK(split->backend == Backend::coredns);

  // Ambient wins over capture: ztunnel is no sidecar, the rewrite serves every pod.
  Snapshot ambient = with_mesh("ambient-istio-1.25", k_capture);
  const Result<BackendChoice> ztunnel = choose_backend(ambient, Backend::automatic);
  REQUIRE(ztunnel);
  CHECK(ztunnel->backend == Backend::coredns);
  CHECK_FALSE(ztunnel->service_entry);
}

TEST_CASE("cluster_dns::choose_backend: the user's --backend") {
  const Result<BackendChoice> coredns =
      choose_backend(load_cluster("kubeadm-istio-1.6"), Backend::coredns);
  REQUIRE(coredns);
  CHECK(coredns->backend == Backend::coredns);
  CHECK_FALSE(coredns->automatic);
  CHECK(coredns->service_entry);
  CHECK(describe(*coredns) ==
        "backend: coredns (asked with --backend; Istio's CRDs are served: the ServiceEntry too, "
        "so sidecars route the alias)");

  const Result<BackendChoice> proxy =
      choose_backend(load_cluster("kubeadm-istio-1.24"), Backend::dns_proxy);
  REQUIRE(proxy);
  CHECK(proxy->backend == Backend::dns_proxy);
  CHECK(proxy->service_entry);
  REQUIRE(proxy->warnings.size() == 1);
  CHECK(proxy->warnings.front().find("does not set ISTIO_META_DNS_CAPTURE: \"true\"") !=
        std::string::npos);
  CHECK(proxy->warnings.front().find("only pods that turn it on themselves") != std::string::npos);

  for (const Backend needs_istio : {Backend::dns_proxy, Backend::istiocoredns}) {
    const Result<BackendChoice> refused = choose_backend(load_cluster("k3s-no-istio"), needs_istio);
    REQUIRE_FALSE(refused);
    CHECK(refused.error().code == Errc::refused);
    CHECK(format_error(refused.error()) ==
          cat("--backend ", backend_name(needs_istio),
              " needs Istio's ServiceEntry (the cluster does not serve networking.istio.io "
              "(Istio's CRDs are not installed); use --backend coredns (or auto), which needs no "
              "Istio)"));
  }
}

TEST_CASE("cluster_dns::parse_backend") {
  for (const char* name : {"auto", "istiocoredns", "coredns", "dns-proxy"}) {
    const Result<Backend> parsed = parse_backend(name);
    REQUIRE(parsed);
    CHECK(backend_name(*parsed) == name);
  }
  const Result<Backend> bad = parse_backend("dnsproxy");
  REQUIRE_FALSE(bad);
  CHECK(bad.error().code == Errc::usage);
  CHECK(bad.error().what == "invalid --backend \"dnsproxy\"");
}

TEST_CASE("cluster_dns::dns_capture_enabled") {
  struct Row {
    const char* mesh;
    bool enabled;
  };
  const Row rows[] = {
      {"defaultConfig:\n  proxyMetadata:\n    ISTIO_META_DNS_CAPTURE: \"true\"\n", true},
      {"defaultConfig:\n  proxyMetadata:\n    ISTIO_META_DNS_CAPTURE: true\n", true},
      {"defaultConfig:\n  proxyMetadata:\n    ISTIO_META_DNS_CAPTURE: \"false\"\n", false},
      {"defaultConfig:\n  proxyMetadata: {}\n", false},
      {"trustDomain: cluster.local\n", false},
      {"", false},
      {"{not yaml", false},
  };
  for (const Row& row : rows) {
    INFO(row.mesh);
    CHECK(dns_capture_enabled(row.mesh) == row.enabled);
  }
}

}  // namespace
}  // namespace meshdns::cluster_dns
