#include "kube/websocket_handshake.hpp"

#include "kube/base64.hpp"

#include <meshdns/text.hpp>

#include <charconv>

namespace meshdns::kube {
namespace {

std::uint32_t rotate_left(std::uint32_t value, int bits) {
  return (value << bits) | (value >> (32 - bits));
}

void sha1_block(std::array<std::uint32_t, 5>& state, const std::uint8_t* block) {
  std::array<std::uint32_t, 80> w{};
  for (std::size_t i = 0; i < 16; ++i) {
    w[i] = static_cast<std::uint32_t>(block[4 * i]) << 24 |
           static_cast<std::uint32_t>(block[4 * i + 1]) << 16 |
           static_cast<std::uint32_t>(block[4 * i + 2]) << 8 |
           static_cast<std::uint32_t>(block[4 * i + 3]);
  }
  for (std::size_t i = 16; i < 80; ++i) {
    w[i] = rotate_left(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);
  }
  std::uint32_t a = state[0], b = state[1], c = state[2], d = state[3], e = state[4];
  for (std::size_t i = 0; i < 80; ++i) {
    std::uint32_t f = 0;
    std::uint32_t k = 0;
    if (i < 20) {
      f = (b & c) | (~b & d);
      k = 0x5A827999;
    } else if (i < 40) {
      f = b ^ c ^ d;
      k = 0x6ED9EBA1;
    } else if (i < 60) {
      f = (b & c) | (b & d) | (c & d);
      k = 0x8F1BBCDC;
    } else {
      f = b ^ c ^ d;
      k = 0xCA62C1D6;
    }
    const std::uint32_t next = rotate_left(a, 5) + f + e + k + w[i];
    e = d;
    d = c;
    c = rotate_left(b, 30);
    b = a;
    a = next;
  }
  state[0] += a;
  state[1] += b;
  state[2] += c;
  state[3] += d;
  state[4] += e;
}

}  // namespace

std::array<std::uint8_t, 20> sha1(std::string_view bytes) {
  std::array<std::uint32_t, 5> state{0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476, 0xC3D2E1F0};
  std::string padded(bytes);
  const std::uint64_t bit_length = static_cast<std::uint64_t>(bytes.size()) * 8;
  padded += '\x80';
  while (padded.size() % 64 != 56) {
    padded += '\0';
  }
  for (int shift = 56; shift >= 0; shift -= 8) {
    padded += static_cast<char>((bit_length >> shift) & 0xff);
  }
  for (std::size_t offset = 0; offset < padded.size(); offset += 64) {
    sha1_block(state, reinterpret_cast<const std::uint8_t*>(padded.data() + offset));
  }
  std::array<std::uint8_t, 20> digest{};
  for (std::size_t i = 0; i < 5; ++i) {
    for (std::size_t j = 0; j < 4; ++j) {
      digest[4 * i + j] = static_cast<std::uint8_t>(state[i] >> (24 - 8 * j));
    }
  }
  return digest;
}

std::string websocket_accept(std::string_view key) {
  const auto digest = sha1(cat(key, "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"));
  return base64_encode(
      std::string_view(reinterpret_cast<const char*>(digest.data()), digest.size()));
}

std::optional<std::string_view> ResponseHead::header(std::string_view name) const {
  for (const auto& [field, value] : headers) {
    if (to_lower(field) == to_lower(name)) {
      return std::string_view(value);
    }
  }
  return std::nullopt;
}

Result<std::optional<ResponseHead>> parse_response_head(std::string_view buffer) {
  const std::size_t end = buffer.find("\r\n\r\n");
  if (end == std::string_view::npos) {
    return std::optional<ResponseHead>();
  }
  ResponseHead head;
  head.length = end + 4;
  std::string_view rest = buffer.substr(0, end + 2);
  const std::size_t first_end = rest.find("\r\n");
  const std::string_view status_line = rest.substr(0, first_end);
  rest.remove_prefix(first_end + 2);
  // "HTTP/1.1 101 Switching Protocols"
  const bool http =
      starts_with(status_line, "HTTP/1.") && status_line.size() >= 12 && status_line[8] == ' ';
  const std::string_view code = http ? status_line.substr(9, 3) : std::string_view();
  const auto [ptr, ec] = std::from_chars(code.data(), code.data() + code.size(), head.status);
  if (!http || ec != std::errc() || ptr != code.data() + code.size()) {
    return fail(Errc::server, "the answer to the port-forward upgrade is not HTTP/1.1",
                cat("it starts with \"", status_line.substr(0, 40), "\""),
                "check that --server points at a Kubernetes API server");
  }
  while (!rest.empty()) {
    const std::size_t line_end = rest.find("\r\n");
    const std::string_view line = rest.substr(0, line_end);
    rest.remove_prefix(line_end + 2);
    if (const std::size_t colon = line.find(':'); colon != std::string_view::npos) {
      head.headers.emplace_back(std::string(trim(line.substr(0, colon))),
                                std::string(trim(line.substr(colon + 1))));
    }
  }
  return std::optional<ResponseHead>(std::move(head));
}

bool has_token(std::string_view list, std::string_view token) {
  for (const std::string_view part : split(list, ',')) {
    if (to_lower(trim(part)) == to_lower(token)) {
      return true;
    }
  }
  return false;
}

}  // namespace meshdns::kube
