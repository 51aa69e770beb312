#include <meshdns/dns/server.hpp>
#include <meshdns/text.hpp>

#include <arpa/inet.h>

#include <charconv>

namespace meshdns::dns {
namespace {

bool is_ipv4(const std::string& host) {
  in_addr address{};
  return ::inet_pton(AF_INET, host.c_str(), &address) == 1;
}

bool is_ipv6(const std::string& host) {
  in6_addr address{};
  return ::inet_pton(AF_INET6, host.c_str(), &address) == 1;
}

Error bad_server(std::string_view text, std::string_view why) {
  return fail(Errc::usage, cat("invalid --server \"", text, "\""), std::string(why),
              "use HOST or HOST:PORT with a literal address, e.g. 10.0.0.10, 10.0.0.10:5353, "
              "::1 or [::1]:5353");
}

Result<std::uint16_t> parse_port(std::string_view text, std::string_view port) {
  unsigned value = 0;
  const auto [end, error] = std::from_chars(port.data(), port.data() + port.size(), value);
  if (port.empty() || error != std::errc{} || end != port.data() + port.size() || value == 0 ||
      value > 65535) {
    return bad_server(text, cat("port \"", port, "\" is not a number from 1 to 65535"));
  }
  return static_cast<std::uint16_t>(value);
}

}  // namespace

Result<ServerAddress> parse_server(std::string_view text) {
  ServerAddress server;
  if (text.starts_with('[')) {
    const auto close = text.find(']');
    if (close == std::string_view::npos) {
      return bad_server(text, "the '[' has no matching ']'");
    }
    server.host = std::string(text.substr(1, close - 1));
    const std::string_view rest = text.substr(close + 1);
    if (!rest.empty()) {
      if (!rest.starts_with(':')) {
        return bad_server(text, "only \":PORT\" may follow the ']'");
      }
      auto port = parse_port(text, rest.substr(1));
      if (!port) {
        return std::move(port).error();
      }
      server.port = *port;
    }
    if (!is_ipv6(server.host)) {
      return bad_server(text, "the address in brackets is not an IPv6 address");
    }
    return server;
  }
  // Two or more colons without brackets: a bare IPv6 address, which cannot carry a port.
  const auto first_colon = text.find(':');
  if (first_colon != std::string_view::npos && text.find(':', first_colon + 1) == text.npos) {
    server.host = std::string(text.substr(0, first_colon));
    auto port = parse_port(text, text.substr(first_colon + 1));
    if (!port) {
      return std::move(port).error();
    }
    server.port = *port;
  } else {
    server.host = std::string(text);
  }
  if (!is_ipv4(server.host) && !is_ipv6(server.host)) {
    return bad_server(text, "the host is not a literal IPv4 or IPv6 address");
  }
  return server;
}

std::string to_string(const ServerAddress& server) {
  if (server.is_ipv6()) {
    return cat('[', server.host, "]:", server.port);
  }
  return cat(server.host, ':', server.port);
}

}  // namespace meshdns::dns
