#pragma once

#include "cli/verify_options.hpp"

#include <meshdns/result.hpp>

namespace meshdns::cli {

class Session;

// The whole of `verify` after flag parsing: gather expectations, resolve in rounds, print the
// report to stdout, set exit code 1 when a name fails. Errors (exit 2) come back as Error.
Result<void> run_verify(Session& session, const VerifyOptions& options);

}  // namespace meshdns::cli
