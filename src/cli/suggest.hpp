#pragma once

// SPEC §4's one line for a command line CLI11 refused, naming the closest command, flag or value
// when the user probably mistyped one:
//   error: unknown command "alais" for "kubectl meshdns" (did you mean "alias"?; see 'kubectl
//   meshdns --help') error: unknown flag: --outptu (did you mean --output?; see 'kubectl meshdns
//   verify --help')

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace CLI {
class App;
class ParseError;
}  // namespace CLI

namespace meshdns::cli {

// The line to print (without "error: " and the newline) for `error`, raised parsing argv.
std::string describe_parse_error(CLI::App& root, const CLI::ParseError& error, int argc,
                                 char** argv);

// The name closest to `typed`: a prefix of it, or within 1 edit (2 for words longer than 3
// characters), a swap of two neighbours counting as one edit. Ties go to the first name.
std::optional<std::string> closest_match(std::string_view typed,
                                         const std::vector<std::string>& names);

}  // namespace meshdns::cli
