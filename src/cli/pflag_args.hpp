#pragma once

// kubectl parses flags with spf13/pflag, CLI11 does not: the few places where they read the same
// command line differently are rewritten here, before CLI11 sees it, so `kubectl meshdns` reads a
// command line the way `kubectl` would.

#include <string>
#include <vector>

namespace meshdns::cli {

struct PflagArgs {
  std::vector<std::string> args;      // what CLI11 parses (argv[0] included)
  std::vector<std::string> warnings;  // kubectl's deprecation warnings, for stderr
};

// - `-n=NS` (any one-letter flag): pflag takes the value after '='; CLI11 would keep the '='.
// - bare `--dry-run`: pflag takes it as `client` and warns that it is deprecated, as do
//   `--dry-run=true` (client) and `--dry-run=false` (none). `--dry-run none|client|server` with a
//   space keeps its value, as it did before.
// Nothing after `--` is touched: those are arguments, not flags.
PflagArgs pflag_args(std::vector<std::string> args);

}  // namespace meshdns::cli
