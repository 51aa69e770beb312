#pragma once

// `scaffold --cluster-ip auto`: the cluster's Service IP range and a free address in it. The range
// comes from the API server's answer to an out-of-range clusterIP (readable without admin rights)
// or, offline, from --service-cidr; the address is picked here. Pure. IPv4 only: an IPv6-only
// cluster needs --cluster-ip IP.

#include <meshdns/result.hpp>

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>

namespace meshdns::manifest {

struct Ipv4Range {
  std::uint32_t network = 0;  // host order
  int prefix = 0;             // 0-32

  std::uint64_t size() const { return std::uint64_t{1} << (32 - prefix); }
  bool contains(std::uint32_t address) const;
  std::string text() const;  // "10.96.0.0/12"
};

// "10.96.0.0/12". The address must be the network's first (as kube-apiserver's
// --service-cluster-ip-range must be); Errc::usage otherwise, naming `what` (e.g.
// "--service-cidr").
Result<Ipv4Range> parse_ipv4_range(std::string_view text, std::string_view what);

std::optional<std::uint32_t> parse_ipv4(std::string_view text);
std::string ipv4_text(std::uint32_t address);

// An address no plausible service range holds (192.0.2.1, RFC 5737 documentation space): a
// dry-run Service with it makes the API server name the real range.
inline constexpr std::string_view k_out_of_range_probe_ip = "192.0.2.1";

// The range from kube-apiserver's rejection "... The range of valid IPs is 10.96.0.0/12" (also
// when bracketed or listing IPv6 too: the IPv4 range is taken). nullopt when the message has none.
std::optional<Ipv4Range> range_from_rejection(std::string_view message);

// True for kube-apiserver's "provided IP is already allocated".
bool is_already_allocated(std::string_view message);

// The lowest address of `range` that is not in `taken` (dotted quads), skipping the network
// address, the first 10 addresses after it (kubernetes.default is .1, kube-dns usually .10) and the
// broadcast address. Low addresses are also where Kubernetes wants static IPs: it hands out dynamic
// ones from the top of the range first, so the pick rarely collides later. Errc::refused when the
// range is full.
Result<std::string> pick_free_address(const Ipv4Range& range, const std::set<std::string>& taken);

}  // namespace meshdns::manifest
