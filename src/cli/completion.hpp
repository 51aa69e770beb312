#pragma once

// Shell completion. The binary answers cobra's hidden `__complete WORDS...` request itself (the
// protocol kubectl speaks to plugins: candidates, then `:<directive>`), so kubectl's
// `kubectl_complete-meshdns` and the scripts `kubectl meshdns completion bash|zsh|fish` prints
// are thin: they pass the words and show what comes back. The command `completion` itself is
// registered by add_completion_command (commands.hpp).

namespace CLI {
class App;
}

namespace meshdns::cli {

// argv[1] is `__complete` (or cobra's `__completeNoDesc`).
bool is_completion_request(int argc, char** argv);

// Prints the completions of argv[2...] to stdout; always exit 0 (a shell shows nothing on error).
int run_completion_request(CLI::App& root, int argc, char** argv);

}  // namespace meshdns::cli
