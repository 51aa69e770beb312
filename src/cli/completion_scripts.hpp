#pragma once

// The shell scripts `kubectl meshdns completion SHELL` prints for the standalone binary. Each one
// only passes the words to `kubectl-meshdns __complete` and shows what comes back, so new
// commands and flags complete without touching them.

#include <string_view>

namespace meshdns::cli {

// "bash", "zsh" or "fish"; empty for any other name.
std::string_view completion_script(std::string_view shell);

}  // namespace meshdns::cli
