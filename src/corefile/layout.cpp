#include "corefile/layout.hpp"

#include <algorithm>

namespace meshdns::corefile {

namespace {

bool is_blank_indent(std::string_view text) {
  return !text.empty() && text.find_first_not_of(" \t") == std::string_view::npos;
}

// The unit a nested line adds to its parent's indentation, if the file shows one.
std::string indent_step(const Document& document, TokenIndex parent, TokenIndex child) {
  const std::string outer = line_indent(document, parent);
  const std::string inner = line_indent(document, child);
  if (inner.size() <= outer.size() || inner.compare(0, outer.size(), outer) != 0) {
    return "";
  }
  const std::string step = inner.substr(outer.size());
  if (step.find('\t') != std::string::npos) {
    return "\t";
  }
  return step.size() <= 8 ? step : "";
}

}  // namespace

Style detect_style(const Document& document) {
  Style style;
  for (TokenIndex i = 0; i < document.tokens().size(); ++i) {
    if (document.kind(i) == TokenKind::newline) {
      style.newline = std::string(document.text(i));
      break;
    }
  }
  bool found_unit = false;
  bool found_nested_unit = false;
  std::size_t gaps = 0;
  std::size_t blank_gaps = 0;
  const auto& blocks = document.blocks();
  for (std::size_t b = 0; b < blocks.size(); ++b) {
    const ServerBlock& block = blocks[b];
    if (!found_unit && !block.keys.empty() && !block.directives.empty()) {
      const std::string step =
          indent_step(document, block.keys.front(), block.directives.front().name);
      if (!step.empty()) {
        style.indent_unit = step;
        found_unit = true;
      }
    }
    for (const Directive& directive : block.directives) {
      if (found_nested_unit || directive.children.empty()) {
        continue;
      }
      const std::string step =
          indent_step(document, directive.name, directive.children.front().name);
      if (!step.empty()) {
        style.nested_unit = step;
        found_nested_unit = true;
      }
    }
    if (b > 0) {
      ++gaps;
      std::size_t newlines = 0;
      for (TokenIndex i = blocks[b - 1].last + 1; i < block.first; ++i) {
        newlines += document.kind(i) == TokenKind::newline ? 1 : 0;
      }
      blank_gaps += newlines >= 2 ? 1 : 0;
    }
  }
  if (!found_nested_unit) {
    style.nested_unit = style.indent_unit;
  }
  if (gaps > 0) {
    style.blank_line_between_blocks = blank_gaps > 0;
  }
  return style;
}

std::string apply_edits(std::string_view source, std::vector<Edit> edits) {
  std::stable_sort(edits.begin(), edits.end(),
                   [](const Edit& a, const Edit& b) { return a.begin < b.begin; });
  std::string out;
  std::size_t size = source.size();
  for (const Edit& edit : edits) {
    size += edit.text.size();
  }
  out.reserve(size);
  std::size_t at = 0;
  for (const Edit& edit : edits) {
    out.append(source.substr(at, edit.begin - at));
    out.append(edit.text);
    at = std::max(at, edit.end);
  }
  out.append(source.substr(at));
  return out;
}

std::string line_indent(const Document& document, TokenIndex token) {
  if (token == 0) {
    return "";
  }
  const TokenIndex before = token - 1;
  if (document.kind(before) == TokenKind::space &&
      (before == 0 || document.kind(before - 1) == TokenKind::newline ||
       document.kind(before - 1) == TokenKind::bom) &&
      is_blank_indent(document.text(before))) {
    return std::string(document.text(before));
  }
  return "";
}

std::string body_indent(const Document& document, const ServerBlock& block, const Style& style) {
  for (const Directive& directive : block.directives) {
    const TokenIndex name = directive.name;
    if (name > 0 &&
        (document.kind(name - 1) == TokenKind::newline || !line_indent(document, name).empty())) {
      return line_indent(document, name);
    }
  }
  const std::string key_indent =
      block.keys.empty() ? "" : line_indent(document, block.keys.front());
  return key_indent + style.indent_unit;
}

std::size_t insertion_point_after(const Document& document, TokenIndex anchor) {
  const std::size_t count = document.tokens().size();
  for (TokenIndex i = anchor + 1; i < count; ++i) {
    const TokenKind kind = document.kind(i);
    if (kind == TokenKind::newline) {
      return begin_of(document, i);
    }
    if (kind != TokenKind::space && kind != TokenKind::comment) {
      return end_of(document, anchor);
    }
  }
  return document.source().size();
}

std::size_t inserted_line_begin(const Document& document, TokenIndex first, bool blank_line) {
  TokenIndex at = first;
  if (at > 0 && document.kind(at - 1) == TokenKind::space) {
    --at;
  }
  if (at > 0 && document.kind(at - 1) == TokenKind::newline) {
    --at;
    if (blank_line && at > 0 && document.kind(at - 1) == TokenKind::newline) {
      --at;
    }
  }
  return at < document.tokens().size() ? begin_of(document, at) : document.source().size();
}

std::string render_lines(const std::vector<std::string>& lines, std::string_view indent,
                         const Style& style) {
  std::string out;
  for (const std::string& line : lines) {
    out.append(style.newline);
    out.append(indent);
    out.append(line);
  }
  return out;
}

}  // namespace meshdns::corefile
