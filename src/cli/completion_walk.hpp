#pragma once

// Reads a command line the way CLI11 will parse it, without running anything: the command it
// reaches, the options given (with their values), the positional words, and the first word the
// command tree does not know. Completion (what may come next) and suggestions (what was probably
// meant) both start from here, so both follow the tree as it is, whoever adds a command.

#include <string>
#include <string_view>
#include <vector>

namespace CLI {
class App;
class Option;
}  // namespace CLI

namespace meshdns::cli {

struct GivenOption {
  const CLI::Option* option = nullptr;
  std::string value;  // empty for a flag
};

enum class UnknownWord { none, command, flag };

struct CommandLineWalk {
  CLI::App* command = nullptr;           // the deepest command reached (the root at first)
  std::vector<std::string> positionals;  // the positional words given to `command`
  std::vector<GivenOption> given;        // every option given, in order
  // The last word was an option that still waits for its value (`-n` then nothing).
  const CLI::Option* awaiting_value = nullptr;
  UnknownWord unknown = UnknownWord::none;
  std::string unknown_word;  // "alais", "--outptu", "-q"
};

// Walks `words` (argv without the program name) and stops at the first unknown word.
CommandLineWalk walk_command_line(CLI::App& root, const std::vector<std::string>& words);

// The option called `name` ("--output", "-o") on `command` or a command above it (the root's
// global flags are accepted after a subcommand too: CLI11's fallthrough); null when none.
const CLI::Option* find_option(CLI::App& command, std::string_view name);

// Options a user may type on `command`: its own, then those of every command above it.
std::vector<const CLI::Option*> options_in_scope(CLI::App& command);

// Subcommands that --help lists (CLI11 hides those in the empty group).
std::vector<CLI::App*> visible_subcommands(CLI::App& command);

// The positional option that takes the index-th positional word of `command`; null past the end.
const CLI::Option* positional_at(CLI::App& command, int index);

// "alias delete" for that command, "" for the root.
std::string command_path(const CLI::App& command);

// The first line of a command's or an option's description: its one-line summary.
std::string summary_line(std::string_view description);

bool takes_value(const CLI::Option& option);
// Can be given more than once and keeps every value (a vector, or TakeAll).
bool repeatable(const CLI::Option& option);
// The values a validator such as CLI::IsMember({...}) accepts, read from its description
// ("{text,json,junit}"); empty when the option takes any value.
std::vector<std::string> allowed_values(const CLI::Option& option);

}  // namespace meshdns::cli
