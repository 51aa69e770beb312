#pragma once

// `kubectl meshdns explain FQDN`: the path a pod's lookup of an alias takes, hop by hop, and the
// first hop where it breaks, with the command that fixes it (SPEC §3.6). Pure: the CLI gathers the
// facts (Corefiles, Services, ServiceEntries) from the cluster or from manifests; this module
// predicts what each DNS server does with the name and judges every hop.

#include <meshdns/corefile/version.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace meshdns::explain {

// How the alias is meant to resolve (the backend `alias` used).
enum class Backend : std::uint8_t { istiocoredns, coredns, dns_proxy };

struct CorefileFacts {
  std::string object;  // "configmap/coredns -n kube-system", for the hop's object column
  std::string text;
  corefile::Version version;
  // The Corefile fragments CoreDNS imports into it (k3s/AKS `coredns-custom` keys ending in
  // `.override` are imported inside `.:53`): key -> text.
  std::vector<std::pair<std::string, std::string>> overrides;
};

struct ServiceFacts {
  std::string namespace_name;
  std::string name;
  std::string type;        // "ClusterIP", "ExternalName", ...
  std::string cluster_ip;  // "None" for a headless Service
};

struct ServiceEntryFacts {
  std::string namespace_name;
  std::string name;
  std::vector<std::string> hosts;
  std::vector<std::string> addresses;
  std::vector<std::string> endpoints;  // endpoint addresses (the Service's DNS name)
};

struct Input {
  std::string name;           // the alias as asked ("my-fruits.internal")
  std::string pod_namespace;  // whose search list the pod uses
  std::string cluster_domain = "cluster.local";
  int ndots = 5;  // kubelet's default for ClusterFirst pods
  Backend backend = Backend::coredns;
  CorefileFacts kube_dns;
  std::optional<CorefileFacts> node_local;  // NodeLocal DNSCache, when the cluster runs it
  std::string node_local_address = "169.254.20.10";
  std::optional<CorefileFacts> istiocoredns;  // Istio 1.1-1.8's add-on
  std::string istiocoredns_ip;                // its Service's cluster IP
  bool dns_capture = false;                   // ISTIO_META_DNS_CAPTURE on mesh-wide
  std::vector<ServiceFacts> services;
  std::vector<ServiceEntryFacts> service_entries;
};

enum class Verdict : std::uint8_t { ok, broken, note };

struct Hop {
  std::string step;      // "pod", "node-local", "kube-dns", "istiocoredns", "rewrite", "answer"
  std::string object;    // what was read: "configmap/coredns -n kube-system"
  std::size_t line = 0;  // in that object's Corefile; 0 when not about a line
  Verdict verdict = Verdict::ok;
  std::string detail;  // what happens there, in CoreDNS's / Istio's terms
  std::string fix;     // the command that repairs a broken hop; "" when ok
};

struct Explanation {
  std::string name;                 // fully qualified, lower-case, no trailing dot
  std::vector<Hop> hops;            // in the order the query travels; stops after the first break
  std::vector<std::string> answer;  // the addresses a pod gets; empty when the path breaks
  bool resolves() const { return !answer.empty(); }
};

Explanation explain(const Input& input);

// The names a pod asks, in order, for `name` (resolv.conf `search NS.svc.D svc.D D`, `ndots`):
// with fewer dots than ndots the search list comes first, then the name as given.
std::vector<std::string> search_expansions(const std::string& name,
                                           const std::string& pod_namespace,
                                           const std::string& cluster_domain, int ndots);

}  // namespace meshdns::explain
