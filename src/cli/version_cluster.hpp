#pragma once

// What `kubectl meshdns version` reads from a cluster: the Kubernetes version (/version), the
// CoreDNS of kube-dns and of istiocoredns (their Deployments' images), Istio's version (istiod's
// image, istio-pilot's before Istio 1.5) and which backend `--backend auto` would pick. All GETs
// go out at once.

#include <meshdns/cluster_dns/backend.hpp>
#include <meshdns/result.hpp>

#include <optional>
#include <string>

namespace meshdns::kube {
class RestClient;
}

namespace meshdns::cli {

// One component: its version, or why there is none.
struct FoundVersion {
  std::optional<std::string> version;  // "1.6.2"
  std::string note;                    // "no Deployment istio-system/istiocoredns", ...
};

struct ClusterVersions {
  std::string kubernetes;  // /version's gitVersion, "v1.32.0"
  FoundVersion kube_dns_coredns;
  FoundVersion istiocoredns_coredns;
  FoundVersion istio;
  // What --backend auto picks (cluster_dns::choose_backend), or why it cannot tell.
  Result<cluster_dns::BackendChoice> backend = cluster_dns::BackendChoice();
};

// Fails only when /version fails (the cluster is unreachable or refuses us); a missing or
// unreadable component is a FoundVersion without a version.
Result<ClusterVersions> read_cluster_versions(kube::RestClient& client);

}  // namespace meshdns::cli
