#include "corefile/tree_edits.hpp"
#include "corefile/zone_edits.hpp"
#include "corefile/zone_key.hpp"

#include <meshdns/text.hpp>

namespace meshdns::corefile {

namespace {

// The addresses of the first `bind` in a server block: NodeLocal DNSCache gives every block the
// same (its link-local address and, in iptables mode, kube-dns's), and a block without one would
// listen on every interface of the node, where port 53 is usually taken.
std::vector<std::string> first_bind(const Document& document) {
  for (const ServerBlock& block : document.blocks()) {
    if (block.kind != BlockKind::server) {
      continue;
    }
    if (const Directive* bind = find_directive(document, block.directives, "bind")) {
      if (!bind->open) {
        return arg_values(document, *bind);
      }
    }
  }
  return {};
}

std::vector<std::string> body(const std::vector<std::string>& bind, std::string_view upstream) {
  std::vector<std::string> lines = {"errors", "cache 30"};
  if (!bind.empty()) {
    lines.push_back(cat("bind ", join(bind, " ")));
  }
  lines.push_back(cat("forward . ", upstream));
  return lines;
}

}  // namespace

std::vector<LineShape> node_local_shape(const Document& document, std::string_view upstream) {
  std::vector<LineShape> shape = {{"errors"}, {"cache", "30"}};
  if (const std::vector<std::string> bind = first_bind(document); !bind.empty()) {
    LineShape line = {"bind"};
    line.insert(line.end(), bind.begin(), bind.end());
    shape.push_back(std::move(line));
  }
  shape.push_back({"forward", ".", std::string(upstream)});
  return shape;
}

Result<std::vector<Edit>> add_node_local_zone(const Document& document, const Style& style,
                                              std::string_view zone, std::string_view upstream) {
  if (const ServerBlock* block = find_zone_block(document, zone)) {
    if (!block_has_shape(document, *block, node_local_shape(document, "*"))) {
      return fail(Errc::refused, cat("cannot route ", zone),
                  cat("line ", document.line_of(block->first),
                      ": the zone's server block is not one patch wrote"),
                  "pass --force to set it aside");
    }
    std::vector<Edit> edits;  // update its forward in place
    if (auto edit = replace_upstreams(document, block->directives.back(), upstream)) {
      edits.push_back(std::move(*edit));
    }
    return edits;
  }
  Result<Edit> edit =
      insert_server_block(document, style, patch_key(zone), body(first_bind(document), upstream));
  if (!edit) {
    return std::move(edit).error();
  }
  return std::vector<Edit>{std::move(*edit)};
}

std::vector<Edit> remove_node_local_zone(const Document& document, std::string_view zone,
                                         std::string_view upstream) {
  const ServerBlock* block = find_zone_block(document, zone);
  if (block == nullptr) {
    return {};
  }
  if (block_has_shape(document, *block, node_local_shape(document, upstream))) {
    return {remove_server_block(document, *block)};
  }
  return {};
}

}  // namespace meshdns::corefile
