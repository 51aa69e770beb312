#include <meshdns/go_duration.hpp>

#include <catch2/catch.hpp>

#include <optional>
#include <string>

namespace meshdns {
namespace {

TEST_CASE("parse_go_duration", "[util][duration]") {
  struct Row {
    std::string text;
    std::optional<double> nanoseconds;
  };
  const Row rows[] = {
      {"0", 0.0},
      {"1s", 1e9},
      {"1.5s", 1.5e9},
      {"250ms", 250e6},
      {"1h30m", 5400e9},
      {"-2m", -120e9},
      {"+3us", 3e3},
      {"10\xC2\xB5s", 10e3},
      {"7ns", 7.0},
      {".5s", 0.5e9},
      {"", std::nullopt},
      {"5", std::nullopt},
      {"5 s", std::nullopt},
      {"5d", std::nullopt},
      {".s", std::nullopt},
      {"s", std::nullopt},
  };
  for (const Row& row : rows) {
    INFO('"' << row.text << '"');
    const std::optional<double> parsed = parse_go_duration(row.text);
    REQUIRE(parsed.has_value() == row.nanoseconds.has_value());
    if (parsed) {
      CHECK(*parsed == Approx(*row.nanoseconds));
    }
  }
}

}  // namespace
}  // namespace meshdns
