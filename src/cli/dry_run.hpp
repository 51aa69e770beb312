#pragma once

// kubectl's --dry-run=none|client|server, shared by every command that writes to the cluster
// (alias, scaffold, cluster-mode corefile): the mode, how it is sent, how it is reported.

#include <meshdns/kube/requests.hpp>

#include <cstdint>
#include <string>
#include <string_view>

namespace meshdns::cli {

// client prints what would be sent and sends no write; server sends every write with dryRun=All
// (the API server validates and stores nothing).
enum class DryRunMode : std::uint8_t { none, client, server };

// The flag's value was checked by CLI11 (IsMember) before this runs.
inline DryRunMode parse_dry_run(const std::string& flag) {
  return flag == "client"   ? DryRunMode::client
         : flag == "server" ? DryRunMode::server
                            : DryRunMode::none;
}

// What a write request carries: only a server dry run reaches the API server as dryRun=All.
inline kube::DryRun server_dry_run(DryRunMode mode) {
  return mode == DryRunMode::server ? kube::DryRun::yes : kube::DryRun::no;
}

// kubectl's suffix for a dry run: " (dry run)", " (server dry run)" or nothing.
constexpr std::string_view dry_run_suffix(DryRunMode mode) {
  switch (mode) {
    case DryRunMode::client:
      return " (dry run)";
    case DryRunMode::server:
      return " (server dry run)";
    case DryRunMode::none:
      break;
  }
  return "";
}

}  // namespace meshdns::cli
