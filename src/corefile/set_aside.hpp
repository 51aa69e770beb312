#pragma once

// What `patch --force` does with a user's own lines for a zone: it never deletes them, it turns
// them into comments with a marker naming the zone, so CoreDNS ignores them, a reader sees them
// and `unpatch` (file mode as much as cluster mode) turns them back into the exact bytes:
//   # meshdns-saved[internal] internal:53 {          a whole block or directive, line by line
//   # meshdns-key[internal] .:53 internal:53 {        a key line; the next line is the same line
//   .:53 {                                            without the zone's key
// Markers start at column 0, before the line's own indentation, so uncommenting is one cut each.

#include "corefile/layout.hpp"
#include "corefile/syntax_tree.hpp"

#include <meshdns/result.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace meshdns::corefile {

// Comments out the whole lines from token `first` to token `last`. Refused when other significant
// tokens share those lines (they could not be put back on their own).
Result<std::vector<Edit>> set_aside_lines(const Document& document, TokenIndex first,
                                          TokenIndex last, std::string_view zone);

// Takes the key token `key` out of its block's key line, keeping the line as it was in a comment.
// Refused when the line holds no other key or the key is not separated from them by spaces.
Result<std::vector<Edit>> set_aside_key(const Document& document, TokenIndex key,
                                        std::string_view zone);

// The inverse of both for `zone`: every marked line uncommented (a key line replacing the line
// after it when that is still the line set_aside_key wrote; otherwise left as it is).
std::vector<Edit> restore_set_aside(const Document& document, std::string_view zone);

// Does the text hold lines set aside for `zone`?
bool has_set_aside(std::string_view source, std::string_view zone);

}  // namespace meshdns::corefile
