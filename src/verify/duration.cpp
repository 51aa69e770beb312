#include <meshdns/text.hpp>
#include <meshdns/verify/duration.hpp>

#include <charconv>
#include <cstdint>

namespace meshdns::verify {
namespace {

// Milliseconds per unit; the longest suffix first so "ms" is not read as "m" then "s".
struct Unit {
  std::string_view suffix;
  std::int64_t milliseconds;
};
constexpr Unit k_units[] = {{"ms", 1}, {"h", 3'600'000}, {"m", 60'000}, {"s", 1'000}};

}  // namespace

Result<std::chrono::milliseconds> parse_duration(std::string_view text, std::string_view flag) {
  const auto bad = [&](std::string_view why) {
    return fail(Errc::usage, cat("invalid ", flag, " \"", text, "\""), std::string(why),
                "write a duration such as 500ms, 5s, 2m, 1h or 1m30s");
  };
  if (text == "0") {
    return std::chrono::milliseconds{0};
  }
  if (text.empty()) {
    return bad("it is empty");
  }
  std::int64_t total = 0;
  std::string_view rest = text;
  while (!rest.empty()) {
    if (rest.front() < '0' || rest.front() > '9') {
      return bad("each part must be a whole number followed by a unit");
    }
    std::int64_t number = 0;
    const auto [end, error] = std::from_chars(rest.data(), rest.data() + rest.size(), number);
    if (error != std::errc{} || end == rest.data()) {
      return bad("each part must be a whole number followed by a unit");
    }
    rest.remove_prefix(static_cast<std::size_t>(end - rest.data()));
    const Unit* unit = nullptr;
    for (const Unit& candidate : k_units) {
      if (rest.starts_with(candidate.suffix)) {
        unit = &candidate;
        break;
      }
    }
    if (unit == nullptr) {
      return bad("a number has no unit (ms, s, m or h)");
    }
    rest.remove_prefix(unit->suffix.size());
    constexpr std::int64_t k_week_ms = 7LL * 24 * 3'600'000;
    if (number > k_week_ms / unit->milliseconds) {
      return bad("it is longer than a week");
    }
    total += number * unit->milliseconds;
  }
  return std::chrono::milliseconds{total};
}

std::string format_duration(std::chrono::milliseconds duration) {
  const std::int64_t total = duration.count() < 0 ? 0 : duration.count();
  const std::int64_t hours = total / 3'600'000;
  const std::int64_t minutes = total / 60'000 % 60;
  const std::int64_t millis = total % 60'000;
  std::string out;
  if (hours > 0) {
    out += cat(hours, 'h');
  }
  if (minutes > 0) {
    out += cat(minutes, 'm');
  }
  if (millis > 0 || out.empty()) {
    out += cat(millis / 1000);
    if (millis % 1000 / 100 != 0) {
      // One decimal is enough for people; 1.25s reads as 1.2s.
      out += cat('.', millis % 1000 / 100);
    }
    out += 's';
  }
  return out;
}

}  // namespace meshdns::verify
