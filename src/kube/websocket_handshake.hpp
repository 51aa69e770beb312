#pragma once

// The pure half of a WebSocket upgrade (RFC 6455 §4): the client's key and the answer it must get,
// and the HTTP/1.1 response head the server sends back, parsed out of the bytes read so far
// (whatever follows the head already belongs to the WebSocket and is kept).

#include <meshdns/result.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace meshdns::kube {

// SHA-1 (FIPS 180-4). Only for Sec-WebSocket-Accept, which the RFC defines with it; libcurl is
// dlopen'd, so its TLS library's digest is not at hand.
std::array<std::uint8_t, 20> sha1(std::string_view bytes);

// base64(SHA-1(key + the RFC's GUID)): what Sec-WebSocket-Accept must say for this key.
std::string websocket_accept(std::string_view key);

struct ResponseHead {
  long status = 0;  // NOLINT(google-runtime-int): the REST client's type
  std::vector<std::pair<std::string, std::string>> headers;
  std::size_t length = 0;  // bytes of the head, blank line included

  std::optional<std::string_view> header(std::string_view name) const;
};

// nullopt while the blank line has not arrived; Errc::server when the head is not HTTP/1.x.
Result<std::optional<ResponseHead>> parse_response_head(std::string_view buffer);

// Whether a comma-separated header value holds `token` (case-insensitive), as for Connection.
bool has_token(std::string_view list, std::string_view token);

}  // namespace meshdns::kube
