#pragma once

// kubectl-meshdns(1), written by the binary itself from the --help of every command (hidden
// entry point `kubectl-meshdns __man`), so the man page the build installs cannot drift from
// what --help says.

#include <iosfwd>

namespace CLI {
class App;
}

namespace meshdns::cli {

bool is_man_request(int argc, char** argv);

// Writes the roff source of kubectl-meshdns(1) for every command reachable from root.
void write_man_page(std::ostream& out, CLI::App& root);

}  // namespace meshdns::cli
