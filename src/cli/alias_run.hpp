#pragma once

// The work behind `kubectl meshdns alias` (alias_apply.cpp), `alias list` (alias_list.cpp) and
// `alias delete` (alias_delete.cpp); what they share with scaffold is in apply_common.hpp.

#include "cli/alias_options.hpp"
#include "cli/apply_common.hpp"

#include <meshdns/result.hpp>

namespace meshdns::cli {

class Session;

Result<void> run_alias(Session& session, const AliasOptions& options);
Result<void> run_alias_list(Session& session, const AliasListOptions& options);
Result<void> run_alias_delete(Session& session, const AliasDeleteOptions& options);

// "serviceentry.networking.istio.io", as kubectl names the resource in its messages.
inline constexpr const char* k_service_entry_resource = "serviceentry.networking.istio.io";

}  // namespace meshdns::cli
