#include "kube/duration.hpp"

#include <meshdns/text.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <optional>
#include <utility>

namespace meshdns::kube {
namespace {

// Nanoseconds per unit, as Go's time package spells them.
constexpr std::pair<std::string_view, double> k_units[] = {
    {"ns", 1.0}, {"us", 1e3}, {"\xC2\xB5s", 1e3}, {"\xCE\xBCs", 1e3},
    {"ms", 1e6}, {"s", 1e9},  {"m", 60e9},        {"h", 3600e9},
};

std::optional<double> unit_nanoseconds(std::string_view unit) {
  for (const auto& [name, nanoseconds] : k_units) {
    if (unit == name) {
      return nanoseconds;
    }
  }
  return std::nullopt;
}

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

// Go's time.ParseDuration, in nanoseconds: [-+]? then one or more (number unit) pairs; "0" alone.
std::optional<double> parse_go_duration(std::string_view text) {
  bool negative = false;
  if (!text.empty() && (text[0] == '-' || text[0] == '+')) {
    negative = text[0] == '-';
    text.remove_prefix(1);
  }
  if (text == "0") {
    return 0.0;
  }
  if (text.empty()) {
    return std::nullopt;
  }
  double total = 0;
  while (!text.empty()) {
    std::size_t at = 0;
    while (at < text.size() && is_digit(text[at])) {
      ++at;
    }
    std::size_t digits = at;
    std::size_t fraction_end = at;
    if (at < text.size() && text[at] == '.') {
      fraction_end = at + 1;
      while (fraction_end < text.size() && is_digit(text[fraction_end])) {
        ++fraction_end;
      }
      digits += fraction_end - at - 1;
    }
    if (digits == 0) {
      return std::nullopt;
    }
    double number = 0;
    for (std::size_t i = 0; i < at; ++i) {
      number = number * 10 + (text[i] - '0');
    }
    double scale = 0.1;
    for (std::size_t i = at + 1; i < fraction_end; ++i, scale /= 10) {
      number += (text[i] - '0') * scale;
    }
    std::size_t unit_end = fraction_end;
    while (unit_end < text.size() && text[unit_end] != '.' && !is_digit(text[unit_end])) {
      ++unit_end;
    }
    const std::optional<double> unit =
        unit_nanoseconds(text.substr(fraction_end, unit_end - fraction_end));
    if (!unit) {
      return std::nullopt;
    }
    total += number * *unit;
    text.remove_prefix(unit_end);
  }
  return negative ? -total : total;
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
