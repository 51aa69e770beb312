#include "explain/hops.hpp"

#include <meshdns/explain/explain.hpp>
#include <meshdns/text.hpp>

namespace meshdns::explain {

// The hops in the order a pod's query meets them; each stops the walk where the path breaks, so
// the first broken hop is the one to fix.
Explanation explain(const Input& input) {
  Explanation out;
  out.name = to_lower(input.name);
  if (!out.name.empty() && out.name.back() == '.') {
    out.name.pop_back();
  }
  const std::string& name = out.name;
  if (!pod_view(input, name, out.hops)) {
    return out;
  }
  KubeDnsOutcome outcome;
  if (input.backend == Backend::dns_proxy) {
    // The agent answers inside the pod: NodeLocal and kube-dns never see the query.
    if (!sidecar_hop(input, out.hops)) {
      return out;
    }
  } else {
    if (input.node_local && !node_local_hop(input, name, out.hops)) {
      return out;
    }
    if (!kube_dns_hop(input, name, outcome, out.hops)) {
      return out;
    }
    if (input.backend == Backend::istiocoredns && !istiocoredns_hop(input, name, out.hops)) {
      return out;
    }
  }
  out.answer = answer_hop(input, name, outcome, out.hops);
  return out;
}

}  // namespace meshdns::explain
