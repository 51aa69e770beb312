#pragma once

// What may come next on a partial command line, in the protocol of cobra's `__complete` that
// kubectl (and our own shell scripts) speak: one candidate a line, `value<TAB>description`, then
// `:<directive>`. Candidates come from the CLI11 tree (subcommands, flags, the values of
// CLI::IsMember validators) and, for a few words, from the cluster (namespaces, Services,
// managed aliases) through a CompletionSource, asked only when that word is being completed.

#include <functional>
#include <iosfwd>
#include <memory>
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace meshdns::cli {

// cobra's ShellCompDirective bits (spf13/cobra completions.go).
enum Directive : int {
  k_directive_default = 0,       // the shell may complete file names
  k_directive_error = 1,         // ignore the candidates
  k_directive_no_space = 2,      // no space after the single candidate
  k_directive_no_file_comp = 4,  // never fall back to file names
};

struct Candidate {
  std::string value;
  std::string description;  // one line; may be empty
};

struct Completions {
  std::vector<Candidate> candidates;
  int directive = k_directive_no_file_comp;
};

// Values only the cluster knows. Implementations answer quickly or not at all: an empty list
// is the answer when the cluster is slow, unreachable or refuses.
class CompletionSource {
 public:
  virtual ~CompletionSource() = default;
  virtual std::vector<Candidate> namespaces() = 0;
  // In the namespace the command line selects (-n, else the context's).
  virtual std::vector<Candidate> services() = 0;
  // Hosts of the ServiceEntries labelled app.kubernetes.io/managed-by=kubectl-meshdns, in that
  // namespace, or in all of them when the command line has -A.
  virtual std::vector<Candidate> managed_aliases() = 0;
};

struct CommandLineWalk;

// Makes the source for the cluster the command line points at (its --kubeconfig, --context, -n...).
using SourceFactory = std::function<std::unique_ptr<CompletionSource>(const CommandLineWalk& walk)>;

// `words`: the arguments after the program name, the last one being the word under the cursor
// ("" when a new word starts). make_source is called only when a dynamic value is being
// completed, with the walk of the words before the cursor.
Completions complete_words(CLI::App& root, std::vector<std::string> words,
                           const SourceFactory& make_source);

// Prints the candidates (without descriptions when asked) and the directive line.
void print_completions(std::ostream& out, const Completions& completions, bool descriptions);

}  // namespace meshdns::cli
