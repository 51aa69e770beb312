#include "cli/completion_candidates.hpp"

#include "cli/completion_walk.hpp"

#include <meshdns/text.hpp>

#include <CLI/CLI.hpp>

#include <algorithm>
#include <ostream>
#include <string_view>

namespace meshdns::cli {
namespace {

enum class Dynamic { services, managed_aliases };

// Positional words whose values only the cluster knows. Keyed by command path so a command that
// does not exist (yet) simply never matches; index -1 means every positional word.
struct PositionalSource {
  std::string_view command;
  int index;
  Dynamic source;
};

constexpr PositionalSource k_positional_sources[] = {
    {"alias", 0, Dynamic::services},
    {"alias delete", -1, Dynamic::managed_aliases},
    {"alias verify", -1, Dynamic::managed_aliases},
    {"verify", -1, Dynamic::managed_aliases},
    {"explain", 0, Dynamic::managed_aliases},
};

// Options whose value is a path: the shell completes file names for them (cobra's default).
bool takes_path(const CLI::Option& option) {
  const std::string description = to_lower(option.get_description());
  for (const std::string& name : option.get_lnames()) {
    if (name.find("file") != std::string::npos || name == "kubeconfig" ||
        name == "certificate-authority") {
      return true;
    }
  }
  return description.find(" file") != std::string::npos ||
         description.find("folder") != std::string::npos ||
         description.find("directory") != std::string::npos;
}

bool has_long_name(const CLI::Option& option, std::string_view name) {
  const auto& names = option.get_lnames();
  return std::find(names.begin(), names.end(), name) != names.end();
}

void keep_matching(std::vector<Candidate>& candidates, std::string_view prefix) {
  std::erase_if(candidates, [prefix](const Candidate& c) { return !starts_with(c.value, prefix); });
}

// The positional option that takes the index-th positional word, if any.
class Completer {
 public:
  Completer(CLI::App& root, const SourceFactory& make_source)
      : m_root(root), m_make_source(make_source) {}

  Completions complete(std::vector<std::string> words) {
    if (words.empty()) {
      words.emplace_back();
    }
    const std::string current = words.back();
    words.pop_back();
    m_walk = walk_command_line(m_root, words);
    if (m_walk.unknown != UnknownWord::none) {
      return {};  // nothing sensible follows a word the tree does not know
    }
    if (m_walk.awaiting_value != nullptr) {
      return values_of(*m_walk.awaiting_value, current, "");
    }
    if (starts_with(current, "--") && current.find('=') != std::string::npos) {
      const std::size_t equals = current.find('=');
      const CLI::Option* option = find_option(*m_walk.command, current.substr(0, equals));
      if (option == nullptr || !takes_value(*option)) {
        return {};
      }
      return values_of(*option, current.substr(equals + 1), current.substr(0, equals + 1));
    }
    if (starts_with(current, "-")) {
      return flag_names(current);
    }
    return words_after(current);
  }

 private:
  Completions values_of(const CLI::Option& option, const std::string& prefix,
                        const std::string& insert_before) {
    Completions out;
    for (const std::string& value : allowed_values(option)) {
      out.candidates.push_back({value, ""});
    }
    if (out.candidates.empty() && has_long_name(option, "namespace")) {
      out.candidates = source().namespaces();
    }
    if (out.candidates.empty() && takes_path(option)) {
      out.directive = k_directive_default;
    }
    keep_matching(out.candidates, prefix);
    for (Candidate& candidate : out.candidates) {
      candidate.value.insert(0, insert_before);
    }
    return out;
  }

  Completions flag_names(const std::string& prefix) {
    Completions out;
    for (const CLI::Option* option : options_in_scope(*m_walk.command)) {
      if (already_given(*option) && !repeatable(*option)) {
        continue;
      }
      const std::string summary = summary_line(option->get_description());
      for (const std::string& name : option->get_lnames()) {
        out.candidates.push_back({cat("--", name), summary});
      }
      if (prefix.size() == 1) {  // "-" alone: short names too, as cobra offers them
        for (const std::string& name : option->get_snames()) {
          out.candidates.push_back({cat("-", name), summary});
        }
      }
    }
    keep_matching(out.candidates, prefix);
    // A subcommand's option hides its parent's of the same name (verify's --server).
    std::vector<Candidate> unique;
    for (Candidate& candidate : out.candidates) {
      if (std::none_of(unique.begin(), unique.end(), [&candidate](const Candidate& seen) {
            return seen.value == candidate.value;
          })) {
        unique.push_back(std::move(candidate));
      }
    }
    out.candidates = std::move(unique);
    return out;
  }

  // A new word that is no flag: a subcommand, or a positional value.
  Completions words_after(const std::string& prefix) {
    Completions out;
    CLI::App& command = *m_walk.command;
    if (m_walk.positionals.empty()) {
      for (CLI::App* sub : visible_subcommands(command)) {
        out.candidates.push_back({sub->get_name(), summary_line(sub->get_description())});
      }
    }
    const int index = static_cast<int>(m_walk.positionals.size());
    if (const CLI::Option* positional = positional_at(command, index)) {
      for (const std::string& value : allowed_values(*positional)) {
        out.candidates.push_back({value, ""});
      }
    }
    const std::string path = command_path(command);
    for (const PositionalSource& row : k_positional_sources) {
      if (row.command == path && (row.index == -1 || row.index == index)) {
        std::vector<Candidate> found =
            row.source == Dynamic::services ? source().services() : source().managed_aliases();
        out.candidates.insert(out.candidates.end(), found.begin(), found.end());
        break;
      }
    }
    keep_matching(out.candidates, prefix);
    return out;
  }

  bool already_given(const CLI::Option& option) const {
    return std::any_of(m_walk.given.begin(), m_walk.given.end(),
                       [&option](const GivenOption& given) { return given.option == &option; });
  }

  CompletionSource& source() {
    if (!m_source) {
      m_source = m_make_source(m_walk);
    }
    return *m_source;
  }

  CLI::App& m_root;
  const SourceFactory& m_make_source;
  CommandLineWalk m_walk;
  std::unique_ptr<CompletionSource> m_source;
};

}  // namespace

Completions complete_words(CLI::App& root, std::vector<std::string> words,
                           const SourceFactory& make_source) {
  return Completer(root, make_source).complete(std::move(words));
}

void print_completions(std::ostream& out, const Completions& completions, bool descriptions) {
  for (const Candidate& candidate : completions.candidates) {
    out << candidate.value;
    // One line per candidate whatever the description holds (the scripts read lines).
    const std::string description = summary_line(candidate.description);
    if (descriptions && !description.empty()) {
      out << '\t' << description;
    }
    out << '\n';
  }
  out << ':' << completions.directive << '\n';
}

}  // namespace meshdns::cli
