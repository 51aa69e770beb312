#pragma once

// Which CoreDNS release reads a Corefile of the cluster: one rule for patch, unpatch, diff, status,
// lint and version ("which workload loads this ConfigMap, and which of its containers is CoreDNS").

#include <meshdns/cluster_dns/plan.hpp>
#include <meshdns/corefile/version.hpp>
#include <meshdns/result.hpp>

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace meshdns::cluster_dns {

struct CorednsRelease {
  corefile::Version version;
  // Who runs it, when that is not CoreDNS's own image: "node-cache 1.22.20" (NodeLocal DNSCache
  // embeds CoreDNS under its own release numbers); "" for CoreDNS.
  std::string loader;
};

// The release that reads the Corefile in the ConfigMap of `configmap_role` (a role of roles.hpp):
// `override` (--coredns-version) when given, else the tag of the CoreDNS container of the workload
// whose pods load it: the coredns Deployment for kube-system/coredns and coredns-custom, RKE2's
// Deployment for its ConfigMap, istiocoredns's, and for NodeLocal DNSCache the oldest CoreDNS any
// node-cache release embeds. Errc::config when that workload is missing or its image names no
// version (pass --coredns-version); Errc::not_found for a role no CoreDNS loads (GKE's kube-dns
// stubDomains).
Result<CorednsRelease> coredns_release(const Snapshot& snapshot, std::string_view configmap_role,
                                       const std::optional<corefile::Version>& override);

// The workload whose pods load this ConfigMap (kube-system/coredns -> the Deployment
// kube-system/coredns; node-local-dns -> its DaemonSet), for restart hints; nullopt for a ConfigMap
// no CoreDNS loads (a backup, GKE's stubDomains).
std::optional<kube::ResourceRef> coredns_workload_of(const kube::ResourceRef& config_map);

// The image of a workload's CoreDNS container: the container named "coredns", else the first whose
// image's repository name contains "coredns" and not "plugin" (istiocoredns runs the
// istio-coredns-plugin beside it; k3s mirrors CoreDNS as rancher/mirrored-coredns-coredns), else
// the first container's. "" when the workload has no containers.
std::string coredns_image(const nlohmann::json& workload);

}  // namespace meshdns::cluster_dns
