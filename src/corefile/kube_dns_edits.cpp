#include "corefile/tree_edits.hpp"
#include "corefile/zone_edits.hpp"
#include "corefile/zone_key.hpp"

#include <meshdns/text.hpp>

namespace meshdns::corefile {

namespace {

// Kubernetes 1.9-1.10 shipped CoreDNS 1.0.x; forward arrived in 1.0.5, proxy served before it.
constexpr Version k_first_forward_release{1, 0, 5};

std::vector<LineShape> kube_dns_shape(std::string_view upstream, Version version) {
  return {{"errors"},
          {"cache", "30"},
          {std::string(kube_dns_verb(version)), ".", std::string(upstream)}};
}

}  // namespace

std::string_view kube_dns_verb(Version version) {
  return version < k_first_forward_release ? "proxy" : "forward";
}

Result<std::vector<Edit>> add_kube_dns_zone(const Document& document, const Style& style,
                                            std::string_view zone, std::string_view upstream,
                                            Version version) {
  const std::string line = cat(kube_dns_verb(version), " . ", upstream);
  const ServerBlock* block = find_zone_block(document, zone);
  if (block == nullptr) {
    Result<Edit> edit =
        insert_server_block(document, style, patch_key(zone), zone_block_body(line));
    if (!edit) {
      return std::move(edit).error();
    }
    return std::vector<Edit>{std::move(*edit)};
  }
  if (!block_has_shape(document, *block, kube_dns_shape("*", version))) {
    // clear_way_for_zone refuses or sets such a block aside first; never edit it here.
    return fail(Errc::refused, cat("cannot route ", zone),
                cat("line ", document.line_of(block->first),
                    ": the zone's server block is not one patch wrote"),
                "pass --force to set it aside");
  }
  std::vector<Edit> edits;
  if (auto edit = replace_upstreams(document, block->directives.back(), upstream)) {
    edits.push_back(std::move(*edit));
  }
  return edits;
}

std::vector<Edit> remove_kube_dns_zone(const Document& document, std::string_view zone,
                                       std::string_view upstream, Version version) {
  const ServerBlock* block = find_zone_block(document, zone);
  if (block != nullptr && block_has_shape(document, *block, kube_dns_shape(upstream, version))) {
    return {remove_server_block(document, *block)};
  }
  return {};
}

}  // namespace meshdns::corefile
