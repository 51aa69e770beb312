#include "cli/completion_walk.hpp"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <cstddef>
#include <limits>

namespace meshdns::cli {
namespace {

bool is_flag_word(std::string_view word) {
  return word.size() > 1 && word[0] == '-';
}

// How many positional words `command` accepts in all (a vector option: many).
std::size_t positional_capacity(CLI::App& command) {
  std::size_t total = 0;
  for (const CLI::Option* option :
       command.get_options([](const CLI::Option* o) { return o->get_positional(); })) {
    const int most = option->get_items_expected_max();
    if (most >= (1 << 20)) {
      return std::numeric_limits<std::size_t>::max();
    }
    total += static_cast<std::size_t>(std::max(most, 1));
  }
  return total;
}

CLI::App* child_named(CLI::App& command, std::string_view word) {
  for (CLI::App* sub : command.get_subcommands([](CLI::App*) { return true; })) {
    if (sub->check_name(std::string(word))) {
      return sub;
    }
  }
  return nullptr;
}

class Walker {
 public:
  Walker(CLI::App& root, const std::vector<std::string>& words) : m_words(words) {
    m_walk.command = &root;
  }

  CommandLineWalk run() {
    bool only_positionals = false;
    while (m_next < m_words.size() && m_walk.unknown == UnknownWord::none) {
      const std::string& word = m_words[m_next++];
      if (only_positionals || !is_flag_word(word)) {
        if (!only_positionals && word == "--") {
          only_positionals = true;
        } else {
          take_word(word, only_positionals);
        }
      } else if (word == "--") {
        only_positionals = true;
      } else if (word.rfind("--", 0) == 0) {
        take_long_option(word);
      } else {
        take_short_options(word);
      }
    }
    return std::move(m_walk);
  }

 private:
  // A subcommand name descends; anything else is a positional word of the current command, or,
  // on a command that only has subcommands, an unknown command.
  void take_word(const std::string& word, bool only_positionals) {
    CLI::App& command = *m_walk.command;
    if (!only_positionals) {
      if (CLI::App* sub = child_named(command, word)) {
        m_walk.command = sub;
        m_walk.positionals.clear();
        return;
      }
    }
    if (m_walk.positionals.size() >= positional_capacity(command) &&
        !visible_subcommands(command).empty()) {
      m_walk.unknown = UnknownWord::command;
      m_walk.unknown_word = word;
      return;
    }
    m_walk.positionals.push_back(word);
  }

  void take_long_option(const std::string& word) {
    const std::size_t equals = word.find('=');
    const std::string name = word.substr(0, equals);
    const CLI::Option* option = find_option(*m_walk.command, name);
    if (option == nullptr) {
      m_walk.unknown = UnknownWord::flag;
      m_walk.unknown_word = name;
      return;
    }
    if (equals != std::string::npos) {
      m_walk.given.push_back({option, word.substr(equals + 1)});
    } else {
      take_value_of(option);
    }
  }

  // "-n ns", "-nns", "-n=ns", and flags bundled as "-Aq".
  void take_short_options(const std::string& word) {
    for (std::size_t i = 1; i < word.size(); ++i) {
      const std::string name = std::string("-") + word[i];
      const CLI::Option* option = find_option(*m_walk.command, name);
      if (option == nullptr) {
        m_walk.unknown = UnknownWord::flag;
        m_walk.unknown_word = i == 1 ? word : name;
        return;
      }
      if (!takes_value(*option)) {
        m_walk.given.push_back({option, {}});
        continue;
      }
      std::string rest = word.substr(i + 1);
      if (rest.empty()) {
        take_value_of(option);
      } else {
        m_walk.given.push_back({option, rest[0] == '=' ? rest.substr(1) : rest});
      }
      return;
    }
  }

  void take_value_of(const CLI::Option* option) {
    if (!takes_value(*option)) {
      m_walk.given.push_back({option, {}});
    } else if (m_next < m_words.size()) {
      m_walk.given.push_back({option, m_words[m_next++]});
    } else {
      m_walk.given.push_back({option, {}});
      m_walk.awaiting_value = option;
    }
  }

  const std::vector<std::string>& m_words;
  std::size_t m_next = 0;
  CommandLineWalk m_walk;
};

}  // namespace

CommandLineWalk walk_command_line(CLI::App& root, const std::vector<std::string>& words) {
  return Walker(root, words).run();
}

const CLI::Option* find_option(CLI::App& command, std::string_view name) {
  const bool is_long = name.rfind("--", 0) == 0;
  const std::string bare(name.substr(is_long ? 2 : 1));
  for (CLI::App* app = &command; app != nullptr; app = app->get_parent()) {
    for (const CLI::Option* option :
         app->get_options([](const CLI::Option* o) { return o->nonpositional(); })) {
      if (is_long ? option->check_lname(bare) : option->check_sname(bare)) {
        return option;
      }
    }
  }
  return nullptr;
}

std::vector<const CLI::Option*> options_in_scope(CLI::App& command) {
  std::vector<const CLI::Option*> out;
  for (CLI::App* app = &command; app != nullptr; app = app->get_parent()) {
    for (const CLI::Option* option : app->get_options(
             [](const CLI::Option* o) { return o->nonpositional() && !o->get_group().empty(); })) {
      out.push_back(option);
    }
  }
  return out;
}

std::vector<CLI::App*> visible_subcommands(CLI::App& command) {
  return command.get_subcommands([](CLI::App* sub) { return !sub->get_group().empty(); });
}

std::string command_path(const CLI::App& command) {
  std::string path;
  for (const CLI::App* app = &command; app->get_parent() != nullptr; app = app->get_parent()) {
    path = path.empty() ? app->get_name() : app->get_name() + " " + path;
  }
  return path;
}

std::string summary_line(std::string_view description) {
  return std::string(description.substr(0, description.find('\n')));
}

bool takes_value(const CLI::Option& option) {
  // A flag is an option that expects no values (CLI11 sets expected(0) on it).
  return option.get_items_expected_max() > 0;
}

bool repeatable(const CLI::Option& option) {
  return option.get_items_expected_max() > 1 ||
         option.get_multi_option_policy() == CLI::MultiOptionPolicy::TakeAll ||
         option.get_multi_option_policy() == CLI::MultiOptionPolicy::Join;
}

const CLI::Option* positional_at(CLI::App& command, int index) {
  int first = 0;
  for (const CLI::Option* option :
       command.get_options([](const CLI::Option* o) { return o->get_positional(); })) {
    const int count = std::max(option->get_items_expected_max(), 1);
    if (index < first + count || count >= (1 << 20)) {
      return option;
    }
    first += count;
  }
  return nullptr;
}

std::vector<std::string> allowed_values(const CLI::Option& option) {
  // IsMember and friends describe themselves as "{a,b,c}" (a map: "{a->x,b->y}"); get_type_name()
  // joins every validator's description after the type ("TEXT:{text,json}").
  const std::string type = option.get_type_name();
  const std::size_t open = type.find('{');
  const std::size_t close = type.find('}', open);
  std::vector<std::string> values;
  if (open == std::string::npos || close == std::string::npos) {
    return values;
  }
  const std::string_view list = std::string_view(type).substr(open + 1, close - open - 1);
  std::size_t start = 0;
  while (start <= list.size()) {
    const std::size_t comma = std::min(list.find(',', start), list.size());
    std::string_view value = list.substr(start, comma - start);
    value = value.substr(0, value.find("->"));
    if (!value.empty()) {
      values.emplace_back(value);
    }
    start = comma + 1;
  }
  return values;
}

}  // namespace meshdns::cli
