#include "manifest/yaml_scalar.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>
#include <optional>
#include <string>

namespace meshdns::manifest::detail {

namespace {

constexpr std::array<std::string_view, 5> k_nulls{"", "~", "null", "Null", "NULL"};
constexpr std::array<std::string_view, 11> k_trues{"y",    "Y",    "yes", "Yes", "YES", "true",
                                                   "True", "TRUE", "on",  "On",  "ON"};
constexpr std::array<std::string_view, 11> k_falses{"n",     "N",     "no",  "No",  "NO", "false",
                                                    "False", "FALSE", "off", "Off", "OFF"};
constexpr std::array<std::string_view, 9> k_special_floats{
    ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF"};
constexpr std::array<std::string_view, 3> k_nans{".nan", ".NaN", ".NAN"};

template <std::size_t N>
bool one_of(const std::array<std::string_view, N>& words, std::string_view text) {
  return std::find(words.begin(), words.end(), text) != words.end();
}

bool all_chars(std::string_view text, bool (*pred)(char)) {
  return !text.empty() && std::all_of(text.begin(), text.end(), pred);
}
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_octal(char c) {
  return c >= '0' && c <= '7';
}
bool is_binary(char c) {
  return c == '0' || c == '1';
}
bool is_hex(char c) {
  return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

// go-yaml v2 reads an integer with Go's base-prefix rules after dropping every '_'.
std::optional<nlohmann::json> as_integer(std::string_view text) {
  const bool negative = !text.empty() && text.front() == '-';
  if (!text.empty() && (text.front() == '-' || text.front() == '+')) {
    text.remove_prefix(1);
  }
  int base = 10;
  std::string_view digits = text;
  if (digits.size() > 2 && digits[0] == '0' && (digits[1] == 'x' || digits[1] == 'X')) {
    base = 16;
    digits.remove_prefix(2);
    if (!all_chars(digits, is_hex)) {
      return std::nullopt;
    }
  } else if (digits.size() > 2 && digits[0] == '0' && (digits[1] == 'b' || digits[1] == 'B')) {
    base = 2;
    digits.remove_prefix(2);
    if (!all_chars(digits, is_binary)) {
      return std::nullopt;
    }
  } else if (digits.size() > 2 && digits[0] == '0' && (digits[1] == 'o' || digits[1] == 'O')) {
    base = 8;
    digits.remove_prefix(2);
    if (!all_chars(digits, is_octal)) {
      return std::nullopt;
    }
  } else if (digits.size() > 1 && digits[0] == '0') {
    base = 8;
    digits.remove_prefix(1);
    if (!all_chars(digits, is_octal)) {
      return std::nullopt;  // "08": not octal; it reads as the float 8
    }
  } else if (!all_chars(digits, is_digit)) {
    return std::nullopt;
  }
  std::uint64_t magnitude = 0;
  const auto [end, error] =
      std::from_chars(digits.data(), digits.data() + digits.size(), magnitude, base);
  if (error != std::errc() || end != digits.data() + digits.size()) {
    return std::nullopt;  // too large: go-yaml falls back to a float
  }
  constexpr std::uint64_t k_int64_max = 9223372036854775807ULL;
  if (negative) {
    if (magnitude > k_int64_max + 1) {
      return std::nullopt;
    }
    return nlohmann::json(magnitude == k_int64_max + 1 ? INT64_MIN
                                                       : -static_cast<std::int64_t>(magnitude));
  }
  if (magnitude <= k_int64_max) {
    return nlohmann::json(static_cast<std::int64_t>(magnitude));
  }
  return nlohmann::json(magnitude);
}

// go-yaml v2's float pattern: [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?
bool looks_like_float(std::string_view text) {
  std::size_t i = 0;
  const auto digits = [&] {
    const std::size_t start = i;
    while (i < text.size() && is_digit(text[i])) {
      ++i;
    }
    return i - start;
  };
  if (i < text.size() && (text[i] == '-' || text[i] == '+')) {
    ++i;
  }
  if (i < text.size() && text[i] == '.') {
    ++i;
    if (digits() == 0) {
      return false;
    }
  } else {
    if (digits() == 0) {
      return false;
    }
    if (i < text.size() && text[i] == '.') {
      ++i;
      digits();
    }
  }
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    if (i < text.size() && (text[i] == '-' || text[i] == '+')) {
      ++i;
    }
    if (digits() == 0) {
      return false;
    }
  }
  return i == text.size();
}

std::optional<nlohmann::json> as_float(std::string_view text) {
  if (!looks_like_float(text)) {
    return std::nullopt;
  }
  if (text.front() == '+') {
    text.remove_prefix(1);  // from_chars takes no '+'
  }
  double value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) {
    return std::nullopt;  // out of range: keep the text
  }
  return nlohmann::json(value);
}

// YAML 1.1 forms that go-yaml leaves alone but PyYAML (and so the schema validator) reads as
// something else: sexagesimal numbers ("1:20") and timestamps ("2024-01-02").
bool yaml11_reads_differently(std::string_view text) {
  const bool sexagesimal =
      !text.empty() && is_digit(text.front()) && text.find(':') != std::string_view::npos &&
      std::all_of(text.begin(), text.end(),
                  [](char c) { return is_digit(c) || c == ':' || c == '_' || c == '.'; });
  const bool timestamp =
      text.size() >= 8 && all_chars(text.substr(0, 4), is_digit) && text[4] == '-';
  return sexagesimal || timestamp || text == "<<" || text == "=";
}

}  // namespace

nlohmann::json resolve_plain_scalar(std::string_view text) {
  if (one_of(k_nulls, text)) {
    return nullptr;
  }
  if (one_of(k_trues, text)) {
    return true;
  }
  if (one_of(k_falses, text)) {
    return false;
  }
  if (!text.empty() && (is_digit(text.front()) || text.front() == '-' || text.front() == '+' ||
                        text.front() == '.')) {
    std::string plain(text);
    plain.erase(std::remove(plain.begin(), plain.end(), '_'), plain.end());
    if (auto integer = as_integer(plain)) {
      return *integer;
    }
    if (auto number = as_float(plain)) {
      return *number;
    }
  }
  return std::string(text);
}

bool needs_quotes(std::string_view text) {
  return !resolve_plain_scalar(text).is_string() || one_of(k_special_floats, text) ||
         one_of(k_nans, text) || yaml11_reads_differently(text);
}

}  // namespace meshdns::manifest::detail
