#pragma once

// What the stock CoreDNS build of each release accepts, generated from the release tables in
// shared/corpus/coredns-plugins/ (see src/corefile/directives_table.cpp). The single source of
// truth for lint, patch and explain.

#include <meshdns/corefile/version.hpp>

#include <optional>
#include <string_view>
#include <vector>

namespace meshdns::corefile {

struct DirectiveFacts {
  bool known = false;           // compiled into the stock build of that release
  bool once_per_block = false;  // CoreDNS refuses a second one in the same server block
};

// Facts for `name` as a directive in a server block of a Corefile loaded by CoreDNS `version`.
// A version between two tabulated releases uses the closest release at or below it; one below the
// oldest tabulated release uses the oldest.
DirectiveFacts directive_facts(std::string_view name, Version version);

// The release of the table used for `version` (for messages such as "in CoreDNS 1.6.2").
Version tabulated_release(Version version);

// The first release that has the directive at all, or nullopt if none does ("proxy" -> 0.9.9,
// "grpc" -> 1.5.0); and the first release after `version` without it (proxy, 1.4.0 -> 1.5.0).
std::optional<Version> first_release_with(std::string_view name);
std::optional<Version> first_release_without(std::string_view name, Version after);

// Directives in plugin.cfg order for that release: the order CoreDNS runs them in.
std::vector<std::string_view> plugin_order(Version version);

}  // namespace meshdns::corefile
