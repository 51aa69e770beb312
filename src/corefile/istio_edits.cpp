#include "corefile/tree_edits.hpp"
#include "corefile/zone_edits.hpp"
#include "corefile/zone_key.hpp"

#include <meshdns/text.hpp>

#include <algorithm>

namespace meshdns::corefile {

namespace {

bool is_catch_all(const Document& document, const Directive& directive) {
  return !directive.args.empty() && fully_qualified(document.value(directive.args[0])) == ".";
}

// The new proxy goes after the last proxy to a zone (the chart's `proxy global ...`), else before
// the catch-all `proxy .` / `forward .`, else at the end of the block.
TokenIndex proxy_anchor(const Document& document, const ServerBlock& root) {
  const std::vector<Directive>& directives = root.directives;
  for (auto it = directives.rbegin(); it != directives.rend(); ++it) {
    if (document.value(it->name) == "proxy" && !is_catch_all(document, *it)) {
      return it->last;
    }
  }
  for (std::size_t i = 0; i < directives.size(); ++i) {
    const std::string name = document.value(directives[i].name);
    if ((name == "proxy" || name == "forward") && is_catch_all(document, directives[i])) {
      return i == 0 ? *root.open : directives[i - 1].last;
    }
  }
  return directives.empty() ? *root.open : directives.back().last;
}

const Directive* root_forward(const Document& document) {
  const ServerBlock* root = find_root_block(document);
  return root == nullptr ? nullptr : find_directive(document, root->directives, "forward", ".");
}

// The whole line(s) of a directive that stands alone on them, comment included.
Edit remove_whole_lines(const Document& document, const Directive& directive) {
  TokenIndex first = directive.name;
  while (first > 0 && document.kind(first - 1) == TokenKind::space) {
    --first;
  }
  if (first > 0 && document.kind(first - 1) != TokenKind::newline) {
    return remove_directive_lines(document, directive);
  }
  TokenIndex after = directive.last + 1;
  while (after < document.tokens().size() &&
         (document.kind(after) == TokenKind::space || document.kind(after) == TokenKind::comment)) {
    ++after;
  }
  if (after < document.tokens().size() && document.kind(after) != TokenKind::newline) {
    return remove_directive_lines(document, directive);
  }
  const std::size_t end =
      after < document.tokens().size() ? end_of(document, after) : document.source().size();
  return Edit{begin_of(document, first), end, ""};
}

LineShape proxy_shape(std::string_view zone, std::string_view address) {
  return {"proxy", std::string(zone), std::string(address)};
}

std::vector<LineShape> grpc_block_shape(std::string_view zone, std::string_view address) {
  return {{"errors"}, {"cache", "30"}, {"grpc", std::string(zone), std::string(address)}};
}

// A safety net: clear_way_for_zone refuses or sets the user's lines aside before these run.
Error not_ours(const Document& document, TokenIndex at, std::string_view zone) {
  return fail(Errc::refused, cat("cannot route ", zone),
              cat("line ", document.line_of(at), ": the zone's lines there are not patch's"),
              "pass --force to set them aside");
}

// A comment on the rest of the token's line (patch writes none).
bool comment_follows(const Document& document, TokenIndex token) {
  for (TokenIndex i = token + 1; i < document.tokens().size(); ++i) {
    if (document.kind(i) == TokenKind::comment) {
      return true;
    }
    if (document.kind(i) != TokenKind::space) {
      return false;
    }
  }
  return false;
}

bool contains_zone(const std::vector<std::string>& zones, std::string_view zone) {
  const std::string wanted = fully_qualified(zone);
  return std::any_of(zones.begin(), zones.end(),
                     [&](const std::string& z) { return fully_qualified(z) == wanted; });
}

}  // namespace

Result<std::vector<Edit>> add_istio_proxy(const Document& document, const Style& style,
                                          std::string_view zone, std::string_view address) {
  const ServerBlock* root = find_root_block(document);
  if (root == nullptr || !root->open) {
    return fail(Errc::refused, "cannot add the proxy line for zone " + std::string(zone),
                "the Corefile has no '.:53 { }' server block",
                "add the catch-all block istiocoredns ships ('.:53 { ... proxy . /etc/resolv.conf "
                "}') or check --kind");
  }
  if (const Directive* existing = find_directive(document, root->directives, "proxy", zone)) {
    if (!directive_has_shape(document, *existing, proxy_shape(zone, "*"),
                             {{"protocol", "grpc", "insecure"}})) {
      return not_ours(document, existing->name, zone);
    }
    std::vector<Edit> edits;
    if (auto edit = replace_upstreams(document, *existing, address)) {
      edits.push_back(std::move(*edit));
    }
    return edits;
  }
  const std::vector<std::string> lines = {cat("proxy ", zone, " ", address, " {"),
                                          cat(style.nested_unit, "protocol grpc insecure"), "}"};
  return std::vector<Edit>{insert_lines_after(document, style, proxy_anchor(document, *root),
                                              body_indent(document, *root, style), lines)};
}

Result<std::vector<Edit>> add_istio_grpc(const Document& document, const Style& style,
                                         std::string_view zone, std::string_view address) {
  const std::string grpc = cat("grpc ", zone, " ", address);
  const std::string port = listen_port(document);
  const ServerBlock* block = find_zone_block(document, zone, port);
  if (block == nullptr) {
    Result<Edit> edit =
        insert_server_block(document, style, patch_key(zone, port), zone_block_body(grpc));
    if (!edit) {
      return std::move(edit).error();
    }
    return std::vector<Edit>{std::move(*edit)};
  }
  if (!block_has_shape(document, *block, grpc_block_shape(zone, "*"))) {
    return not_ours(document, block->first, zone);
  }
  std::vector<Edit> edits;
  if (auto edit = replace_upstreams(document, block->directives.back(), address)) {
    edits.push_back(std::move(*edit));
  }
  return edits;
}

std::vector<Edit> add_forward_except(const Document& document, const Style& style,
                                     std::string_view zone) {
  const Directive* forward = root_forward(document);
  if (forward == nullptr) {
    return {};  // nothing catches the zone before grpc does
  }
  const std::string forward_indent = line_indent(document, forward->name);
  if (!forward->open) {
    const std::size_t at = end_of(document, forward->args.back());
    const std::vector<std::string> lines = {cat(style.nested_unit, "except ", zone), "}"};
    return {Edit{at, at, cat(" {", render_lines(lines, forward_indent, style))}};
  }
  for (const Directive& option : forward->children) {
    if (document.value(option.name) == "except" &&
        contains_zone(arg_values(document, option), zone)) {
      return {};  // the user's except already lists it: nothing to add, nothing to take away
    }
  }
  // A line of its own rather than a word on the user's except line: CoreDNS adds up every except
  // line, and unpatch can then take away exactly what patch wrote.
  const std::vector<Directive>& options = forward->children;
  const TokenIndex anchor = options.empty() ? *forward->open : options.back().last;
  const std::string indent = options.empty() || line_indent(document, options.front().name).empty()
                                 ? forward_indent + style.nested_unit
                                 : line_indent(document, options.front().name);
  return {insert_lines_after(document, style, anchor, indent, {cat("except ", zone)})};
}

std::vector<Edit> remove_istio_zone(const Document& document, std::string_view zone,
                                    std::string_view address) {
  std::vector<Edit> edits;
  const std::string zone_text(zone);
  const std::string address_text(address);
  const ServerBlock* block = find_zone_block(document, zone, listen_port(document));
  if (block != nullptr && block_has_shape(document, *block, grpc_block_shape(zone, address))) {
    edits.push_back(remove_server_block(document, *block));
  }
  for (const ServerBlock& server : document.blocks()) {
    for (const Directive& directive : server.directives) {
      if (server.kind == BlockKind::server &&
          directive_has_shape(document, directive, proxy_shape(zone, address),
                              {{"protocol", "grpc", "insecure"}})) {
        edits.push_back(remove_directive_lines(document, directive));
      }
    }
  }
  const Directive* forward = root_forward(document);
  if (forward == nullptr) {
    return edits;
  }
  const auto ours = std::find_if(
      forward->children.begin(), forward->children.end(), [&](const Directive& option) {
        return directive_has_shape(document, option, {"except", zone_text}, {}) &&
               !comment_follows(document, option.last);
      });
  if (ours == forward->children.end()) {
    return edits;
  }
  if (forward->children.size() == 1 && forward->close &&
      !has_comment_between(document, *forward->open, *forward->close)) {
    // The { } holds nothing else: patch created it, so it goes with the line.
    const TokenIndex open = *forward->open;
    const TokenIndex from = document.kind(open - 1) == TokenKind::space ? open - 1 : open;
    edits.push_back(Edit{begin_of(document, from), end_of(document, *forward->close), ""});
  } else {
    edits.push_back(remove_directive_lines(document, *ours));
  }
  return edits;
}

std::vector<Edit> repair_grpc_in_root_block(const Document& document, const Style& style,
                                            const std::vector<std::string>& zones,
                                            std::vector<std::string>& moved) {
  const ServerBlock* root = find_root_block(document);
  if (root == nullptr) {
    return {};
  }
  std::vector<const Directive*> grpcs;
  for (const Directive& directive : root->directives) {
    if (document.value(directive.name) == "grpc" && !is_catch_all(document, directive) &&
        !directive.args.empty() && !directive.open) {
      grpcs.push_back(&directive);
    }
  }
  const std::size_t total = static_cast<std::size_t>(
      std::count_if(root->directives.begin(), root->directives.end(),
                    [&](const Directive& d) { return document.value(d.name) == "grpc"; }));
  if (total < 2) {
    return {};
  }
  std::vector<Edit> edits;
  for (const Directive* grpc : grpcs) {
    edits.push_back(remove_whole_lines(document, *grpc));
    const std::string zone = document.value(grpc->args.front());
    if (contains_zone(zones, zone) || contains_zone(moved, zone) ||
        find_zone_block(document, zone) != nullptr) {
      continue;
    }
    std::vector<std::string> words = {"grpc"};
    for (TokenIndex arg : grpc->args) {
      words.emplace_back(document.text(arg));
    }
    std::string key_zone = zone;
    if (key_zone.size() > 1 && key_zone.back() == '.') {
      key_zone.pop_back();
    }
    Result<Edit> block = insert_server_block(document, style, patch_key(key_zone),
                                             zone_block_body(join(words, " ")));
    if (!block) {
      return {};  // a brace-less last block: leave the file as it is and let lint refuse it
    }
    edits.push_back(std::move(*block));
    moved.push_back(key_zone);
  }
  return edits;
}

}  // namespace meshdns::corefile
