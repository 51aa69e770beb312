#pragma once

// The one rule for alias zones, used for --zone in file and cluster mode, by cluster_dns and by
// the engine itself: a zone is a lower-case DNS name that takes no names away from anyone else.
// Refused (Errc::usage, exit 2): a name that is not a DNS name; the cluster domain, anything
// inside it (svc.cluster.local) or above it (local), which the kubernetes plugin answers; reverse
// zones (in-addr.arpa, ip6.arpa and below), which kubernetes and the Internet answer; and public
// suffixes (com, co.uk, github.io), which belong to the Internet. Private names such as internal
// or corp.example stay allowed.

#include <meshdns/result.hpp>

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace meshdns::corefile {

struct ZoneLimits {
  // Without trailing dots. The engine adds the zones of the Corefile's own kubernetes lines.
  std::vector<std::string> cluster_domains = {"cluster.local"};
  // Is the name on the Public Suffix List? The list is data the caller passes in (the CLI asks
  // Debian's libpsl through io::is_public_suffix), so this module stays pure; null: not checked.
  std::function<bool(std::string_view)> is_public_suffix;
};

// The zones lower-cased, without their trailing dot and without repeats, or the error for the
// first one the rule refuses.
Result<std::vector<std::string>> normalize_zones(const std::vector<std::string>& zones,
                                                 const ZoneLimits& limits);

// The cluster domains a Corefile's kubernetes plugin serves: the zones of its `kubernetes` lines
// that are not reverse zones ("cluster.local"), without trailing dots.
std::vector<std::string> cluster_domains(std::string_view corefile);

}  // namespace meshdns::corefile
