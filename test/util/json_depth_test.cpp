#include <meshdns/json_depth.hpp>

#include <catch2/catch.hpp>

#include <string>

namespace meshdns {
namespace {

TEST_CASE("json_nesting_depth", "[util][json]") {
  struct Row {
    std::string text;
    std::size_t depth;
  };
  const Row rows[] = {
      {"", 0},
      {"null", 0},
      {"[]", 1},
      {R"({"a":[1,{"b":[]}],"c":{}})", 4},
      {R"({"a":"[[[[{{{{"})", 1},            // brackets in strings do not count
      {R"({"a":"\"[[[","b":[]})", 2},        // nor after an escaped quote
      {R"(["\\",[]])", 2},                   // an escaped backslash ends before the quote
      {"]]]][", 1},                          // malformed: never below zero
      {std::string(100'000, '['), 100'000},  // one pass, no recursion
  };
  for (const Row& row : rows) {
    INFO(row.text.substr(0, 40));
    CHECK(json_nesting_depth(row.text) == row.depth);
  }
}

}  // namespace
}  // namespace meshdns
