#include <meshdns/verify/duration.hpp>

#include <catch2/catch.hpp>

#include <string>

namespace meshdns::verify {

TEST_CASE("verify::parse_duration", "[verify]") {
  struct Row {
    std::string text;
    long long milliseconds;  // -1: rejected
  };
  const Row rows[] = {
      {"0", 0},         {"500ms", 500},      {"5s", 5000}, {"2m", 120000}, {"1h", 3600000},
      {"1m30s", 90000}, {"1h2m3s", 3723000}, {"", -1},     {"5", -1},      {"5 s", -1},
      {"s", -1},        {"-5s", -1},         {"1.5s", 1500}, {"5d", -1},     {"9999h", -1},
  };
  for (const Row& row : rows) {
    INFO('"' << row.text << '"');
    const auto parsed = parse_duration(row.text, "--timeout");
    if (row.milliseconds < 0) {
      REQUIRE_FALSE(parsed.has_value());
      CHECK(parsed.error().code == Errc::usage);
      CHECK(parsed.error().what.find("--timeout") != std::string::npos);
    } else {
      REQUIRE(parsed.has_value());
      CHECK(parsed->count() == row.milliseconds);
    }
  }
}

TEST_CASE("verify::format_duration", "[verify]") {
  struct Row {
    long long milliseconds;
    std::string text;
  };
  const Row rows[] = {{0, "0s"},          {400, "0.4s"},  {1250, "1.2s"},      {5000, "5s"},
                      {90500, "1m30.5s"}, {120000, "2m"}, {3723000, "1h2m3s"}, {-5, "0s"}};
  for (const Row& row : rows) {
    INFO(row.milliseconds);
    CHECK(format_duration(std::chrono::milliseconds{row.milliseconds}) == row.text);
  }
}

}  // namespace meshdns::verify
