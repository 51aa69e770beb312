#include "corefile/syntax_tree.hpp"
#include "corefile/zone_key.hpp"

#include <meshdns/corefile/engine.hpp>
#include <meshdns/corefile/zones.hpp>
#include <meshdns/text.hpp>

#include <algorithm>

namespace meshdns::corefile {

namespace {

// Is `name` `zone` or a name below it? Both without trailing dots.
bool is_within(std::string_view name, std::string_view zone) {
  return name == zone || (name.size() > zone.size() && ends_with(name, zone) &&
                          name[name.size() - zone.size() - 1] == '.');
}

bool is_reverse(std::string_view name) {
  return is_within(name, "in-addr.arpa") || is_within(name, "ip6.arpa");
}

Error refused_zone(std::string_view zone, std::string why, std::string_view fix) {
  return fail(Errc::usage, cat("refusing zone \"", zone, "\""), std::move(why), std::string(fix));
}

constexpr std::string_view k_pick =
    "pick a private name such as --zone internal or --zone corp.example";

Result<void> check(std::string_view zone, const ZoneLimits& limits) {
  if (is_reverse(zone)) {
    return refused_zone(zone,
                        "it is a reverse zone, which the kubernetes plugin and the Internet "
                        "answer",
                        k_pick);
  }
  for (const std::string& domain : limits.cluster_domains) {
    if (is_within(zone, domain) || is_within(domain, zone)) {
      return refused_zone(
          zone,
          cat(zone == domain            ? "it is the cluster domain"
              : is_within(zone, domain) ? cat("it is inside the cluster domain ", domain)
                                        : cat("it contains the cluster domain ", domain),
              ", whose names the kubernetes plugin answers"),
          k_pick);
    }
  }
  if (limits.is_public_suffix && limits.is_public_suffix(zone)) {
    return refused_zone(
        zone, "it is on the Public Suffix List, so its names belong to the Internet", k_pick);
  }
  return {};
}

}  // namespace

Result<std::vector<std::string>> normalize_zones(const std::vector<std::string>& zones,
                                                 const ZoneLimits& limits) {
  if (zones.empty()) {
    return fail(Errc::usage, "no zone given", "patch needs at least one zone",
                "pass --zone internal");
  }
  std::vector<std::string> out;
  for (const std::string& zone : zones) {
    std::string normal = to_lower(zone);
    if (normal.size() > 1 && normal.back() == '.') {
      normal.pop_back();
    }
    if (!is_valid_zone(normal)) {
      return fail(Errc::usage, cat("invalid zone \"", zone, "\""),
                  "a zone is a DNS name of letters, digits and hyphens",
                  "pass a name such as --zone internal or --zone corp.example");
    }
    if (Result<void> allowed = check(normal, limits); !allowed) {
      return allowed.error();
    }
    if (std::find(out.begin(), out.end(), normal) == out.end()) {
      out.push_back(std::move(normal));
    }
  }
  return out;
}

std::vector<std::string> cluster_domains(std::string_view corefile) {
  const Document document = parse(std::string(corefile));
  std::vector<std::string> out;
  for (const ServerBlock& block : document.blocks()) {
    if (block.kind != BlockKind::server) {
      continue;
    }
    for (const Directive& directive : block.directives) {
      if (document.value(directive.name) != "kubernetes") {
        continue;
      }
      std::vector<std::string> zones;
      for (TokenIndex arg : directive.args) {
        zones.push_back(document.value(arg));
      }
      if (zones.empty()) {  // `kubernetes` alone serves the block's own zones
        for (TokenIndex key : block.keys) {
          if (const auto parsed = parse_zone_key(document.value(key))) {
            zones.push_back(parsed->zone);
          }
        }
      }
      for (std::string zone : zones) {
        zone = fully_qualified(zone);
        zone.pop_back();
        if (!zone.empty() && !is_reverse(zone) &&
            std::find(out.begin(), out.end(), zone) == out.end()) {
          out.push_back(std::move(zone));
        }
      }
    }
  }
  return out;
}

}  // namespace meshdns::corefile
