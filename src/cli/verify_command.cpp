#include <CLI/CLI.hpp>

#include "cli/commands.hpp"
#include "cli/session.hpp"

namespace meshdns::cli {

void add_verify_command(CLI::App& root, Session& session) {
  (void)root;
  (void)session;
}

}  // namespace meshdns::cli
