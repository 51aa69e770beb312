#include <meshdns/text.hpp>
#include <meshdns/utf8.hpp>

#include <cstdint>
#include <vector>

namespace meshdns {
namespace {

// One decoded character: its code point and its length in bytes; nullopt for a byte that does
// not start a valid, shortest-form UTF-8 sequence.
struct Decoded {
  char32_t code;
  std::size_t length;
};

std::optional<Decoded> decode_one(std::string_view text) {
  const auto byte = [&](std::size_t i) { return static_cast<std::uint8_t>(text[i]); };
  const std::uint8_t lead = byte(0);
  if (lead < 0x80) {
    return Decoded{lead, 1};
  }
  std::size_t length = 0;
  char32_t code = 0;
  char32_t minimum = 0;
  if ((lead & 0xE0) == 0xC0) {
    length = 2, code = lead & 0x1F, minimum = 0x80;
  } else if ((lead & 0xF0) == 0xE0) {
    length = 3, code = lead & 0x0F, minimum = 0x800;
  } else if ((lead & 0xF8) == 0xF0) {
    length = 4, code = lead & 0x07, minimum = 0x10000;
  } else {
    return std::nullopt;
  }
  if (text.size() < length) {
    return std::nullopt;
  }
  for (std::size_t i = 1; i < length; ++i) {
    if ((byte(i) & 0xC0) != 0x80) {
      return std::nullopt;
    }
    code = (code << 6) | (byte(i) & 0x3F);
  }
  if (code < minimum || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) {
    return std::nullopt;
  }
  return Decoded{code, length};
}

std::string escaped(std::uint8_t byte) {
  constexpr std::string_view k_hex = "0123456789abcdef";
  return cat("\\x", k_hex[byte >> 4], k_hex[byte & 0xF]);
}

bool is_control(char32_t code) {
  return code < 0x20 || code == 0x7F || (code >= 0x80 && code < 0xA0);
}

// RFC 3492 section 6.3, with its bootstring parameters for punycode (section 5).
constexpr std::uint32_t k_base = 36;
constexpr std::uint32_t k_tmin = 1;
constexpr std::uint32_t k_tmax = 26;
constexpr std::uint32_t k_skew = 38;
constexpr std::uint32_t k_damp = 700;
constexpr std::uint32_t k_initial_bias = 72;
constexpr std::uint32_t k_initial_n = 0x80;

char digit(std::uint32_t d) {
  return static_cast<char>(d < 26 ? 'a' + d : '0' + (d - 26));
}

std::uint32_t adapt(std::uint32_t delta, std::uint32_t points, bool first) {
  delta = first ? delta / k_damp : delta / 2;
  delta += delta / points;
  std::uint32_t k = 0;
  while (delta > ((k_base - k_tmin) * k_tmax) / 2) {
    delta /= k_base - k_tmin;
    k += k_base;
  }
  return k + (k_base - k_tmin + 1) * delta / (delta + k_skew);
}

std::string punycode(const std::vector<char32_t>& input) {
  std::string out;
  for (const char32_t c : input) {
    if (c < 0x80) {
      out += static_cast<char>(c);
    }
  }
  const std::uint32_t basic = static_cast<std::uint32_t>(out.size());
  if (basic > 0) {
    out += '-';
  }
  std::uint32_t n = k_initial_n;
  std::uint32_t delta = 0;
  std::uint32_t bias = k_initial_bias;
  std::uint32_t handled = basic;
  while (handled < input.size()) {
    char32_t next = 0x10FFFF;
    for (const char32_t c : input) {
      if (c >= n && c < next) {
        next = c;
      }
    }
    // Labels are at most 63 characters, so these sums stay far below 2^32.
    delta += (static_cast<std::uint32_t>(next) - n) * (handled + 1);
    n = static_cast<std::uint32_t>(next);
    for (const char32_t c : input) {
      if (c < n) {
        ++delta;
      }
      if (c == n) {
        std::uint32_t q = delta;
        for (std::uint32_t k = k_base;; k += k_base) {
          const std::uint32_t t = k <= bias ? k_tmin : k >= bias + k_tmax ? k_tmax : k - bias;
          if (q < t) {
            break;
          }
          out += digit(t + (q - t) % (k_base - t));
          q = (q - t) / (k_base - t);
        }
        out += digit(q);
        bias = adapt(delta, handled + 1, handled == basic);
        delta = 0;
        ++handled;
      }
    }
    ++delta;
    ++n;
  }
  return out;
}

}  // namespace

std::string printable(std::string_view text) {
  std::string out;
  while (!text.empty()) {
    const std::optional<Decoded> one = decode_one(text);
    if (!one || is_control(one->code)) {
      out += escaped(static_cast<std::uint8_t>(text.front()));
      text.remove_prefix(1);
      continue;
    }
    out.append(text.substr(0, one->length));
    text.remove_prefix(one->length);
  }
  return out;
}

std::string first_non_ascii(std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (static_cast<std::uint8_t>(text[i]) >= 0x80) {
      const std::optional<Decoded> one = decode_one(text.substr(i));
      return one ? std::string(text.substr(i, one->length))
                 : escaped(static_cast<std::uint8_t>(text[i]));
    }
  }
  return {};
}

std::optional<std::string> punycode_name(std::string_view name) {
  std::vector<std::string> labels;
  for (const std::string_view label : split(name, '.')) {
    std::vector<char32_t> codes;
    bool ascii = true;
    for (std::string_view rest = label; !rest.empty();) {
      const std::optional<Decoded> one = decode_one(rest);
      if (!one || is_control(one->code)) {
        return std::nullopt;
      }
      const char32_t code =
          one->code >= 'A' && one->code <= 'Z' ? one->code - 'A' + 'a' : one->code;
      ascii = ascii && code < 0x80;
      codes.push_back(code);
      rest.remove_prefix(one->length);
    }
    if (ascii) {
      labels.push_back(to_lower(label));
    } else {
      labels.push_back(cat("xn--", punycode(codes)));
    }
  }
  return join(labels, ".");
}

}  // namespace meshdns
