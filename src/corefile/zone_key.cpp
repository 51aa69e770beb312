#include "corefile/zone_key.hpp"

#include <meshdns/corefile/engine.hpp>
#include <meshdns/text.hpp>

#include <arpa/inet.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <string>

namespace meshdns::corefile {

namespace {

struct Transport {
  std::string_view scheme;
  std::string_view default_port;
};

// CoreDNS's transports and their default ports (core/dnsserver/address.go, plugin/pkg/transport).
constexpr std::array<Transport, 5> k_transports = {{
    {"dns", "53"},
    {"tls", "853"},
    {"grpc", "443"},
    {"https", "443"},
    {"quic", "853"},
}};

bool all_digits(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char ch) {
    return std::isdigit(static_cast<unsigned char>(ch)) != 0;
  });
}

bool is_valid_port(std::string_view port) {
  return all_digits(port) && port.size() <= 5 && std::stoi(std::string(port)) <= 65535;
}

}  // namespace

bool is_ip_literal(std::string_view host) {
  std::array<unsigned char, 16> buffer{};
  const std::string text(host);
  const int family = host.find(':') == std::string_view::npos ? AF_INET : AF_INET6;
  return inet_pton(family, text.c_str(), buffer.data()) == 1;
}

std::string ZoneKey::str() const {
  return cat(transport, "://", zone, ":", port);
}

std::string fully_qualified(std::string_view zone) {
  std::string out = to_lower(zone);
  if (out.empty() || out.back() != '.') {
    out.push_back('.');
  }
  return out;
}

bool zone_contains(std::string_view zone, std::string_view name) {
  if (zone == ".") {
    return true;
  }
  return name == zone || (name.size() > zone.size() && ends_with(name, zone) &&
                          name[name.size() - zone.size() - 1] == '.');
}

std::string patch_key(std::string_view zone) {
  std::string out(zone);
  if (!out.empty() && out.back() == '.' && out.size() > 1) {
    out.pop_back();
  }
  return cat(out, ":53");
}

std::optional<ZoneKey> parse_zone_key(std::string_view key) {
  if (key.find("{$") != std::string_view::npos || key.find("{%") != std::string_view::npos) {
    return std::nullopt;
  }
  ZoneKey out{"dns", "", ""};
  if (const std::size_t scheme_end = key.find("://"); scheme_end != std::string_view::npos) {
    const std::string scheme = to_lower(key.substr(0, scheme_end));
    const auto* known = std::find_if(k_transports.begin(), k_transports.end(),
                                     [&](const Transport& t) { return t.scheme == scheme; });
    if (known == k_transports.end()) {
      return std::nullopt;
    }
    out.transport = scheme;
    key.remove_prefix(scheme_end + 3);
  }
  std::string_view host = key;
  // A port follows the last colon unless the host is an IPv6 literal without brackets.
  if (const std::size_t colon = key.rfind(':');
      colon != std::string_view::npos && key.find(':') == colon) {
    host = key.substr(0, colon);
    out.port = std::string(key.substr(colon + 1));
    if (!is_valid_port(out.port)) {
      return std::nullopt;
    }
  }
  if (host.empty()) {
    host = ".";  // ":53" is the root zone
  }
  out.zone = fully_qualified(host);
  if (out.port.empty()) {
    for (const Transport& transport : k_transports) {
      if (transport.scheme == out.transport) {
        out.port = std::string(transport.default_port);
      }
    }
  }
  return out;
}

bool is_valid_zone(std::string_view zone) {
  if (!zone.empty() && zone.back() == '.') {
    zone.remove_suffix(1);
  }
  if (zone.empty() || zone.size() > 253) {
    return false;
  }
  for (const std::string_view label : split(zone, '.')) {
    if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') {
      return false;
    }
    const bool letters_digits_hyphens = std::all_of(label.begin(), label.end(), [](char ch) {
      return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-';
    });
    if (!letters_digits_hyphens) {
      return false;
    }
  }
  return true;
}

bool is_valid_upstream(std::string_view upstream) {
  if (upstream.empty()) {
    return false;
  }
  if (upstream.front() == '[') {  // [IPv6]:port
    const std::size_t close = upstream.find(']');
    if (close == std::string_view::npos) {
      return false;
    }
    const std::string_view rest = upstream.substr(close + 1);
    const std::string_view host = upstream.substr(1, close - 1);
    return host.find(':') != std::string_view::npos && is_ip_literal(host) &&
           (rest.empty() || (rest.front() == ':' && is_valid_port(rest.substr(1))));
  }
  const std::size_t first_colon = upstream.find(':');
  if (first_colon != std::string_view::npos && upstream.rfind(':') == first_colon) {
    return is_ip_literal(upstream.substr(0, first_colon)) &&
           is_valid_port(upstream.substr(first_colon + 1));  // IPv4:port
  }
  return is_ip_literal(upstream);  // IPv4, or IPv6 without a port
}

}  // namespace meshdns::corefile
