// NodeLocal DNSCache: pods ask the cache on their node first, and it sends every name outside the
// cluster domain straight to the node's resolvers, so an alias zone never reaches kube-dns. Its
// Corefile gets a block that sends the zones to kube-dns the way its cluster-domain block does.

#include "cluster_dns/objects.hpp"
#include "cluster_dns/steps.hpp"

#include <meshdns/cluster_dns/roles.hpp>
#include <meshdns/corefile/outline.hpp>
#include <meshdns/text.hpp>

namespace meshdns::cluster_dns {

namespace {

bool is_root_or_reverse(const std::string& key) {
  std::string zone =
      key.substr(0, key.rfind(':') == std::string::npos ? key.size() : key.rfind(':'));
  return zone == "." || ends_with(zone, "arpa") || ends_with(zone, "arpa.");
}

// How the cache reaches kube-dns: the upstream of its cluster-domain block (the first block for a
// zone that is neither the root nor a reverse zone), usually the __PILLAR__CLUSTER__DNS__
// placeholder node-cache fills with the kube-dns-upstream Service's address. Forwarding to the
// kube-dns Service address itself would loop back into the cache in iptables mode, where the
// cache binds that address too; it is only the fallback when no such block exists.
std::string kube_dns_route(const corefile::Outline& outline) {
  for (const corefile::OutlineBlock& block : outline.blocks) {
    if (block.keys.empty() || is_root_or_reverse(block.keys.front())) {
      continue;
    }
    for (const corefile::OutlineDirective& directive : block.directives) {
      if (directive.name == "forward" && directive.args.size() >= 2) {
        return directive.args[1];
      }
    }
  }
  return {};
}

}  // namespace

Result<void> plan_node_local(const Context& context, Plan& plan) {
  const nlohmann::json& config_map = *context.snapshot.find(role::node_local_configmap);
  const std::string corefile = data_value(config_map, "Corefile").value_or("");
  std::string upstream = kube_dns_route(corefile::outline(corefile));
  if (upstream.empty() && context.snapshot.find(role::kube_dns_service) != nullptr) {
    upstream = cluster_ip(*context.snapshot.find(role::kube_dns_service));
  }
  if (upstream.empty() && context.options.action == Action::patch) {
    return fail(Errc::config, "cannot tell how NodeLocal DNSCache reaches kube-dns",
                "kube-system/node-local-dns has no cluster-domain block that forwards, and "
                "Service kube-system/kube-dns was not found",
                "add the zone block to the node-local-dns Corefile by hand, or pass --target "
                "istiocoredns and patch kube-dns with --target kube-dns on a cluster without it");
  }
  CorefileEdit edit;
  edit.configmap_role = role::node_local_configmap;
  edit.kind = corefile::Kind::node_local;
  edit.what = "NodeLocal DNSCache";
  edit.upstream = context.options.action == Action::patch ? upstream : std::string();
  Result<CorednsRelease> release = coredns_release(context.snapshot, role::node_local_configmap,
                                                   context.options.coredns_version);
  if (!release) {
    return std::move(release).error();
  }
  edit.version = release->version;
  edit.loader = release->loader;
  edit.reloads = watched(role::node_local_daemonset).ref;
  if (context.options.action == Action::patch) {
    plan.notes.push_back(
        cat("NodeLocal DNSCache sends names outside the cluster domain straight "
            "upstream: kube-system/node-local-dns gets a block that sends ",
            zone_list(context.options.zones), " to kube-dns (", upstream, ")"));
  }
  return plan_corefile(context, edit, plan);
}

}  // namespace meshdns::cluster_dns
