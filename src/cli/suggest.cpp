#include "cli/suggest.hpp"

#include "cli/completion_walk.hpp"

#include <meshdns/text.hpp>

#include <CLI/CLI.hpp>

#include <algorithm>
#include <cstddef>

namespace meshdns::cli {
namespace {

// Optimal string alignment distance: insertions, deletions, substitutions and swaps of two
// neighbouring characters ("alais" -> "alias" is one edit), case-insensitive.
std::size_t edit_distance(std::string_view a_text, std::string_view b_text) {
  const std::string a = to_lower(a_text);
  const std::string b = to_lower(b_text);
  std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
  for (std::size_t i = 0; i <= a.size(); ++i) {
    d[i][0] = i;
  }
  for (std::size_t j = 0; j <= b.size(); ++j) {
    d[0][j] = j;
  }
  for (std::size_t i = 1; i <= a.size(); ++i) {
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.size()][b.size()];
}

std::string_view without_dashes(std::string_view name) {
  return name.substr(std::min(name.find_first_not_of('-'), name.size()));
}

std::string help_hint(const CLI::App& command) {
  const std::string path = command_path(command);
  return cat("see 'kubectl meshdns ", path, path.empty() ? "" : " ", "--help'");
}

std::string display_name(const CLI::App& command) {
  const std::string path = command_path(command);
  return path.empty() ? "kubectl meshdns" : cat("kubectl meshdns ", path);
}

std::string unknown_command(CLI::App& command, const std::string& word) {
  std::vector<std::string> names;
  for (CLI::App* sub : visible_subcommands(command)) {
    names.push_back(sub->get_name());
  }
  const std::optional<std::string> best = closest_match(word, names);
  const std::string why =
      best ? cat("did you mean \"", *best, "\"?") : cat("the commands are ", join(names, ", "));
  return cat("unknown command \"", word, "\" for \"", display_name(command), "\" (", why, "; ",
             help_hint(command), ")");
}

std::string unknown_flag(CLI::App& command, const std::string& word) {
  std::vector<std::string> names;
  for (const CLI::Option* option : options_in_scope(command)) {
    for (const std::string& name : option->get_lnames()) {
      names.push_back(cat("--", name));
    }
    for (const std::string& name : option->get_snames()) {
      names.push_back(cat("-", name));
    }
  }
  // A long name is compared with long names, a short one with short ones.
  const bool is_long = starts_with(word, "--");
  std::erase_if(names,
                [is_long](const std::string& name) { return starts_with(name, "--") != is_long; });
  const std::optional<std::string> best = closest_match(word, names);
  const std::string why =
      best ? cat("did you mean ", *best, "?") : cat(display_name(command), " has no such flag");
  return cat("unknown flag: ", word, " (", why, "; ", help_hint(command), ")");
}

// A value a CLI::IsMember validator refused, e.g. `-o yamll`.
std::optional<std::string> invalid_value(const CommandLineWalk& walk) {
  std::vector<GivenOption> given_values = walk.given;
  // Positional words with a fixed set of values (`completion SHELL`) are checked the same way.
  for (std::size_t i = 0; i < walk.positionals.size(); ++i) {
    if (const CLI::Option* positional = positional_at(*walk.command, static_cast<int>(i))) {
      given_values.push_back({positional, walk.positionals[i]});
    }
  }
  for (const GivenOption& given : given_values) {
    const std::vector<std::string> allowed = allowed_values(*given.option);
    if (allowed.empty() || given.value.empty() ||
        std::find(allowed.begin(), allowed.end(), given.value) != allowed.end()) {
      continue;
    }
    const std::optional<std::string> best = closest_match(given.value, allowed);
    const std::string why =
        best ? cat("did you mean \"", *best, "\"?") : cat("it takes one of ", join(allowed, ", "));
    return cat("invalid value \"", given.value, "\" for ", given.option->get_name(), " (", why,
               "; ", help_hint(*walk.command), ")");
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> closest_match(std::string_view typed,
                                         const std::vector<std::string>& names) {
  const std::string_view bare = without_dashes(typed);
  const std::size_t allowed = bare.size() > 3 ? 2 : 1;
  std::optional<std::string> best;
  std::size_t best_distance = allowed + 1;
  for (const std::string& name : names) {
    const std::string_view name_bare = without_dashes(name);
    std::size_t distance = edit_distance(bare, name_bare);
    if (bare.size() >= 2 && starts_with(to_lower(name_bare), to_lower(bare))) {
      distance = 0;  // "cor" -> "corefile"
    }
    if (distance < best_distance) {
      best = name;
      best_distance = distance;
    }
  }
  return best;
}

std::string describe_parse_error(CLI::App& root, const CLI::ParseError& error, int argc,
                                 char** argv) {
  const std::vector<std::string> words(argv + std::min(argc, 1), argv + argc);
  const CommandLineWalk walk = walk_command_line(root, words);
  if (walk.unknown == UnknownWord::command) {
    return unknown_command(*walk.command, walk.unknown_word);
  }
  if (walk.unknown == UnknownWord::flag) {
    return unknown_flag(*walk.command, walk.unknown_word);
  }
  if (const std::optional<std::string> value = invalid_value(walk)) {
    return *value;
  }
  if (dynamic_cast<const CLI::RequiredError*>(&error) != nullptr && walk.positionals.empty() &&
      !visible_subcommands(*walk.command).empty() &&
      std::string_view(error.what()) == "A subcommand is required") {
    std::vector<std::string> names;
    for (CLI::App* sub : visible_subcommands(*walk.command)) {
      names.push_back(sub->get_name());
    }
    return cat(display_name(*walk.command), " needs a command (one of ", join(names, ", "), "; ",
               help_hint(*walk.command), ")");
  }
  return cat(error.what(), " (", help_hint(*walk.command), ")");
}

}  // namespace meshdns::cli
