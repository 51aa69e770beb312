#include <meshdns/manifest/names.hpp>
#include <meshdns/manifest/service_range.hpp>
#include <meshdns/text.hpp>

#include <arpa/inet.h>

#include <charconv>

namespace meshdns::manifest {
namespace {

constexpr std::uint32_t k_reserved_low = 10;  // addresses after the network one left alone

bool is_range_char(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == '.' ||
         c == ':' || c == '/';
}

std::uint32_t network_of(std::uint32_t address, int prefix) {
  return prefix == 0 ? 0 : address & (~std::uint32_t{0} << (32 - prefix));
}

}  // namespace

bool Ipv4Range::contains(std::uint32_t address) const {
  return network_of(address, prefix) == network;
}

std::string Ipv4Range::text() const {
  return cat(ipv4_text(network), '/', prefix);
}

std::optional<std::uint32_t> parse_ipv4(std::string_view text) {
  if (!is_ipv4_literal(text)) {
    return std::nullopt;
  }
  in_addr address{};
  if (::inet_pton(AF_INET, std::string(text).c_str(), &address) != 1) {
    return std::nullopt;
  }
  return ntohl(address.s_addr);
}

std::string ipv4_text(std::uint32_t address) {
  return cat(address >> 24, '.', (address >> 16) & 0xff, '.', (address >> 8) & 0xff, '.',
             address & 0xff);
}

Result<Ipv4Range> parse_ipv4_range(std::string_view text, std::string_view what) {
  auto bad = [&](std::string why) {
    return fail(Errc::usage, cat(what, " \"", text, "\" is not an IPv4 range"), std::move(why),
                "give it as ADDRESS/PREFIX, e.g. 10.96.0.0/12");
  };
  const std::size_t slash = text.find('/');
  if (slash == std::string_view::npos) {
    return bad("it has no /PREFIX");
  }
  const auto address = parse_ipv4(text.substr(0, slash));
  if (!address) {
    return bad(cat("\"", text.substr(0, slash), "\" is not an IPv4 address"));
  }
  const std::string_view prefix_text = text.substr(slash + 1);
  int prefix = -1;
  const auto [end, error] =
      std::from_chars(prefix_text.data(), prefix_text.data() + prefix_text.size(), prefix);
  if (error != std::errc{} || end != prefix_text.data() + prefix_text.size() || prefix < 0 ||
      prefix > 32) {
    return bad("the prefix length must be 0-32");
  }
  const Ipv4Range range{*address, prefix};
  if (network_of(*address, prefix) != *address) {
    return bad(cat("the network address of /", prefix, " is not ", text.substr(0, slash)));
  }
  return range;
}

std::optional<Ipv4Range> range_from_rejection(std::string_view message) {
  constexpr std::string_view k_marker = "The range of valid IPs is ";
  const std::size_t at = message.find(k_marker);
  if (at == std::string_view::npos) {
    return std::nullopt;
  }
  std::string_view rest = message.substr(at + k_marker.size());
  // One range, or several bracketed or comma/space separated; the first IPv4 one is ours.
  while (!rest.empty()) {
    std::size_t start = 0;
    while (start < rest.size() && !is_range_char(rest[start])) {
      ++start;
    }
    std::size_t end = start;
    while (end < rest.size() && is_range_char(rest[end])) {
      ++end;
    }
    if (start == end) {
      break;
    }
    if (auto range = parse_ipv4_range(rest.substr(start, end - start), "range")) {
      return *range;
    }
    rest = rest.substr(end);
  }
  return std::nullopt;
}

bool is_already_allocated(std::string_view message) {
  return message.find("provided IP is already allocated") != std::string_view::npos;
}

Result<std::string> pick_free_address(const Ipv4Range& range, const std::set<std::string>& taken) {
  const std::uint64_t size = range.size();
  for (std::uint64_t offset = k_reserved_low + 1; offset + 1 < size; ++offset) {
    std::string candidate = ipv4_text(range.network + static_cast<std::uint32_t>(offset));
    if (taken.count(candidate) == 0) {
      return candidate;
    }
  }
  return fail(Errc::refused, cat("no free cluster IP in ", range.text()),
              cat("every address from ", ipv4_text(range.network + k_reserved_low + 1), " to ",
                  ipv4_text(range.network + static_cast<std::uint32_t>(size - 2)), " is taken"),
              "delete Services that are no longer used, or give --cluster-ip a free address");
}

}  // namespace meshdns::manifest
