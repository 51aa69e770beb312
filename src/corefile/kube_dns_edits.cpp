#include "corefile/tree_edits.hpp"
#include "corefile/zone_edits.hpp"
#include "corefile/zone_key.hpp"

#include <meshdns/text.hpp>

namespace meshdns::corefile {

Result<std::vector<Edit>> add_kube_dns_zone(const Document& document, const Style& style,
                                            std::string_view zone, std::string_view upstream) {
  const std::string forward = cat("forward . ", upstream);
  const ServerBlock* block = find_zone_block(document, zone);
  if (block == nullptr) {
    Result<Edit> edit =
        insert_server_block(document, style, patch_key(zone), zone_block_body(forward));
    if (!edit) {
      return std::move(edit).error();
    }
    return std::vector<Edit>{std::move(*edit)};
  }
  if (const Directive* existing = find_directive(document, block->directives, "forward")) {
    std::vector<Edit> edits;
    if (auto edit = replace_upstreams(document, *existing, upstream)) {
      edits.push_back(std::move(*edit));
    }
    return edits;
  }
  if (!block->open) {
    return fail(Errc::refused, cat("cannot add forward to the ", zone, " server block"),
                cat("the block on line ", document.line_of(block->first), " has no '{'"),
                "give the block braces, or remove it and patch again");
  }
  const TokenIndex anchor =
      block->directives.empty() ? *block->open : block->directives.back().last;
  return std::vector<Edit>{
      insert_lines_after(document, style, anchor, body_indent(document, *block, style), {forward})};
}

std::vector<Edit> remove_kube_dns_zone(const Document& document, std::string_view zone,
                                       std::string_view upstream) {
  const ServerBlock* block = find_zone_block(document, zone);
  const std::vector<LineShape> shape = {
      {"errors"}, {"cache", "30"}, {"forward", ".", std::string(upstream)}};
  if (block == nullptr) {
    return {};
  }
  if (block_has_shape(document, *block, shape)) {
    return {remove_server_block(document, *block)};
  }
  return {};
}

}  // namespace meshdns::corefile
