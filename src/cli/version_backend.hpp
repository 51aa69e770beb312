#pragma once

// Which backend `--backend auto` picks for a cluster (SPEC §3.6), from what the cluster has:
// istiocoredns when its Service exists (Istio < 1.9 with the add-on), else Istio's DNS proxying
// when the mesh config turns on ISTIO_META_DNS_CAPTURE, else plain CoreDNS. Pure.

#include <optional>
#include <string>
#include <string_view>

namespace meshdns::cli {

enum class Backend { istiocoredns, dns_proxy, coredns };

const char* to_string(Backend backend);  // "istiocoredns", "dns-proxy", "coredns"

struct BackendChoice {
  Backend backend = Backend::coredns;
  std::string reason;  // "the Service istio-system/istiocoredns exists"
};

// istiocoredns_service: Service istio-system/istiocoredns exists. mesh_config: the `mesh` key of
// ConfigMap istio-system/istio, when there is one.
BackendChoice choose_auto_backend(bool istiocoredns_service,
                                  const std::optional<std::string>& mesh_config);

// defaultConfig.proxyMetadata.ISTIO_META_DNS_CAPTURE is "true" in this mesh config (YAML).
bool dns_capture_enabled(std::string_view mesh_config);

}  // namespace meshdns::cli
