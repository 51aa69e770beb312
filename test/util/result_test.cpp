#include <meshdns/result.hpp>

#include <catch2/catch.hpp>

#include <string>

namespace meshdns {
namespace {

Result<int> parse_digit(char c) {
  if (c < '0' || c > '9') {
    return fail(Errc::usage, "not a digit", "got '" + std::string(1, c) + "'", "pass 0-9");
  }
  return c - '0';
}

TEST_CASE("Result holds a value or an error", "[util][result]") {
  const Result<int> seven = parse_digit('7');
  REQUIRE(seven.has_value());
  CHECK(*seven == 7);

  const Result<int> bad = parse_digit('x');
  REQUIRE_FALSE(bad.has_value());
  CHECK(bad.error().code == Errc::usage);
  CHECK(bad.error().fix == "pass 0-9");
  CHECK(bad.value_or(-1) == -1);

  const Result<void> ok;
  CHECK(ok.has_value());
  const Result<void> refused = fail(Errc::refused, "no");
  CHECK_FALSE(refused.has_value());
}

TEST_CASE("format_error follows SPEC §4", "[util][result]") {
  struct Row {
    Error error;
    std::string line;
  };
  const Row rows[] = {
      {{Errc::usage, "bad zone \"In\"", "zones are lower-case DNS names", "use --zone internal"},
       "bad zone \"In\" (zones are lower-case DNS names; use --zone internal)"},
      {{Errc::config, "no kubeconfig", "", "set KUBECONFIG"}, "no kubeconfig (set KUBECONFIG)"},
      {{Errc::server, "Error from server (NotFound): services \"x\" not found", "", ""},
       "Error from server (NotFound): services \"x\" not found"},
  };
  for (const Row& row : rows) {
    INFO(row.line);
    CHECK(format_error(row.error) == row.line);
  }
}

TEST_CASE("exit codes: 2 for usage and config, 1 otherwise", "[util][result]") {
  CHECK(exit_code(Errc::usage) == 2);
  CHECK(exit_code(Errc::config) == 2);
  CHECK(exit_code(Errc::conflict) == 1);
  CHECK(exit_code(Errc::check_failed) == 1);
}

}  // namespace
}  // namespace meshdns
