#include <meshdns/go_duration.hpp>
#include <meshdns/text.hpp>
#include <meshdns/verify/duration.hpp>

#include <cmath>
#include <cstdint>
#include <optional>

namespace meshdns::verify {
Result<std::chrono::milliseconds> parse_duration(std::string_view text, std::string_view flag) {
  const auto bad = [&](std::string_view why) {
    return fail(Errc::usage, cat("invalid ", flag, " \"", text, "\""), std::string(why),
                "write a duration such as 500ms, 5s, 2m, 1h or 1m30s");
  };
  if (text.empty()) {
    return bad("it is empty");
  }
  const std::optional<double> nanoseconds = parse_go_duration(text);
  if (!nanoseconds) {
    return bad("each part must be a number followed by a unit (ms, s, m or h)");
  }
  if (*nanoseconds < 0) {
    return bad("it is negative");
  }
  constexpr double k_week_ns = 7.0 * 24 * 3600 * 1e9;
  if (*nanoseconds > k_week_ns) {
    return bad("it is longer than a week");
  }
  // Rounded up, so a positive duration below a millisecond still waits.
  return std::chrono::milliseconds{static_cast<std::int64_t>(std::ceil(*nanoseconds / 1e6 - 1e-6))};
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
