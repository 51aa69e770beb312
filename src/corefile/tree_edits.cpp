#include "corefile/tree_edits.hpp"

#include "corefile/zone_key.hpp"

#include <meshdns/text.hpp>

namespace meshdns::corefile {

namespace {

bool line_matches(const Document& document, const Directive& directive, const LineShape& line) {
  if (line.empty() || directive.args.size() + 1 != line.size() ||
      document.value(directive.name) != line[0]) {
    return false;
  }
  for (std::size_t i = 0; i < directive.args.size(); ++i) {
    if (line[i + 1] != "*" && document.value(directive.args[i]) != line[i + 1]) {
      return false;
    }
  }
  return true;
}

}  // namespace

bool has_comment_between(const Document& document, TokenIndex first, TokenIndex last) {
  for (TokenIndex i = first; i <= last; ++i) {
    if (document.kind(i) == TokenKind::comment) {
      return true;
    }
  }
  return false;
}

const ServerBlock* find_zone_block(const Document& document, std::string_view zone) {
  const ZoneKey wanted{"dns", fully_qualified(zone), "53"};
  for (const ServerBlock& block : document.blocks()) {
    if (block.kind != BlockKind::server) {
      continue;
    }
    for (TokenIndex key : block.keys) {
      if (parse_zone_key(document.value(key)) == wanted) {
        return &block;
      }
    }
  }
  return nullptr;
}

const Directive* find_directive(const Document& document, const std::vector<Directive>& directives,
                                std::string_view name, std::string_view from) {
  for (const Directive& directive : directives) {
    if (document.value(directive.name) != name) {
      continue;
    }
    if (from.empty()) {
      return &directive;
    }
    if (!directive.args.empty() &&
        fully_qualified(document.value(directive.args.front())) == fully_qualified(from)) {
      return &directive;
    }
  }
  return nullptr;
}

std::vector<std::string> arg_values(const Document& document, const Directive& directive) {
  std::vector<std::string> values;
  values.reserve(directive.args.size());
  for (TokenIndex arg : directive.args) {
    values.push_back(document.value(arg));
  }
  return values;
}

bool block_has_shape(const Document& document, const ServerBlock& block,
                     const std::vector<LineShape>& lines) {
  if (block.keys.size() != 1 || !block.open || !block.close || block.glued_brace ||
      block.directives.size() != lines.size() ||
      has_comment_between(document, *block.open, *block.close)) {
    return false;
  }
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (block.directives[i].open || !line_matches(document, block.directives[i], lines[i])) {
      return false;
    }
  }
  return true;
}

bool directive_has_shape(const Document& document, const Directive& directive,
                         const LineShape& line, const std::vector<LineShape>& children) {
  if (!line_matches(document, directive, line) || directive.open.has_value() != !children.empty() ||
      directive.children.size() != children.size()) {
    return false;
  }
  if (!directive.open) {
    return true;
  }
  if (!directive.close || has_comment_between(document, *directive.open, *directive.close)) {
    return false;
  }
  for (std::size_t i = 0; i < children.size(); ++i) {
    if (!directive_has_shape(document, directive.children[i], children[i], {})) {
      return false;
    }
  }
  return true;
}

Result<Edit> insert_server_block(const Document& document, const Style& style, std::string_view key,
                                 const std::vector<std::string>& body) {
  std::string key_indent;
  std::size_t at = document.source().size();
  if (!document.blocks().empty()) {
    const ServerBlock& last = document.blocks().back();
    if (last.kind != BlockKind::import && !last.open) {
      return fail(Errc::refused, cat("cannot add a server block for ", key),
                  cat("the server block on line ", document.line_of(last.first),
                      " has no braces, so CoreDNS reads everything after it as its directives"),
                  "wrap that block's directives in '{' and '}'");
    }
    at = insertion_point_after(document, last.last);
    if (last.kind == BlockKind::server && !last.keys.empty()) {
      key_indent = line_indent(document, last.keys.front());
    }
  }
  std::vector<std::string> lines;
  lines.reserve(body.size() + 2);
  lines.push_back(cat(key, " {"));
  for (const std::string& line : body) {
    lines.push_back(cat(style.indent_unit, line));
  }
  lines.push_back("}");
  std::string text = style.blank_line_between_blocks ? style.newline : std::string();
  text.append(render_lines(lines, key_indent, style));
  return Edit{at, at, std::move(text)};
}

Edit remove_server_block(const Document& document, const ServerBlock& block) {
  const std::size_t begin = inserted_line_begin(document, block.first, /*blank_line=*/true);
  const TokenIndex last = block.close.value_or(block.last);
  return Edit{begin, end_of(document, last), ""};
}

Edit insert_lines_after(const Document& document, const Style& style, TokenIndex anchor,
                        std::string_view indent, const std::vector<std::string>& lines) {
  const std::size_t at = insertion_point_after(document, anchor);
  return Edit{at, at, render_lines(lines, indent, style)};
}

Edit remove_directive_lines(const Document& document, const Directive& directive) {
  const std::size_t begin = inserted_line_begin(document, directive.name, /*blank_line=*/false);
  return Edit{begin, end_of(document, directive.last), ""};
}

std::optional<Edit> replace_upstreams(const Document& document, const Directive& directive,
                                      std::string_view upstream) {
  const std::vector<TokenIndex>& args = directive.args;
  if (args.size() == 2 && document.value(args[1]) == upstream) {
    return std::nullopt;
  }
  if (args.size() < 2) {
    const TokenIndex after = args.empty() ? directive.name : args.back();
    const std::size_t at = end_of(document, after);
    return Edit{at, at, cat(" ", upstream)};
  }
  return Edit{begin_of(document, args[1]), end_of(document, args.back()), std::string(upstream)};
}

std::vector<std::string> zone_block_body(std::string_view last_line) {
  return {"errors", "cache 30", std::string(last_line)};
}

}  // namespace meshdns::corefile
