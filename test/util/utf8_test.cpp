#include <meshdns/utf8.hpp>

#include <catch2/catch.hpp>

#include <string>

namespace meshdns {
namespace {

TEST_CASE("util::printable", "[util][utf8]") {
  CHECK(printable("my-fruits.internal") == "my-fruits.internal");
  CHECK(printable("my-früits.internal") == "my-früits.internal");  // a whole character
  CHECK(printable("my\x01"
                  "fruits\n") == "my\\x01fruits\\x0a");
  CHECK(printable("\x7f") == "\\x7f");
  CHECK(printable("a\xc3") == "a\\xc3");                  // cut in the middle of a character
  CHECK(printable("\xc0\xaf") == "\\xc0\\xaf");           // overlong '/'
  CHECK(printable("\xed\xa0\x80") == "\\xed\\xa0\\x80");  // a surrogate
}

TEST_CASE("util::first_non_ascii", "[util][utf8]") {
  CHECK(first_non_ascii("abc").empty());
  CHECK(first_non_ascii("my-früits") == "ü");
  CHECK(first_non_ascii("日本") == "日");
  CHECK(first_non_ascii("a\xc3") == "\\xc3");
}

TEST_CASE("util::punycode_name", "[util][utf8]") {
  // Expected values from Python's "punycode" codec and RFC 3492's examples.
  struct Row {
    std::string name;
    std::optional<std::string> ascii;
  };
  const Row rows[] = {
      {"my-früits.internal", "xn--my-frits-b6a.internal"},
      {"bücher.example", "xn--bcher-kva.example"},
      {"münchen.internal", "xn--mnchen-3ya.internal"},
      {"日本語.internal", "xn--wgv71a119e.internal"},
      {"ü.internal", "xn--tda.internal"},
      {"My-Fruits.internal", "my-fruits.internal"},
      {"a\x01.internal", std::nullopt},
      {"a\xc3.internal", std::nullopt},
  };
  for (const Row& row : rows) {
    INFO(row.name);
    CHECK(punycode_name(row.name) == row.ascii);
  }
}

}  // namespace
}  // namespace meshdns
