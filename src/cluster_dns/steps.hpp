#pragma once

// The parts of a plan, one per place that holds DNS configuration. plan.cpp detects the platform,
// settles the upstream and calls the steps that apply; each step appends its write (or a note that
// nothing needs to change) to the plan.

#include "cluster_dns/detect.hpp"

#include <meshdns/cluster_dns/plan.hpp>
#include <meshdns/corefile/engine.hpp>

#include <string>

namespace meshdns::cluster_dns {

struct Context {
  const Snapshot& snapshot;
  const PlanOptions& options;
  Detection detection;
  // Where kube-dns sends the zones: --upstream, else the istiocoredns Service's cluster IP; empty
  // when neither exists (unpatch does not need it).
  std::string upstream;
};

// One Corefile in a ConfigMap key, edited by the engine.
struct CorefileEdit {
  std::string_view configmap_role;
  std::string key = "Corefile";
  corefile::Kind kind = corefile::Kind::kube_dns;
  std::string what;  // "kube-dns", "istiocoredns", "NodeLocal DNSCache"
  std::string upstream;
  corefile::Version version;
  std::optional<kube::ResourceRef> reloads;  // the workload whose pods load it
  // What the label names as the loader when it is not "CoreDNS <version>" ("node-cache 1.22.20").
  std::string loader;
};

// The CoreDNS version that reads the ConfigMap of `configmap_role` (coredns_release.hpp's rule).
Result<corefile::Version> coredns_version(const Context& context, std::string_view configmap_role);

// Appends the write of edit.key in the ConfigMap of edit.configmap_role (which must exist), or a
// note when the text is already as it should be.
Result<void> plan_corefile(const Context& context, const CorefileEdit& edit, Plan& plan);

// Said whenever we write a Corefile the EKS add-on or RKE2's chart will put back (`name`: the
// ConfigMap), with how to make the change stick.
std::string revert_warning(const Detection& detection, std::string_view name);

// The coredns backend (rewrites.cpp): the rewrite lines where the platform's CoreDNS reads them,
// then NodeLocal DNSCache's blocks for the aliases' zones.
Result<void> plan_rewrites(const Context& context, Plan& plan);

// Each platform's kube-dns side (plan.cpp picks one), and the extra ones.
Result<void> plan_coredns(const Context& context, Plan& plan);         // kubeadm, EKS, RKE2
Result<void> plan_coredns_custom(const Context& context, Plan& plan);  // k3s, AKS
Result<void> plan_stub_domains(const Context& context, Plan& plan);    // GKE kube-dns
Result<void> plan_openshift(const Context& context, Plan& plan);       // DNS operator
Result<void> plan_node_local(const Context& context, Plan& plan);      // NodeLocal DNSCache
Result<void> plan_istiocoredns(const Context& context, Plan& plan);

// The zones of the options lower-cased, without a trailing dot and without repeats; Errc::usage
// for one that is not a DNS name (as the engine says it for Corefiles).
Result<std::vector<std::string>> normalized_zones(const PlanOptions& options);

// "internal", "internal and corp", "a, b and c": for notes.
std::string zone_list(const std::vector<std::string>& zones);

}  // namespace meshdns::cluster_dns
