#include "kube/duration.hpp"

#include <meshdns/go_duration.hpp>
#include <meshdns/text.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <optional>
#include <utility>

namespace meshdns::kube {
namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

std::optional<std::int64_t> parse_seconds(std::string_view text) {
  std::size_t at = 0;
  if (!text.empty() && text[0] == '+') {
    at = 1;
  }
  if (at == text.size() || text.size() - at > 18) {
    return std::nullopt;
  }
  std::int64_t value = 0;
  for (; at < text.size(); ++at) {
    if (!is_digit(text[at])) {
      return std::nullopt;
    }
    value = value * 10 + (text[at] - '0');
  }
  return value;
}

}  // namespace

Result<std::chrono::milliseconds> parse_request_timeout(std::string_view text) {
  if (const std::optional<std::int64_t> seconds = parse_seconds(text)) {
    return std::chrono::milliseconds(*seconds * 1000);
  }
  if (const std::optional<double> nanoseconds = parse_go_duration(text)) {
    if (*nanoseconds <= 0) {
      return std::chrono::milliseconds(0);
    }
    // The epsilon keeps "0.1s" (1e8 ns, not exact in binary) from rounding up to 101 ms.
    const double milliseconds = std::ceil(*nanoseconds / 1e6 - 1e-6);
    return std::chrono::milliseconds(static_cast<std::int64_t>(std::max(milliseconds, 1.0)));
  }
  return fail(Errc::usage,
              "Invalid timeout value. Timeout must be a single integer in seconds, or an integer "
              "followed by a corresponding time unit (e.g. 1s | 2m | 3h)",
              cat("--request-timeout was \"", text, "\""), "use e.g. --request-timeout=30s");
}

}  // namespace meshdns::kube
