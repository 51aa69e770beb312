#include "kube/base64.hpp"

#include <meshdns/text.hpp>

#include <array>
#include <cstdint>

namespace meshdns::kube {
namespace {

constexpr std::string_view k_alphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

constexpr std::array<std::int8_t, 256> make_decode_table() {
  std::array<std::int8_t, 256> table{};
  for (auto& entry : table) {
    entry = -1;
  }
  for (std::size_t i = 0; i < k_alphabet.size(); ++i) {
    table[static_cast<unsigned char>(k_alphabet[i])] = static_cast<std::int8_t>(i);
  }
  return table;
}

constexpr auto k_decode = make_decode_table();

Error illegal_at(std::size_t offset) {
  return fail(Errc::config, cat("illegal base64 data at input byte ", offset));
}

}  // namespace

std::string base64_encode(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    const std::uint32_t group =
        static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i])) << 16 |
        static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i + 1])) << 8 |
        static_cast<unsigned char>(bytes[i + 2]);
    out.push_back(k_alphabet[group >> 18 & 63]);
    out.push_back(k_alphabet[group >> 12 & 63]);
    out.push_back(k_alphabet[group >> 6 & 63]);
    out.push_back(k_alphabet[group & 63]);
  }
  const std::size_t rest = bytes.size() - i;
  if (rest > 0) {
    std::uint32_t group = static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i])) << 16;
    if (rest == 2) {
      group |= static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i + 1])) << 8;
    }
    out.push_back(k_alphabet[group >> 18 & 63]);
    out.push_back(k_alphabet[group >> 12 & 63]);
    out.push_back(rest == 2 ? k_alphabet[group >> 6 & 63] : '=');
    out.push_back('=');
  }
  return out;
}

Result<std::string> base64_decode(std::string_view text) {
  std::string out;
  out.reserve(text.size() / 4 * 3);
  std::uint32_t group = 0;
  int filled = 0;   // sextets in `group`
  int padding = 0;  // '=' seen; only whitespace may follow the padding of the last quantum
  for (std::size_t offset = 0; offset < text.size(); ++offset) {
    const char c = text[offset];
    if (c == '\r' || c == '\n') {
      continue;
    }
    if (c == '=') {
      if (filled < 2 || filled + padding >= 4) {
        return illegal_at(offset);
      }
      ++padding;
      continue;
    }
    const std::int8_t value = k_decode[static_cast<unsigned char>(c)];
    if (value < 0 || padding > 0) {
      return illegal_at(offset);
    }
    group = group << 6 | static_cast<std::uint32_t>(value);
    if (++filled == 4) {
      out.push_back(static_cast<char>(group >> 16 & 0xff));
      out.push_back(static_cast<char>(group >> 8 & 0xff));
      out.push_back(static_cast<char>(group & 0xff));
      group = 0;
      filled = 0;
    }
  }
  if (filled == 0) {
    return out;
  }
  if (filled + padding != 4) {
    return illegal_at(text.size());
  }
  group <<= 6 * (4 - filled);
  out.push_back(static_cast<char>(group >> 16 & 0xff));
  if (filled == 3) {
    out.push_back(static_cast<char>(group >> 8 & 0xff));
  }
  return out;
}

}  // namespace meshdns::kube
