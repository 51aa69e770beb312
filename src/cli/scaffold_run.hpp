#pragma once

// The work behind `kubectl meshdns scaffold NAME` (scaffold_run.cpp).

#include "cli/scaffold_options.hpp"

#include <meshdns/result.hpp>

namespace meshdns::cli {

class Session;

Result<void> run_scaffold(Session& session, const ScaffoldOptions& options);

}  // namespace meshdns::cli
