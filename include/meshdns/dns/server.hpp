#pragma once

// A DNS server address as `--server` takes it: `10.0.0.10`, `10.0.0.10:5353`, `::1`, `[::1]:5353`,
// `[fe80::1]`. Pure: no lookup, the host must be a literal address.

#include <meshdns/result.hpp>

#include <cstdint>
#include <string>
#include <string_view>

namespace meshdns::dns {

inline constexpr std::uint16_t k_dns_port = 53;

struct ServerAddress {
  std::string host;  // literal IPv4 or IPv6 address, no brackets
  std::uint16_t port = k_dns_port;
  bool is_ipv6() const { return host.find(':') != std::string::npos; }

  friend bool operator==(const ServerAddress&, const ServerAddress&) = default;
};

// Fails with Errc::usage naming the accepted forms.
Result<ServerAddress> parse_server(std::string_view text);

// `10.0.0.10:53`, `[::1]:5353`: the form c-ares's ares_set_servers_ports_csv and humans read.
std::string to_string(const ServerAddress& server);

}  // namespace meshdns::dns
