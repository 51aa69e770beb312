#include "kube/duration.hpp"

#include <catch2/catch.hpp>

#include <string_view>

namespace meshdns::kube {
namespace {

TEST_CASE("kube::parse_request_timeout", "[kube][duration]") {
  struct Row {
    std::string_view text;
    long long milliseconds;  // -1: invalid
  };
  // Accepted and refused the way kubectl 1.32 accepts and refuses them (checked by hand).
  const Row rows[] = {
      {"0", 0},          {"30", 30'000},      {"+5", 5'000},   {"1s", 1'000}, {"2m", 120'000},
      {"1h", 3'600'000}, {"1h2m", 3'720'000}, {"1.5s", 1'500}, {"0.1s", 100}, {"250ms", 250},
      {"10us", 1},       {"1ns", 1},          {"0s", 0},       {"-1s", 0},    {"1µs", 1},
      {".5s", 500},      {"abc", -1},         {"1.5", -1},     {"-1", -1},    {"", -1},
      {"1x", -1},        {"s", -1},           {"1 s", -1},     {".s", -1},
  };
  for (const Row& row : rows) {
    INFO(row.text);
    const Result<std::chrono::milliseconds> parsed = parse_request_timeout(row.text);
    if (row.milliseconds < 0) {
      REQUIRE_FALSE(parsed);
      CHECK(parsed.error().code == Errc::usage);
      CHECK(parsed.error().what ==
            "Invalid timeout value. Timeout must be a single integer in seconds, or an integer "
            "followed by a corresponding time unit (e.g. 1s | 2m | 3h)");
    } else {
      REQUIRE(parsed);
      CHECK(parsed->count() == row.milliseconds);
    }
  }
}

}  // namespace
}  // namespace meshdns::kube
