#include <meshdns/go_duration.hpp>

#include <utility>

namespace meshdns {
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

}  // namespace

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

}  // namespace meshdns
