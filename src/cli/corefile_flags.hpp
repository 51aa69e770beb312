#pragma once

// Checks and normalises the values of `corefile` flags before any file is read, so a typo costs no
// I/O and the message names the flag. Pure.

#include "cli/corefile_file.hpp"

#include <meshdns/corefile/rewrite.hpp>
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

// --alias FQDN=SERVICE_FQDN ("my-fruits.internal=fruits-api-service.shop.svc.cluster.local"); with
// `target_required` false (unpatch) a bare FQDN too, a target being accepted and not used.
Result<corefile::AliasRewrite> parse_alias_flag(std::string_view value, bool target_required);

// The raw --backend and --alias values of a file-mode `corefile` subcommand.
struct FileBackendFlags {
  std::string backend;               // "" when not given
  std::vector<std::string> aliases;  // --alias, repeatable
  bool zone_flags = false;           // --zone, --upstream or --kind given
};

// Sets job.backend and job.rewrites from the flags: istiocoredns without --alias (today's
// behaviour), coredns with it; `auto` picks the same way. Errc::usage for dns-proxy (it changes no
// Corefile), --alias with istiocoredns, --zone/--upstream/--kind with coredns, and coredns without
// --alias on patch, unpatch and diff. job.action and job.options.coredns_version must be set.
Result<void> apply_file_backend(const FileBackendFlags& flags, CorefileFileJob& job);

}  // namespace meshdns::cli
