#include <meshdns/manifest/service_entry.hpp>
#include <meshdns/text.hpp>

#include <array>
#include <utility>

namespace meshdns::manifest {

namespace {

// Istio's names (case-insensitive on input) and the spelling written to the ServiceEntry.
constexpr std::array<std::pair<std::string_view, std::string_view>, 12> k_protocols{{
    {"http", "HTTP"},
    {"http2", "HTTP2"},
    {"https", "HTTPS"},
    {"grpc", "GRPC"},
    {"grpc-web", "GRPC-WEB"},
    {"tls", "TLS"},
    {"tcp", "TCP"},
    {"udp", "UDP"},
    {"mongo", "MONGO"},
    {"mysql", "MYSQL"},
    {"redis", "REDIS"},
    // Kubernetes' standard appProtocol for cleartext HTTP/2.
    {"kubernetes.io/h2c", "HTTP2"},
}};

std::string_view lookup(std::string_view name) {
  const std::string lower = to_lower(name);
  for (const auto& [key, value] : k_protocols) {
    if (lower == key) {
      return value;
    }
  }
  return {};
}

}  // namespace

std::string istio_protocol(const ServicePort& port) {
  // The transport decides first: a UDP port cannot carry HTTP whatever its name says.
  if (to_lower(port.protocol) == "udp") {
    return "UDP";
  }
  if (!port.app_protocol.empty()) {
    if (const std::string_view found = lookup(port.app_protocol); !found.empty()) {
      return std::string(found);
    }
  }
  const std::string name = to_lower(port.name);
  // "grpc-web" holds the separator itself, so it is matched before the prefix is cut.
  if (name == "grpc-web" || starts_with(name, "grpc-web-")) {
    return "GRPC-WEB";
  }
  const std::string_view prefix = std::string_view(name).substr(0, name.find('-'));
  if (const std::string_view found = lookup(prefix); !found.empty()) {
    return std::string(found);
  }
  return "TCP";
}

}  // namespace meshdns::manifest
