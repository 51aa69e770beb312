#pragma once

// Runs a program the way a user or CI would, for tests: argv (no shell), optional stdin, extra
// environment, a time limit. Used to drive the built kubectl-meshdns, kubectl, dig, openssl...

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace meshdns::test {

struct ProcessResult {
  int exit_code = -1;  // -1 when killed by a signal or the time limit
  bool timed_out = false;
  std::string out;
  std::string err;
};

struct ProcessOptions {
  std::string input;                                      // written to stdin, then closed
  std::map<std::string, std::optional<std::string>> env;  // value: set; nullopt: unset
  std::string working_directory;                          // empty: the current one
  std::chrono::milliseconds time_limit{60'000};
};

ProcessResult run_process(const std::vector<std::string>& argv, const ProcessOptions& options = {});

// The build folder whose kubectl-meshdns, completion scripts and man page the end-to-end tests
// check: $MESHDNS_BUILD_UNDER_TEST when set (test/run points the sanitizer build's tests at the
// optimised build this way), else the folder these tests were built in.
std::string build_under_test();

// That build's kubectl-meshdns (BUILD/src/kubectl-meshdns).
std::string meshdns_binary();

// Runs the built kubectl-meshdns with these arguments.
ProcessResult run_meshdns(const std::vector<std::string>& args, const ProcessOptions& options = {});

// PATH lookup; empty when not found.
std::string find_program(const std::string& name);

}  // namespace meshdns::test
