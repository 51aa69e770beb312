#include <meshdns/text.hpp>

#include <catch2/catch.hpp>

namespace meshdns {
namespace {

TEST_CASE("text helpers", "[util][text]") {
  CHECK(cat("line ", 14, ": ", std::string("x"), '!') == "line 14: x!");
  CHECK(trim("  a b\t\r\n") == "a b");
  CHECK(trim("") == "");
  CHECK(to_lower("MiXeD.Internal") == "mixed.internal");
  const auto parts = split("a,,b", ',');
  REQUIRE(parts.size() == 3);
  CHECK(parts[1].empty());
  CHECK(join({"a", "b", "c"}, ", ") == "a, b, c");
}

// Issue #17: a tenant's annotation holding "ESC ] 0 ; title BEL" or "ESC [ 2 J" reached the
// admin's terminal through `alias list -A`.
TEST_CASE("escape_terminal", "[util][text][hardening]") {
  struct Row {
    std::string text, kept, one_line;
  };
  const Row rows[] = {
      {"my-fruits.internal", "my-fruits.internal", "my-fruits.internal"},
      {"\x1b]0;pwned\x07", "^[]0;pwned^G", "^[]0;pwned^G"},
      {"a\x1b[2Jb", "a^[[2Jb", "a^[[2Jb"},
      {"over\rwrite", "over\\rwrite", "over\\rwrite"},
      {"two\nlines\tx", "two\nlines\tx", "two\\nlines\\tx"},
      {std::string("nul\0del\x7f", 8), "nul^@del^?", "nul^@del^?"},
      {"csi\xc2\x9b" "2J", "csi\\u009b2J", "csi\\u009b2J"},
      {"caf\xc3\xa9 \xe2\x9c\x93", "caf\xc3\xa9 \xe2\x9c\x93",
       "caf\xc3\xa9 \xe2\x9c\x93"},  // UTF-8 kept
  };
  for (const Row& row : rows) {
    INFO(row.text);
    CHECK(escape_terminal(row.text) == row.kept);
    CHECK(escape_terminal(row.text, Newlines::escape) == row.one_line);
  }
}

}  // namespace
}  // namespace meshdns
