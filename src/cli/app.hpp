#pragma once

namespace meshdns::cli {

// Parses argv, runs the chosen command and returns the process exit code (SPEC §4: 0 success, 1 a
// failed check or refused change, 2 usage or configuration error).
int run(int argc, char** argv);

}  // namespace meshdns::cli
