#pragma once

// Where new lines go and how they look: the file's own style (indent unit, newline bytes, blank
// lines between blocks), insertion points that keep comments on their lines, and the byte ranges
// that remove exactly what an insertion added. Edits are byte ranges applied in one pass, so an
// operation stays linear in the size of the file however many edits it makes.

#include "corefile/syntax_tree.hpp"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace meshdns::corefile {

struct Style {
  std::string newline = "\n";        // "\r\n" when the file's first line break is one
  std::string indent_unit = "    ";  // "\t" or N spaces, from the first indented directive
  std::string nested_unit = "    ";  // what a sub-block line adds to its directive's indentation
  bool blank_line_between_blocks = true;
};

Style detect_style(const Document& document);

// Replace bytes [begin, end) with `text`. Insertions have begin == end.
struct Edit {
  std::size_t begin = 0;
  std::size_t end = 0;
  std::string text;
};

// Applies non-overlapping edits in one pass (stable for insertions at the same offset).
std::string apply_edits(std::string_view source, std::vector<Edit> edits);

// The spaces and tabs before the token on its line, or "" when something else precedes it there.
std::string line_indent(const Document& document, TokenIndex token);

// The indentation of a body line in `block`: its first directive's, else the key's plus one unit.
std::string body_indent(const Document& document, const ServerBlock& block, const Style& style);

// The offset at which lines following `anchor` are inserted as newline + text: the end of the
// anchor's line, so a trailing comment stays where it is; or right after the anchor when a
// significant token (a closing brace) follows it on the same line.
std::size_t insertion_point_after(const Document& document, TokenIndex anchor);

// The inverse of inserting newline + indent + text before `first`: the offset where that insertion
// began (the indentation and one line break back; two when `blank_line` and a blank line is there).
std::size_t inserted_line_begin(const Document& document, TokenIndex first, bool blank_line);

// The end offset of a token.
inline std::size_t end_of(const Document& document, TokenIndex token) {
  return document.tokens()[token].end;
}
inline std::size_t begin_of(const Document& document, TokenIndex token) {
  return document.tokens()[token].begin;
}

// Renders lines as newline + indent + line each; `lines` hold their own relative indentation.
std::string render_lines(const std::vector<std::string>& lines, std::string_view indent,
                         const Style& style);

}  // namespace meshdns::corefile
