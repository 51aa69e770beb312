#pragma once

// Where verify's names and expected addresses come from: arguments with --expect, a names file or
// stdin, manifests on disk. Reads the files; the parsing is the verify core's.

#include "cli/verify_options.hpp"

#include <meshdns/result.hpp>
#include <meshdns/verify/expectation.hpp>

#include <istream>
#include <vector>

namespace meshdns::cli {

struct GatheredExpectations {
  std::vector<verify::Expectation> expectations;
  std::vector<std::string> warnings;  // e.g. manifest hosts skipped
};

// Errc::usage for bad names, addresses or flag combinations; Errc::config for unreadable files.
// `stdin_stream` serves `-f -`. An empty result means the caller must ask the cluster.
Result<GatheredExpectations> gather_expectations(const VerifyOptions& options,
                                                 std::istream& stdin_stream);

}  // namespace meshdns::cli
