#include "corefile/layout.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <string_view>

namespace meshdns::corefile {
namespace {

TEST_CASE("corefile::detect_style", "[corefile][layout]") {
  struct Row {
    std::string_view source;
    std::string_view newline;
    std::string_view unit;
    std::string_view nested_unit;
    bool blank_line_between_blocks;
  };
  const Row rows[] = {
      {".:53 {\n    errors\n}\n", "\n", "    ", "    ", true},
      {".:53 {\r\n\terrors\r\n\tforward . x {\r\n\t\texcept y\r\n\t}\r\n}", "\r\n", "\t", "\t",
       true},
      {".:53 {\n      errors\n      cache 30 {\n        success 1\n      }\n}\n", "\n", "      ",
       "  ", true},
      {"a {\n  errors\n}\nb {\n  errors\n}\n", "\n", "  ", "  ", false},
      {"a {\n  errors\n}\n\nb {\n  errors\n}\n", "\n", "  ", "  ", true},
      {"    .:53 {\n        errors\n    }\n", "\n", "    ", "    ", true},  // key indented too
      {". { whoami }", "\n", "    ", "    ", true},                         // nothing to copy
      {"x {\nerrors\n}\n", "\n", "    ", "    ", true},  // flush-left body: no unit to copy
  };
  for (const Row& row : rows) {
    INFO(row.source);
    const Style style = detect_style(parse(std::string(row.source)));
    CHECK(style.newline == row.newline);
    CHECK(style.indent_unit == row.unit);
    CHECK(style.nested_unit == row.nested_unit);
    CHECK(style.blank_line_between_blocks == row.blank_line_between_blocks);
  }
}

TEST_CASE("corefile::apply_edits", "[corefile][layout]") {
  CHECK(apply_edits("abcdef", {}) == "abcdef");
  CHECK(apply_edits("abcdef", {{4, 4, "X"}, {1, 3, ""}, {4, 4, "Y"}}) == "adXYef");
  CHECK(apply_edits("abc", {{3, 3, "!"}, {0, 0, "^"}}) == "^abc!");
}

TEST_CASE("corefile::insertion_point_after", "[corefile][layout]") {
  struct Row {
    std::string_view source;
    std::string_view anchor;  // text of the anchor token (first match)
    std::string_view rest;    // the source from the insertion point
  };
  const Row rows[] = {
      {"a {\n  log\n}\n", "log", "\n}\n"},
      {"a {\n  log # why\n}\n", "log", "\n}\n"},  // the comment stays on its line
      {"a {\n  log   \n}\n", "log", "\n}\n"},     // trailing spaces too
      {"a { log }", "log", " }"},                 // a brace on the line: right after the anchor
      {"a {\n  log", "log", ""},
  };
  for (const Row& row : rows) {
    INFO(row.source);
    const Document doc = parse(std::string(row.source));
    TokenIndex anchor = 0;
    while (doc.text(anchor) != row.anchor) {
      ++anchor;
    }
    CHECK(std::string_view(doc.source()).substr(insertion_point_after(doc, anchor)) == row.rest);
  }
}

TEST_CASE("corefile::inserted_line_begin", "[corefile][layout]") {
  const Document doc = parse("a {\n  log\n}\n\nb {\n}\n");
  TokenIndex log = 0;
  while (doc.text(log) != "log") {
    ++log;
  }
  TokenIndex b = log;
  while (doc.text(b) != "b") {
    ++b;
  }
  CHECK(doc.source().substr(inserted_line_begin(doc, log, false)) == "\n  log\n}\n\nb {\n}\n");
  CHECK(doc.source().substr(inserted_line_begin(doc, b, true)) == "\n\nb {\n}\n");
  CHECK(doc.source().substr(inserted_line_begin(doc, b, false)) == "\nb {\n}\n");
  CHECK(doc.source().substr(inserted_line_begin(doc, 0, true)) == doc.source());
}

}  // namespace
}  // namespace meshdns::corefile
