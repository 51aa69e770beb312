#pragma once

// Which backend makes an alias resolve on this cluster (SPEC §3.6), decided from what the cluster
// holds. Pure: the CLI reads the objects (a Snapshot) and asks; `version`, `alias` and `corefile`
// all ask here, so they cannot disagree.
//   istiocoredns  Istio 1.1-1.8's add-on: a ServiceEntry, and kube-dns forwards the zone to it
//   coredns       a `rewrite name exact` line per alias in kube-dns's Corefile; works in every pod
//   dns-proxy     the ServiceEntry alone; only pods whose Istio agent captures DNS resolve it

#include <meshdns/cluster_dns/plan.hpp>
#include <meshdns/result.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace meshdns::cluster_dns {

// "auto", "istiocoredns", "coredns", "dns-proxy": the values of --backend.
std::string_view backend_name(Backend backend);

// Errc::usage for anything but the four names.
Result<Backend> parse_backend(std::string_view name);

struct BackendChoice {
  Backend backend = Backend::coredns;  // never automatic
  bool automatic = false;              // picked by --backend auto
  // Apply the ServiceEntry: Istio's CRDs are served and sidecars route by it (not ambient).
  bool service_entry = false;
  // Why, in one line: "no Deployment istio-system/istiocoredns; Istio's CRDs are served".
  std::string evidence;
  // What the user must know about this choice (which pods will not resolve the alias...).
  std::vector<std::string> warnings;
};

// "backend: coredns (auto: ...)", the one line alias, corefile patch and version print.
std::string describe(const BackendChoice& choice);

// `requested` automatic: istiocoredns when its Deployment exists; else coredns on ambient meshes
// (DaemonSet istio-system/ztunnel) without a ServiceEntry; else dns-proxy when every mesh config
// turns ISTIO_META_DNS_CAPTURE on; else coredns, with the ServiceEntry when networking.istio.io
// is served. Errc::refused for dns-proxy or istiocoredns asked on a cluster without Istio's CRDs.
Result<BackendChoice> choose_backend(const Snapshot& snapshot, Backend requested);

// defaultConfig.proxyMetadata.ISTIO_META_DNS_CAPTURE is "true" in this mesh config (YAML, the
// `mesh` key of ConfigMap istio-system/istio or istio-<revision>).
bool dns_capture_enabled(std::string_view mesh_config);

}  // namespace meshdns::cluster_dns
