#pragma once

// Server block keys as CoreDNS reads them (core/dnsserver/address.go): an optional transport
// scheme, a zone made fully qualified and lower-case, and a port that defaults by transport.
// "internal", "internal.", "internal:53" and "dns://internal.:53" are all the same key.

#include <optional>
#include <string>
#include <string_view>

namespace meshdns::corefile {

struct ZoneKey {
  std::string transport;  // "dns", "tls", "grpc", "https", "quic"
  std::string zone;       // fully qualified, lower-case: "internal.", "."
  std::string port;       // "53" when the key gives none and the transport is dns

  bool operator==(const ZoneKey&) const = default;
  std::string str() const;  // CoreDNS's spelling in messages: "dns://internal.:53"
};

// Nullopt for a key CoreDNS expands at load time ({$ENV} placeholders) or that names no zone.
std::optional<ZoneKey> parse_zone_key(std::string_view key);

// "internal", "Internal." -> "internal." ; the form zones take inside ZoneKey.
std::string fully_qualified(std::string_view zone);

// Does the zone hold the name? Both fully qualified ("internal.", "my-fruits.internal."); the root
// "." holds every name. CoreDNS hands a query to the block whose key has the longest such zone.
bool zone_contains(std::string_view zone, std::string_view name);

// The key patch writes for `zone` ("internal" -> "internal:53").
std::string patch_key(std::string_view zone);

// An IPv4 or IPv6 address without brackets or port: "10.96.0.60", "fd00::1".
bool is_ip_literal(std::string_view host);

// An IPv4 or IPv6 literal with an optional port: "10.96.0.60", "10.96.0.60:53", "fd00::1",
// "[fd00::1]:53". Host names are refused: CoreDNS's forward/grpc/proxy need addresses.
bool is_valid_upstream(std::string_view upstream);

}  // namespace meshdns::corefile
