#pragma once

// What `explain` needs to know about a cluster, read from the objects the CLI fetched: the
// Corefiles in the order a query meets them (NodeLocal DNSCache, kube-dns with its k3s/AKS
// overrides, istiocoredns) with the CoreDNS versions that load them, the Services and
// ServiceEntries that can answer. Pure; the platform rules are this module's (detect.cpp).

#include <meshdns/cluster_dns/plan.hpp>
#include <meshdns/explain/explain.hpp>
#include <meshdns/result.hpp>

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace meshdns::cluster_dns {

struct ExplainRequest {
  std::string name;
  std::string pod_namespace;
  explain::Backend backend = explain::Backend::coredns;  // already chosen (choose_backend)
  std::optional<corefile::Version> coredns_version;      // --coredns-version
};

// Errc::refused where the platform has no Corefile to follow (GKE kube-dns, OpenShift's operator:
// explain names them rather than guess); Errc::config when no kube-dns Corefile was found or its
// CoreDNS version cannot be read (pass --coredns-version).
Result<explain::Input> explain_input(const Snapshot& snapshot,
                                     const std::vector<nlohmann::json>& services,
                                     const std::vector<nlohmann::json>& service_entries,
                                     const ExplainRequest& request);

}  // namespace meshdns::cluster_dns
