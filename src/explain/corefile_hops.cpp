#include "explain/hops.hpp"

#include <meshdns/text.hpp>

#include <algorithm>

namespace meshdns::explain {

namespace {

std::string fqdn(std::string name) {
  name = to_lower(name);
  if (name.empty() || name.back() != '.') {
    name.push_back('.');
  }
  return name;
}

// Is `name` at or below `zone` (any spelling: "internal", "internal.", ".")?
bool in_zone(const std::string& name, const std::string& zone) {
  const std::string z = fqdn(zone);
  const std::string n = fqdn(name);
  return z == "." || n == z ||
         (n.size() > z.size() && ends_with(n, z) && n[n.size() - z.size() - 1] == '.');
}

corefile::RouteQuery query_for(const std::string& name, std::string address = "") {
  corefile::RouteQuery query;
  query.name = name;
  query.listen_address = std::move(address);
  return query;
}

std::string plugin_names(const corefile::Route& route) {
  std::vector<std::string> names;
  for (const corefile::RoutedPlugin& plugin : route.plugins) {
    names.push_back(plugin.name);
  }
  return join(names, ", ");
}

// The hop's line column gives the block's line.
std::string block_words(const corefile::Route& route) {
  return cat("server block \"", join(route.keys, " "), "\"");
}

const corefile::RoutedPlugin* find_plugin(const corefile::Route& route, std::string_view name) {
  const auto found =
      std::find_if(route.plugins.begin(), route.plugins.end(),
                   [&](const corefile::RoutedPlugin& plugin) { return plugin.name == name; });
  return found == route.plugins.end() ? nullptr : &*found;
}

// A forward/proxy/grpc line that takes `name`: its FROM zone holds it and no `except` lists it.
const corefile::RoutedPlugin* upstream_for(const corefile::Route& route, const std::string& name,
                                           std::string_view plugin_name) {
  for (const corefile::RoutedPlugin& plugin : route.plugins) {
    if (plugin.name != plugin_name || plugin.args.empty() || !in_zone(name, plugin.args[0])) {
      continue;
    }
    const bool excepted =
        std::any_of(plugin.options.begin(), plugin.options.end(), [&](const auto& words) {
          return !words.empty() && words[0] == "except" &&
                 std::any_of(words.begin() + 1, words.end(),
                             [&](const std::string& zone) { return in_zone(name, zone); });
        });
    if (!excepted) {
      return &plugin;
    }
  }
  return nullptr;
}

std::string upstreams(const corefile::RoutedPlugin& plugin) {
  return join(std::vector<std::string>(plugin.args.begin() + 1, plugin.args.end()), " ");
}

}  // namespace

std::string alias_zone(const std::string& name) {
  const std::size_t dot = name.find('.');
  return dot == std::string::npos ? name : name.substr(dot + 1);
}

bool node_local_hop(const Input& input, const std::string& name, std::vector<Hop>& hops) {
  const CorefileFacts& cache = *input.node_local;
  const std::optional<corefile::Route> route =
      corefile::route(cache.text, query_for(name, input.node_local_address), cache.version);
  if (!route) {
    hops.push_back({"node-local", cache.object, 0, Verdict::broken,
                    cat("no server block of NodeLocal DNSCache listening on ",
                        input.node_local_address, " takes ", name, ": it answers REFUSED"),
                    cat("kubectl meshdns corefile patch --zone ", alias_zone(name))});
    return false;
  }
  const corefile::RoutedPlugin* forward = upstream_for(*route, name, "forward");
  if (route->zone == "." || forward == nullptr) {
    hops.push_back({"node-local", cache.object, route->line, Verdict::broken,
                    cat(block_words(*route), " takes ", name,
                        forward ? cat(" and forwards it to ", upstreams(*forward),
                                      ", the node's upstream servers, never to kube-dns")
                                : " and has no forward for it"),
                    cat("kubectl meshdns corefile patch --zone ", alias_zone(name),
                        " (adds a block that sends the zone to kube-dns)")});
    return false;
  }
  hops.push_back({"node-local", cache.object, route->line, Verdict::ok,
                  cat(block_words(*route), " takes ", name, " and forwards it to ",
                      upstreams(*forward), " (kube-dns)"),
                  ""});
  return true;
}

namespace {

// rewrite [continue|stop] name exact FROM TO [answer ...]: the alias's rule, if any.
std::optional<std::pair<std::string, std::size_t>> rewrite_target(
    const std::vector<corefile::RoutedPlugin>& plugins, const std::string& name) {
  for (const corefile::RoutedPlugin& plugin : plugins) {
    if (plugin.name != "rewrite") {
      continue;
    }
    std::size_t at = 0;
    if (at < plugin.args.size() && (plugin.args[at] == "continue" || plugin.args[at] == "stop")) {
      ++at;
    }
    if (plugin.args.size() >= at + 4 && plugin.args[at] == "name" &&
        plugin.args[at + 1] == "exact" && fqdn(plugin.args[at + 2]) == fqdn(name)) {
      std::string target = to_lower(plugin.args[at + 3]);
      if (!target.empty() && target.back() == '.') {
        target.pop_back();
      }
      return std::make_pair(target, plugin.line);
    }
  }
  return std::nullopt;
}

// The `.override` fragments a block imports, read as the lines of that block.
std::vector<std::pair<std::string, corefile::Route>> imported_overrides(const Input& input,
                                                                        const std::string& name) {
  std::vector<std::pair<std::string, corefile::Route>> out;
  for (const auto& [key, text] : input.kube_dns.overrides) {
    const std::optional<corefile::Route> wrapped =
        corefile::route(cat(".:53 {\n", text, "\n}\n"), query_for(name), input.kube_dns.version);
    if (wrapped) {
      out.emplace_back(key, *wrapped);
    }
  }
  return out;
}

bool coredns_rewrite(const Input& input, const std::string& name, const corefile::Route& route,
                     KubeDnsOutcome& outcome, std::vector<Hop>& hops) {
  const CorefileFacts& dns = input.kube_dns;
  if (find_plugin(route, "kubernetes") == nullptr) {
    hops.push_back(
        {"kube-dns", dns.object, route.line, Verdict::broken,
         cat(block_words(route), " takes ", name,
             ", and it has no kubernetes plugin: a rewrite line in the kubernetes block never runs "
             "for this name"),
         cat("remove or rename the \"", route.key,
             "\" block (kubectl meshdns corefile unpatch --zone ", alias_zone(name),
             " if the istiocoredns backend wrote it), or pick an alias in another zone")});
    return false;
  }
  hops.push_back(
      {"kube-dns", dns.object, route.line, Verdict::ok,
       cat(block_words(route), " takes ", name, "; plugins in order: ", plugin_names(route)), ""});
  std::optional<std::pair<std::string, std::size_t>> rule = rewrite_target(route.plugins, name);
  std::string where = dns.object;
  if (!rule) {
    for (const auto& [key, fragment] : imported_overrides(input, name)) {
      if ((rule = rewrite_target(fragment.plugins, name))) {
        where = cat(dns.object, " (", key, ")");
        rule->second = rule->second - 1;  // the wrapping block's first line
        break;
      }
    }
  }
  if (!rule) {
    hops.push_back({"rewrite", dns.object, route.line, Verdict::broken,
                    cat("no `rewrite name exact ", name, " ...` line in ", block_words(route),
                        " (never written, or lost when the Corefile was replaced)"),
                    alias_command(input, name)});
    return false;
  }
  if (dns.version < corefile::Version{1, 2, 5}) {
    hops.push_back({"rewrite", where, rule->second, Verdict::broken,
                    cat("CoreDNS ", dns.version.str(),
                        " rewrites the question but not the answer's owner name back (since "
                        "1.2.5): clients drop an answer for ",
                        rule->first),
                    "upgrade CoreDNS to 1.2.5 or later, or use --backend istiocoredns"});
    return false;
  }
  outcome.rewrite_target = rule->first;
  hops.push_back({"rewrite", where, rule->second, Verdict::ok,
                  cat("rewrite name exact ", name, " ", rule->first,
                      " runs before kubernetes; the answer's owner is written back to ", name),
                  ""});
  return true;
}

bool istiocoredns_forward(const Input& input, const std::string& name, const corefile::Route& route,
                          std::vector<Hop>& hops) {
  const CorefileFacts& dns = input.kube_dns;
  const corefile::RoutedPlugin* forward = upstream_for(route, name, "forward");
  if (forward == nullptr) {
    forward = upstream_for(route, name, "proxy");
  }
  if (route.zone == "." || forward == nullptr) {
    hops.push_back(
        {"kube-dns", dns.object, route.line, Verdict::broken,
         cat("zone ", alias_zone(name), " is not forwarded: ", block_words(route), " takes ", name,
             forward ? cat(" and sends it to ", upstreams(*forward)) : std::string()),
         cat("kubectl meshdns corefile patch --zone ", alias_zone(name))});
    return false;
  }
  const std::string to = upstreams(*forward);
  if (!input.istiocoredns_ip.empty() && to.find(input.istiocoredns_ip) == std::string::npos) {
    hops.push_back({"kube-dns", dns.object, forward->line, Verdict::broken,
                    cat(block_words(route), " forwards ", name, " to ", to,
                        ", but istiocoredns's cluster IP is ", input.istiocoredns_ip),
                    cat("kubectl meshdns corefile patch --zone ", alias_zone(name),
                        " (updates the upstream in place)")});
    return false;
  }
  hops.push_back(
      {"kube-dns", dns.object, forward->line, Verdict::ok,
       cat(block_words(route), " takes ", name, "; plugins in order: ", plugin_names(route), "; ",
           forward->name, " sends it to ", to, " (istiocoredns)"),
       ""});
  return true;
}

}  // namespace

bool kube_dns_hop(const Input& input, const std::string& name, KubeDnsOutcome& outcome,
                  std::vector<Hop>& hops) {
  const CorefileFacts& dns = input.kube_dns;
  outcome.route = corefile::route(dns.text, query_for(name), dns.version);
  if (!outcome.route) {
    hops.push_back({"kube-dns", dns.object, 0, Verdict::broken,
                    cat("no server block of kube-dns takes ", name, ": CoreDNS answers REFUSED"),
                    cat("kubectl meshdns corefile patch --zone ", alias_zone(name))});
    return false;
  }
  const corefile::Route& route = *outcome.route;
  switch (input.backend) {
    case Backend::istiocoredns:
      return istiocoredns_forward(input, name, route, hops);
    case Backend::coredns:
      return coredns_rewrite(input, name, route, outcome, hops);
    case Backend::dns_proxy:
      hops.push_back({"kube-dns", dns.object, route.line, Verdict::note,
                      cat("pods whose Istio agent does not capture DNS ask kube-dns: ",
                          block_words(route), " takes ", name, " and has no answer of its own"),
                      ""});
      return true;
  }
  return true;
}

bool istiocoredns_hop(const Input& input, const std::string& name, std::vector<Hop>& hops) {
  if (!input.istiocoredns) {
    hops.push_back({"istiocoredns", "configmap/coredns -n istio-system", 0, Verdict::broken,
                    "no istiocoredns Corefile: Istio 1.9 and later have no istiocoredns",
                    cat(alias_command(input, name), " --backend coredns")});
    return false;
  }
  const CorefileFacts& istio = *input.istiocoredns;
  const std::optional<corefile::Route> route =
      corefile::route(istio.text, query_for(name), istio.version);
  if (!route) {
    hops.push_back({"istiocoredns", istio.object, 0, Verdict::broken,
                    cat("no server block of istiocoredns takes ", name),
                    "kubectl meshdns corefile patch --target istiocoredns"});
    return false;
  }
  // plugin.cfg runs forward before grpc/proxy: a catch-all forward without `except ZONE` answers.
  if (const corefile::RoutedPlugin* forward = upstream_for(*route, name, "forward")) {
    hops.push_back(
        {"istiocoredns", istio.object, forward->line, Verdict::broken,
         cat("forward ", join(forward->args, " "), " runs before grpc and takes ", name,
             ": its except list lacks ", alias_zone(name)),
         cat("kubectl meshdns corefile patch --target istiocoredns --zone ", alias_zone(name))});
    return false;
  }
  const corefile::RoutedPlugin* plugin = upstream_for(*route, name, "grpc");
  if (plugin == nullptr) {
    plugin = upstream_for(*route, name, "proxy");
  }
  if (plugin == nullptr) {
    hops.push_back(
        {"istiocoredns", istio.object, route->line, Verdict::broken,
         cat(block_words(*route), " takes ", name,
             " but no grpc (or proxy ... protocol grpc) line sends it to the "
             "istio-coredns-plugin"),
         cat("kubectl meshdns corefile patch --target istiocoredns --zone ", alias_zone(name))});
    return false;
  }
  hops.push_back({"istiocoredns", istio.object, plugin->line, Verdict::ok,
                  cat(plugin->name, " ", join(plugin->args, " "), ": the istio-coredns-plugin on ",
                      upstreams(*plugin), " answers from ServiceEntry addresses"),
                  ""});
  return true;
}

bool sidecar_hop(const Input& input, std::vector<Hop>& hops) {
  if (!input.dns_capture) {
    hops.push_back(
        {"sidecar", "configmap/istio -n istio-system", 0, Verdict::broken,
         "the mesh config does not set ISTIO_META_DNS_CAPTURE: only pods that turn DNS capture on "
         "themselves (annotation proxy.istio.io/config) resolve the alias; the others ask kube-dns",
         "set meshConfig.defaultConfig.proxyMetadata.ISTIO_META_DNS_CAPTURE: \"true\", or use "
         "--backend coredns"});
    return false;
  }
  hops.push_back({"sidecar", "configmap/istio -n istio-system", 0, Verdict::ok,
                  "ISTIO_META_DNS_CAPTURE is on mesh-wide: the Istio agent answers ServiceEntry "
                  "hosts on 15053 before the query leaves the pod",
                  ""});
  return true;
}

}  // namespace meshdns::explain
