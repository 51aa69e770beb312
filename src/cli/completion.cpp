#include "cli/completion.hpp"

#include "cli/completion_candidates.hpp"
#include "cli/completion_cluster.hpp"
#include "cli/completion_walk.hpp"

#include <iostream>
#include <string>
#include <string_view>
#include <vector>

namespace meshdns::cli {
namespace {

constexpr std::string_view k_request = "__complete";
constexpr std::string_view k_request_no_descriptions = "__completeNoDesc";

}  // namespace

bool is_completion_request(int argc, char** argv) {
  return argc >= 2 && (argv[1] == k_request || argv[1] == k_request_no_descriptions);
}

int run_completion_request(CLI::App& root, int argc, char** argv) {
  const bool descriptions = argv[1] != k_request_no_descriptions;
  std::vector<std::string> words(argv + 2, argv + argc);
  const Completions completions = complete_words(
      root, std::move(words),
      [&root](const CommandLineWalk& walk) { return make_cluster_source(root, walk); });
  print_completions(std::cout, completions, descriptions);
  return 0;
}

}  // namespace meshdns::cli
