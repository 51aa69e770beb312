#include "corefile/editing.hpp"
#include "corefile/layout.hpp"
#include "corefile/lint_checks.hpp"
#include "corefile/set_aside.hpp"
#include "corefile/syntax_tree.hpp"
#include "corefile/tree_edits.hpp"
#include "corefile/zone_edits.hpp"
#include "corefile/zone_key.hpp"

#include <meshdns/corefile/engine.hpp>
#include <meshdns/corefile/zones.hpp>
#include <meshdns/text.hpp>

#include <algorithm>
#include <optional>
#include <utility>

namespace meshdns::corefile {

namespace {

constexpr std::string_view k_plugin_address = "127.0.0.1:8053";  // istio-coredns-plugin

// node-cache replaces __PILLAR__CLUSTER__DNS__ (and its other __PILLAR__*__ names) when it starts.
bool is_node_cache_placeholder(std::string_view upstream) {
  constexpr std::string_view prefix = "__PILLAR__";
  if (upstream.size() <= prefix.size() + 2 || !starts_with(upstream, prefix) ||
      !ends_with(upstream, "__")) {
    return false;
  }
  return std::all_of(upstream.begin(), upstream.end(),
                     [](char c) { return (c >= 'A' && c <= 'Z') || c == '_'; });
}

struct Request {
  std::vector<std::string> zones;  // lower-case, no trailing dot
  std::string upstream;
};

Result<Request> validate(std::string_view corefile, const PatchOptions& options,
                         bool upstream_required) {
  Request request;
  // The Corefile's own cluster domains too: a custom one ("k8s.example") is as off-limits.
  ZoneLimits limits;
  for (std::string& domain : cluster_domains(corefile)) {
    limits.cluster_domains.push_back(std::move(domain));
  }
  Result<std::vector<std::string>> zones = normalize_zones(options.zones, limits);
  if (!zones) {
    return std::move(zones).error();
  }
  request.zones = std::move(*zones);
  request.upstream = options.upstream;
  if (options.kind == Kind::istiocoredns && request.upstream.empty()) {
    request.upstream = std::string(k_plugin_address);
  }
  if (request.upstream.empty() && upstream_required) {
    return fail(Errc::usage, "no upstream given",
                "the kube-dns zone block forwards to the istiocoredns Service",
                "pass --upstream with its cluster IP, e.g. --upstream 10.96.0.60");
  }
  const bool placeholder =
      options.kind == Kind::node_local && is_node_cache_placeholder(request.upstream);
  if (!request.upstream.empty() && !placeholder && !is_valid_upstream(request.upstream)) {
    return fail(Errc::usage, cat("'", request.upstream, "' is not an upstream address"),
                "CoreDNS forwards to an IPv4 or IPv6 address with an optional port",
                "pass an address such as 10.96.0.60 or 10.96.0.60:53");
  }
  return request;
}

}  // namespace

Result<std::string> patch(std::string_view corefile, const PatchOptions& options) {
  Result<Request> request = validate(corefile, options, /*upstream_required=*/true);
  if (!request) {
    return std::move(request).error();
  }
  const Version version = options.coredns_version;
  const bool grpc_form = istio_grpc_form(options);
  Editing editing(corefile);
  const Document& original = editing.document();
  const Style style = detect_style(original);

  // The article's two grpc lines in .:53 are the one error patch repairs rather than refuses.
  const ServerBlock* root = find_root_block(original);
  const std::size_t root_first = root == nullptr ? 0 : original.line_of(root->first);
  const std::size_t root_last =
      root == nullptr ? 0 : original.line_of(root->close.value_or(root->last));
  const auto repaired = [&](const Diagnosis& d) {
    return grpc_form && d.check == Check::once_per_block && d.directive == "grpc" &&
           d.finding.line >= root_first && d.finding.line <= root_last;
  };
  if (auto error = first_error(diagnose(original, version), repaired)) {
    return refusal(
        cat("refusing to patch a Corefile that CoreDNS ", version.str(), " would refuse"), *error);
  }

  std::vector<std::string> moved;
  if (grpc_form) {
    (void)editing.round([&](const Document& doc) -> Result<std::vector<Edit>> {
      return repair_grpc_in_root_block(doc, style, request->zones, moved);
    });
  }
  for (const std::string& zone : request->zones) {
    // The user's lines for the zone first: refused, or set aside with --force.
    Result<void> done = editing.round([&](const Document& doc) -> Result<std::vector<Edit>> {
      return clear_way_for_zone(doc, zone, options);
    });
    if (!done) {
      return std::move(done).error();
    }
    done = editing.round([&](const Document& doc) -> Result<std::vector<Edit>> {
      switch (options.kind) {
        case Kind::kube_dns:
          return add_kube_dns_zone(doc, style, zone, request->upstream, version);
        case Kind::node_local:
          return add_node_local_zone(doc, style, zone, request->upstream);
        case Kind::istiocoredns:
          if (!grpc_form) {
            return add_istio_proxy(doc, style, zone, request->upstream);
          }
          // The new block goes after the last block, the except inside .:53: they never overlap.
          Result<std::vector<Edit>> edits = add_istio_grpc(doc, style, zone, request->upstream);
          if (edits) {
            std::vector<Edit> except = add_forward_except(doc, style, zone);
            edits->insert(edits->end(), except.begin(), except.end());
          }
          return edits;
      }
      return std::vector<Edit>{};
    });
    if (!done) {
      return std::move(done).error();
    }
  }
  for (const std::string& zone : moved) {
    (void)editing.round([&](const Document& doc) -> Result<std::vector<Edit>> {
      return add_forward_except(doc, style, zone);
    });
  }
  return editing.checked(version, "patch");
}

Result<std::string> unpatch(std::string_view corefile, const PatchOptions& options) {
  Result<Request> request = validate(corefile, options, /*upstream_required=*/false);
  if (!request) {
    return std::move(request).error();
  }
  const Version version = options.coredns_version;
  Editing editing(corefile);
  if (auto error = refuse_invalid_input(editing.document(), version, "unpatch")) {
    return std::move(*error);
  }
  // Without --upstream any one kube-dns upstream matches: unpatch usually runs without it.
  const std::string upstream = request->upstream.empty() ? "*" : request->upstream;
  for (const std::string& zone : request->zones) {
    (void)editing.round([&](const Document& doc) -> Result<std::vector<Edit>> {
      switch (options.kind) {
        case Kind::kube_dns:
          return remove_kube_dns_zone(doc, zone, upstream, version);
        case Kind::node_local:
          return remove_node_local_zone(doc, zone, upstream);
        case Kind::istiocoredns:
          break;
      }
      return remove_istio_zone(doc, zone, upstream);
    });
    // What patch --force set aside comes back once patch's own lines are gone.
    (void)editing.round([&](const Document& doc) -> Result<std::vector<Edit>> {
      return restore_set_aside(doc, zone);
    });
  }
  return editing.checked(version, "unpatch");
}

}  // namespace meshdns::corefile
