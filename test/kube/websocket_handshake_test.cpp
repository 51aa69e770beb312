#include "kube/websocket_handshake.hpp"

#include <catch2/catch.hpp>

#include <string>

namespace meshdns::kube {
namespace {

std::string hex(const std::array<std::uint8_t, 20>& digest) {
  static const char* k_digits = "0123456789abcdef";
  std::string out;
  for (const std::uint8_t byte : digest) {
    out += k_digits[byte >> 4];
    out += k_digits[byte & 0xf];
  }
  return out;
}

}  // namespace

TEST_CASE("kube::sha1 and websocket_accept", "[kube][websocket]") {
  // FIPS 180 examples, and a message that needs a second padding block.
  CHECK(hex(sha1("")) == "da39a3ee5e6b4b0d3255bfef95601890afd80709");
  CHECK(hex(sha1("abc")) == "a9993e364706816aba3e25717850c26c9cd0d89d");
  CHECK(hex(sha1("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")) ==
        "84983e441c3bd26ebaae4aa1f95129e5e54670f1");
  CHECK(hex(sha1(std::string(1000, 'a'))) == "291e9a6c66994949b57ba5e650361e98fc36b1ba");
  // RFC 6455 section 1.3.
  CHECK(websocket_accept("dGhlIHNhbXBsZSBub25jZQ==") == "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
}

TEST_CASE("kube::parse_response_head", "[kube][websocket]") {
  const std::string upgrade =
      std::string(
          "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
          "Sec-WebSocket-Protocol: v4.channel.k8s.io\r\n\r\n") +
      std::string("\x82\x03\x00\x35\x00", 5);
  auto parsed = parse_response_head(upgrade);
  REQUIRE(parsed);
  REQUIRE(*parsed);
  const ResponseHead& head = **parsed;
  CHECK(head.status == 101);
  CHECK(head.header("upgrade") == "websocket");
  CHECK(head.header("Sec-WebSocket-Protocol") == "v4.channel.k8s.io");
  CHECK_FALSE(head.header("Content-Length"));
  // The frame that came with the head is not part of it.
  CHECK(upgrade.substr(head.length) == std::string("\x82\x03\x00\x35\x00", 5));

  // Go's x/net/websocket refusal: a status line and nothing else.
  auto bare = parse_response_head("HTTP/1.1 403 Forbidden\r\n\r\n");
  REQUIRE(bare);
  REQUIRE(*bare);
  CHECK((*bare)->status == 403);
  CHECK((*bare)->headers.empty());

  auto partial = parse_response_head("HTTP/1.1 101 Switching Protocols\r\nUpgrade: web");
  REQUIRE(partial);
  CHECK_FALSE(*partial);

  auto garbage = parse_response_head("SSH-2.0-OpenSSH_9.2\r\n\r\n");
  REQUIRE_FALSE(garbage);
  CHECK(garbage.error().what == "the answer to the port-forward upgrade is not HTTP/1.1");
}

TEST_CASE("kube::has_token", "[kube][websocket]") {
  CHECK(has_token("Upgrade", "upgrade"));
  CHECK(has_token("keep-alive, Upgrade", "upgrade"));
  CHECK_FALSE(has_token("keep-alive", "upgrade"));
  CHECK_FALSE(has_token("Upgraded", "upgrade"));
}

}  // namespace meshdns::kube
