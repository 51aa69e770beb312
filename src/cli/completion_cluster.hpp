#pragma once

// The cluster behind dynamic completions: the namespaces, Services and managed aliases of the
// cluster the command line points at (its --kubeconfig, --context, -n...). Each list is one short
// request bounded by --request-timeout (1s when none is given): completion must never make the
// shell wait, so a slow, unreachable or refusing cluster simply completes nothing.

#include "cli/completion_candidates.hpp"

#include <memory>

namespace CLI {
class App;
}

namespace meshdns::cli {

struct CommandLineWalk;

std::unique_ptr<CompletionSource> make_cluster_source(CLI::App& root, const CommandLineWalk& walk);

}  // namespace meshdns::cli
