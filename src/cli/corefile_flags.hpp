#pragma once

// Checks and normalises the values of `corefile` flags before any file is read, so a typo costs no
// I/O and the message names the flag. Pure.

#include <meshdns/corefile/version.hpp>
#include <meshdns/result.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace meshdns::cli {

// --zone values by corefile::normalize_zones's rule, public suffixes (libpsl) included:
// lower-cased, one trailing dot dropped ("Internal." -> "internal"), duplicates removed;
// Errc::usage naming the first zone refused.
Result<std::vector<std::string>> normalize_zones(const std::vector<std::string>& zones);

// "10.96.0.60", "10.96.0.60:53", "fd00::60" or "[fd00::60]:53". CoreDNS's forward and grpc take IP
// addresses only (a host name makes CoreDNS refuse the Corefile), so host names are refused here.
Result<std::string> check_upstream(std::string_view upstream);

// --coredns-version takes a release ("1.6.2", "v1.11.1") or the CoreDNS image reference as the
// Deployment shows it ("registry.k8s.io/coredns/coredns:v1.11.1").
Result<corefile::Version> parse_coredns_version_flag(std::string_view value);

}  // namespace meshdns::cli
