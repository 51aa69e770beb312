// What stands where patch would write for a zone, and what becomes of it: patch never edits a
// user's line, so a user's block for the zone, a block serving it among other zones, or a
// user's proxy line for it are refused, naming the line; --force sets them aside as comments.

#include "corefile/set_aside.hpp"
#include "corefile/tree_edits.hpp"
#include "corefile/zone_edits.hpp"
#include "corefile/zone_key.hpp"

#include <meshdns/text.hpp>

namespace meshdns::corefile {

namespace {

// Is the zone's single-key block in the exact form patch writes for this kind and version?
bool is_patch_block(const Document& document, const ServerBlock& block, std::string_view zone,
                    const PatchOptions& options) {
  if (block.keys.size() != 1) {
    return false;
  }
  switch (options.kind) {
    case Kind::kube_dns:
      return block_has_shape(document, block,
                             {{"errors"},
                              {"cache", "30"},
                              {std::string(kube_dns_verb(options.coredns_version)), ".", "*"}});
    case Kind::node_local:
      return block_has_shape(document, block, node_local_shape(document, "*"));
    case Kind::istiocoredns:
      return istio_grpc_form(options) &&
             block_has_shape(document, block,
                             {{"errors"}, {"cache", "30"}, {"grpc", std::string(zone), "*"}});
  }
  return false;
}

std::string keys_of(const Document& document, const ServerBlock& block) {
  std::vector<std::string> keys;
  for (TokenIndex key : block.keys) {
    keys.emplace_back(document.text(key));
  }
  return join(keys, " ");
}

Error refusal(std::string_view zone, std::size_t line, std::string why) {
  return fail(Errc::refused,
              cat("refusing to patch zone ", zone, ": patch edits only lines it wrote"),
              cat("line ", line, ": ", why),
              "remove or rename those lines yourself, or pass --force to set them aside as "
              "comments (corefile unpatch puts them back)");
}

}  // namespace

Result<std::vector<Edit>> clear_way_for_zone(const Document& document, std::string_view zone,
                                             const PatchOptions& options) {
  const bool force = options.force == Force::yes;
  const std::string port = options.kind == Kind::istiocoredns ? listen_port(document) : "53";
  std::vector<Edit> edits;
  const auto take = [&](Result<std::vector<Edit>> set_aside) -> Result<void> {
    if (!set_aside) {
      return std::move(set_aside).error();
    }
    edits.insert(edits.end(), set_aside->begin(), set_aside->end());
    return {};
  };
  const ServerBlock* block = find_zone_block(document, zone, port);
  if (block != nullptr && !is_patch_block(document, *block, zone, options)) {
    const std::size_t line = document.line_of(block->first);
    const std::string keys = keys_of(document, *block);
    if (block->keys.size() > 1) {
      if (!force) {
        return refusal(
            zone, line,
            cat("server block \"", keys, "\" serves ", zone, " together with other zones; routing ",
                zone, " there would change how they resolve too"));
      }
      if (Result<void> done =
              take(set_aside_key(document, zone_key_token(document, *block, zone, port), zone));
          !done) {
        return std::move(done).error();
      }
    } else {
      if (!force) {
        return refusal(zone, line,
                       cat("server block \"", keys, "\" for ", zone,
                           " is the user's own, not in the form patch writes"));
      }
      if (Result<void> done = take(
              set_aside_lines(document, block->first, block->close.value_or(block->last), zone));
          !done) {
        return std::move(done).error();
      }
    }
  }
  const ServerBlock* root = find_root_block(document);
  if (options.kind == Kind::istiocoredns && !istio_grpc_form(options) && root != nullptr) {
    for (const Directive& directive : root->directives) {
      if (document.value(directive.name) != "proxy" || directive.args.empty() ||
          fully_qualified(document.value(directive.args.front())) != fully_qualified(zone) ||
          directive_has_shape(document, directive, {"proxy", std::string(zone), "*"},
                              {{"protocol", "grpc", "insecure"}})) {
        continue;
      }
      if (!force) {
        return refusal(zone, document.line_of(directive.name),
                       cat("the proxy line for ", zone,
                           " is the user's own, not in the form "
                           "patch writes (proxy ",
                           zone, " ADDRESS { protocol grpc insecure })"));
      }
      if (Result<void> done = take(set_aside_lines(document, directive.name,
                                                   directive.close.value_or(directive.last), zone));
          !done) {
        return std::move(done).error();
      }
    }
  }
  return edits;
}

}  // namespace meshdns::corefile
