#pragma once

// Finding the blocks and directives patch works on, and the edits that add or remove them. Every
// insertion here has an exact inverse below it: what `insert_*` adds, `remove_*` takes away again
// byte for byte, found by content rather than by stored positions.

#include "corefile/layout.hpp"
#include "corefile/syntax_tree.hpp"

#include <meshdns/result.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace meshdns::corefile {

// The server block that serves dns://ZONE:53 (any spelling of the key), or nullptr.
const ServerBlock* find_zone_block(const Document& document, std::string_view zone);
// The catch-all dns://.:53 block, or nullptr.
inline const ServerBlock* find_root_block(const Document& document) {
  return find_zone_block(document, ".");
}

// The first directive named `name` whose first argument is `from` (any spelling: "internal",
// "internal."), or nullptr; an empty `from` matches any.
const Directive* find_directive(const Document& document, const std::vector<Directive>& directives,
                                std::string_view name, std::string_view from = {});

std::vector<std::string> arg_values(const Document& document, const Directive& directive);

// One line of a block as patch writes it, compared by token values; "*" matches any one value.
using LineShape = std::vector<std::string>;

bool has_comment_between(const Document& document, TokenIndex first, TokenIndex last);

// Is `block` exactly `key { lines }` with nothing else inside: no comments, options or sub-blocks?
bool block_has_shape(const Document& document, const ServerBlock& block,
                     const std::vector<LineShape>& lines);
// Is `directive` exactly `line { children }` (no sub-block when `children` is empty)?
bool directive_has_shape(const Document& document, const Directive& directive,
                         const LineShape& line, const std::vector<LineShape>& children);

// A new server block after the last top-level item, in the file's style; `body` lines unindented.
// Refused when the last block has no braces: CoreDNS reads the rest of the file into it.
Result<Edit> insert_server_block(const Document& document, const Style& style, std::string_view key,
                                 const std::vector<std::string>& body);
Edit remove_server_block(const Document& document, const ServerBlock& block);

// New lines after `anchor` (a directive's last token or a block's "{"), each at `indent`.
Edit insert_lines_after(const Document& document, const Style& style, TokenIndex anchor,
                        std::string_view indent, const std::vector<std::string>& lines);
Edit remove_directive_lines(const Document& document, const Directive& directive);

// Replaces the directive's arguments after the first (its upstreams) with `upstream`; nullopt when
// that is what they already are.
std::optional<Edit> replace_upstreams(const Document& document, const Directive& directive,
                                      std::string_view upstream);

// The server block lines patch writes for a zone.
std::vector<std::string> zone_block_body(std::string_view last_line);

}  // namespace meshdns::corefile
