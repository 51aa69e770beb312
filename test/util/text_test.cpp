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

}  // namespace
}  // namespace meshdns
