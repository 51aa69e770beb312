#pragma once

// The hops of an explanation, one function per server the query meets. Each appends its hops and
// returns false when the path breaks there (the caller stops).

#include <meshdns/corefile/route.hpp>
#include <meshdns/explain/explain.hpp>

#include <optional>
#include <string>
#include <vector>

namespace meshdns::explain {

// Where the name goes next once kube-dns has its server block: what the rest of the path needs.
struct KubeDnsOutcome {
  std::optional<corefile::Route> route;
  std::string rewrite_target;  // coredns backend: the Service name the rewrite line gives
};

bool pod_view(const Input& input, const std::string& name, std::vector<Hop>& hops);
bool node_local_hop(const Input& input, const std::string& name, std::vector<Hop>& hops);
bool kube_dns_hop(const Input& input, const std::string& name, KubeDnsOutcome& outcome,
                  std::vector<Hop>& hops);
bool istiocoredns_hop(const Input& input, const std::string& name, std::vector<Hop>& hops);
bool sidecar_hop(const Input& input, std::vector<Hop>& hops);

// The last hop: the object whose addresses answer, checked against the Service behind it.
std::vector<std::string> answer_hop(const Input& input, const std::string& name,
                                    const KubeDnsOutcome& outcome, std::vector<Hop>& hops);

// "my-fruits.internal" -> "internal": the zone patch routes for an alias (its parent).
std::string alias_zone(const std::string& name);

// The command that (re)makes the alias, naming the Service when the facts tell it.
std::string alias_command(const Input& input, const std::string& name);

}  // namespace meshdns::explain
