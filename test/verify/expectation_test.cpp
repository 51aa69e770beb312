#include <meshdns/verify/expectation.hpp>

#include <catch2/catch.hpp>

#include <string>
#include <vector>

namespace meshdns::verify {

TEST_CASE("verify::validate_name", "[verify]") {
  struct Row {
    std::string name;
    std::string valid;  // the name as kept; empty: rejected
  };
  const Row rows[] = {
      {"my-fruits.internal", "my-fruits.internal"},
      {"my-fruits.internal.", "my-fruits.internal"},
      {"a", "a"},
      {"x1.y-2.z3", "x1.y-2.z3"},
      {"My-Fruits.internal", ""},
      {"-fruits.internal", ""},
      {"fruits-.internal", ""},
      {"fruits..internal", ""},
      {".internal", ""},
      {"fruits_api.internal", ""},
      {"*.internal", ""},
      {"", ""},
      {".", ""},
      {std::string(64, 'a') + ".internal", ""},
      {std::string(63, 'a') + ".internal", std::string(63, 'a') + ".internal"},
  };
  for (const Row& row : rows) {
    INFO('"' << row.name << '"');
    const auto valid = validate_name(row.name);
    if (row.valid.empty()) {
      REQUIRE_FALSE(valid.has_value());
      CHECK(valid.error().code == Errc::usage);
      CHECK_FALSE(valid.error().why.empty());
    } else {
      REQUIRE(valid.has_value());
      CHECK(*valid == row.valid);
    }
  }
}

TEST_CASE("verify::canonical_address", "[verify]") {
  struct Row {
    std::string text;
    std::string canonical;  // empty: not an address
  };
  const Row rows[] = {{"10.0.0.1", "10.0.0.1"},
                      {"FD00::0001", "fd00::1"},
                      {"::ffff:10.0.0.1", "::ffff:10.0.0.1"},
                      {"10.0.0.256", ""},
                      {"10.0.0.0/24", ""},
                      {"None", ""},
                      {"", ""}};
  for (const Row& row : rows) {
    INFO(row.text);
    CHECK(canonical_address(row.text).value_or("") == row.canonical);
  }
}

TEST_CASE("verify::parse_names_file", "[verify]") {
  struct Row {
    std::string text;
    std::vector<std::string> parsed;  // "name=ip,ip@origin"; empty with `error` set: rejected
    std::string error;                // part of the error's `what`
  };
  const Row rows[] = {
      {"", {}, ""},
      {"# only a comment\n\n", {}, ""},
      {"a.internal\n", {"a.internal=@names:1"}, ""},
      {"a.internal 10.0.0.2 10.0.0.1\r\n", {"a.internal=10.0.0.1,10.0.0.2@names:1"}, ""},
      {"  b.internal\tfd00::1 # the v6 one\nc.internal",
       {"b.internal=fd00::1@names:1", "c.internal=@names:2"},
       ""},
      {"a.internal 10.0.0.1 10.0.0.1\n", {"a.internal=10.0.0.1@names:1"}, ""},
      {"ok.internal\nBad.internal\n", {}, "names:2: invalid name"},
      {"a.internal 10.0.0.300\n", {}, "names:1: invalid address \"10.0.0.300\""},
  };
  for (const Row& row : rows) {
    INFO(row.text);
    const auto parsed = parse_names_file(row.text, "names");
    if (!row.error.empty()) {
      REQUIRE_FALSE(parsed.has_value());
      CHECK(parsed.error().what.find(row.error) != std::string::npos);
      continue;
    }
    REQUIRE(parsed.has_value());
    std::vector<std::string> printed;
    for (const auto& expectation : *parsed) {
      std::string ips;
      for (const auto& address : expectation.addresses) {
        ips += (ips.empty() ? "" : ",") + address;
      }
      printed.push_back(expectation.name + '=' + ips + '@' + expectation.origin);
    }
    CHECK(printed == row.parsed);
  }
}

TEST_CASE("verify::merge_expectations", "[verify]") {
  const auto one = [](std::string name, std::vector<std::string> ips, std::string origin) {
    return *make_expectation(name, ips, std::move(origin));
  };
  SECTION("the same name with the same addresses is kept once") {
    const auto merged =
        merge_expectations({one("a.internal", {"10.0.0.1"}, "argument"),
                            one("b.internal", {}, "f:1"), one("a.internal", {"10.0.0.1"}, "f:2")});
    REQUIRE(merged.has_value());
    REQUIRE(merged->size() == 2);
    CHECK((*merged)[0].origin == "argument");
    CHECK((*merged)[1].name == "b.internal");
  }
  SECTION("the same name with other addresses is refused, naming both places") {
    const auto merged = merge_expectations(
        {one("a.internal", {"10.0.0.1"}, "f:1"), one("a.internal", {"10.0.0.2"}, "f:7")});
    REQUIRE_FALSE(merged.has_value());
    CHECK(merged.error().what.find("f:7") != std::string::npos);
    CHECK(merged.error().why.find("f:1") != std::string::npos);
  }
}

}  // namespace meshdns::verify
