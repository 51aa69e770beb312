#pragma once

// `diff -u` between two texts, for `corefile diff` and golden-file test failures. Pure.

#include <string>
#include <string_view>

namespace meshdns {

struct DiffLabels {
  std::string_view before;  // the "--- " line
  std::string_view after;   // the "+++ " line
};

// GNU diff's unified format with `context` lines around each change: "--- before", "+++ after",
// then
// "@@ -l,s +l,s @@" hunks. Lines are compared with their line ending, so a CRLF/LF change shows,
// the
// "\r" stays in the output, and a missing final newline is marked "\ No newline at end of file".
// Empty when the texts are equal. O((N+M)·D) time and O(N+M) space; lines found on one side only
// are settled before the search, so even two wholly different 10,000-line files take milliseconds.
std::string unified_diff(std::string_view before, std::string_view after, DiffLabels labels,
                         int context = 3);

}  // namespace meshdns
