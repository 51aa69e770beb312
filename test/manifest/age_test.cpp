#include <meshdns/manifest/age.hpp>

#include <catch2/catch.hpp>

#include <chrono>
#include <string_view>

namespace meshdns::manifest {

TEST_CASE("manifest::human_duration", "[manifest][age]") {
  struct Row {
    long long seconds;
    std::string_view shown;
  };
  constexpr long long k_minute = 60;
  constexpr long long k_hour = 60 * k_minute;
  constexpr long long k_day = 24 * k_hour;
  constexpr long long k_year = 365 * k_day;
  const Row rows[] = {
      {-5, "<invalid>"},
      {-1, "0s"},
      {0, "0s"},
      {119, "119s"},
      {120, "2m"},
      {150, "2m30s"},
      {9 * k_minute + 59, "9m59s"},
      {10 * k_minute + 30, "10m"},
      {3 * k_hour - 1, "179m"},
      {3 * k_hour, "3h"},
      {3 * k_hour + 5 * k_minute, "3h5m"},
      {8 * k_hour + 5 * k_minute, "8h"},
      {47 * k_hour, "47h"},
      {2 * k_day, "2d"},
      {2 * k_day + 3 * k_hour, "2d3h"},
      {8 * k_day + 3 * k_hour, "8d"},
      {2 * k_year - 1, "729d"},
      {2 * k_year + 30 * k_day, "2y30d"},
      {3 * k_year, "3y"},
      {9 * k_year + 30 * k_day, "9y"},
  };
  for (const Row& row : rows) {
    INFO(row.seconds);
    CHECK(human_duration(std::chrono::seconds(row.seconds)) == row.shown);
  }
}

TEST_CASE("manifest::object_age", "[manifest][age]") {
  const auto now = parse_timestamp("2026-11-25T17:00:00Z");
  REQUIRE(now.has_value());
  CHECK(object_age("2026-11-25T16:55:00Z", *now) == "5m");
  CHECK(object_age("2026-11-25T16:59:30.123456Z", *now) == "30s");
  CHECK(object_age("2026-11-25T18:00:00+01:00", *now) == "0s");
  CHECK(object_age("2024-02-29T17:00:00Z", *now) == "2y270d");  // across a leap day
  for (const std::string_view bad : {"", "yesterday", "2026-11-25", "2026-11-25T16:55:00",
                                     "2026-13-01T00:00:00Z", "2026-11-25T16:55:00Zjunk"}) {
    INFO(bad);
    CHECK(object_age(bad, *now) == "<unknown>");
  }
}

}  // namespace meshdns::manifest
