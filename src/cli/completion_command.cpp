// `kubectl meshdns completion bash|zsh|fish`: prints the completion script for the standalone
// kubectl-meshdns binary. Completion through kubectl (`kubectl meshdns <TAB>`) needs no script
// from us: kubectl >= 1.26 runs kubectl_complete-meshdns from PATH.

#include "cli/commands.hpp"
#include "cli/completion_scripts.hpp"

#include <CLI/CLI.hpp>

#include <iostream>
#include <memory>
#include <string>

namespace meshdns::cli {

void add_completion_command(CLI::App& root) {
  auto shell = std::make_shared<std::string>();
  auto* cmd = root.add_subcommand(
      "completion",
      "Print the shell completion script for kubectl-meshdns (bash, zsh or fish)\n\n"
      "The script completes the standalone kubectl-meshdns command: commands, flags, flag values\n"
      "and, when the cluster answers within a second, namespaces, Services and managed aliases.\n"
      "`kubectl meshdns <TAB>` (kubectl >= 1.26) needs no script: kubectl runs\n"
      "kubectl_complete-meshdns, installed next to kubectl-meshdns.");
  cmd->footer(
      "Examples:\n"
      "  source <(kubectl-meshdns completion bash)\n"
      "  kubectl-meshdns completion bash > ~/.local/share/bash-completion/completions/"
      "kubectl-meshdns\n"
      "  kubectl-meshdns completion zsh > \"${fpath[1]}/_kubectl-meshdns\"\n"
      "  kubectl-meshdns completion fish > ~/.config/fish/completions/kubectl-meshdns.fish\n");
  cmd->add_option("shell", *shell, "The shell: bash, zsh or fish")
      ->required()
      ->check(CLI::IsMember({"bash", "zsh", "fish"}));
  cmd->callback([shell] { std::cout << completion_script(*shell); });
}

}  // namespace meshdns::cli
