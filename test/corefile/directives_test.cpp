#include "support/files.hpp"
#include "support/process.hpp"
#include "support/test_data.hpp"

#include <meshdns/corefile/directives.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace meshdns::corefile {
namespace {

namespace fs = std::filesystem;
using test::read_bytes;

TEST_CASE("corefile::directive_facts", "[corefile][directives]") {
  struct Row {
    std::string_view name;
    Version version;
    bool known;
    bool once_per_block;
  };
  const Row rows[] = {
      {"proxy", {1, 4, 0}, true, false},      // last release with proxy; it may repeat
      {"proxy", {1, 5, 0}, false, false},     // removed
      {"grpc", {1, 4, 0}, false, false},      // not yet
      {"grpc", {1, 5, 0}, true, true},        // once per block in every release that has it
      {"grpc", {1, 14, 7}, true, true},       //
      {"forward", {1, 0, 4}, false, false},   // first shipped in 1.0.5
      {"forward", {1, 6, 2}, true, true},     //
      {"forward", {1, 9, 4}, true, true},     // between selected releases 1.9.0 and 1.10.0
      {"forward", {1, 10, 0}, true, false},   // may repeat from 1.10.0
      {"forward", {1, 10, 1}, true, false},   //
      {"cache", {1, 6, 2}, true, true},       //
      {"errors", {1, 6, 2}, true, true},      //
      {"prometheus", {1, 6, 2}, true, true},  // the corpus calls its folder "metrics"
      {"metrics", {1, 6, 2}, false, false},   // not a directive
      {"kubernetes", {1, 0, 0}, true, true},  // before the first selected release: 1.1.2's facts
      {"log", {1, 6, 2}, true, false},        //
      {"ready", {1, 4, 0}, false, false},     //
      {"shed", {1, 14, 7}, true, true},       //
      {"nosuchplugin", {1, 6, 2}, false, false}, {"", {1, 6, 2}, false, false},
      {"proxy", {0, 1, 0}, true, false},     // below the oldest release: the oldest's facts
      {"proxy", {1, 4, 9}, true, false},     // untabulated: 1.4.0's facts
      {"grpc", {2, 0, 0}, true, true},       // beyond the newest release: the newest's facts
      {"Forward", {1, 6, 2}, false, false},  // directive names are case-sensitive in CoreDNS
  };
  for (const Row& row : rows) {
    INFO(row.name << " in " << row.version.str());
    const DirectiveFacts facts = directive_facts(row.name, row.version);
    CHECK(facts.known == row.known);
    CHECK(facts.once_per_block == row.once_per_block);
  }
}

TEST_CASE("corefile::tabulated_release", "[corefile][directives]") {
  struct Row {
    Version version, expected;
  };
  const Row rows[] = {
      {{1, 6, 2}, {1, 6, 2}},  {{1, 4, 9}, {1, 4, 0}},   {{0, 1, 0}, {0, 9, 9}},
      {{9, 0, 0}, {1, 14, 7}}, {{1, 10, 0}, {1, 10, 0}}, {{0, 9, 10}, {0, 9, 10}},
  };
  for (const Row& row : rows) {
    INFO(row.version.str());
    CHECK(tabulated_release(row.version) == row.expected);
  }
}

TEST_CASE("corefile::first_release_with", "[corefile][directives]") {
  struct Row {
    std::string_view name;
    std::optional<Version> expected;
  };
  const Row rows[] = {
      {"proxy", Version{0, 9, 9}}, {"grpc", Version{1, 5, 0}},  {"forward", Version{1, 0, 5}},
      {"view", Version{1, 10, 0}}, {"shed", Version{1, 14, 7}}, {"metrics", std::nullopt},
      {"import", std::nullopt},
  };
  for (const Row& row : rows) {
    INFO(row.name);
    CHECK(first_release_with(row.name) == row.expected);
  }
}

TEST_CASE("corefile::first_release_without", "[corefile][directives]") {
  struct Row {
    std::string_view name;
    Version after;
    std::optional<Version> expected;
  };
  const Row rows[] = {
      {"proxy", {1, 4, 0}, Version{1, 5, 0}}, {"proxy", {1, 1, 2}, Version{1, 5, 0}},
      {"proxy", {1, 6, 2}, Version{1, 6, 3}},  // already gone: the next release lacks it too
      {"grpc", {1, 6, 2}, std::nullopt},      {"nosuchplugin", {1, 6, 2}, std::nullopt},
  };
  for (const Row& row : rows) {
    INFO(row.name << " after " << row.after.str());
    CHECK(first_release_without(row.name, row.after) == row.expected);
  }
}

TEST_CASE("corefile::plugin_order", "[corefile][directives]") {
  const std::vector<std::string_view> order = plugin_order(Version{1, 6, 2});
  const auto position = [&order](std::string_view name) {
    return std::find(order.begin(), order.end(), name) - order.begin();
  };
  REQUIRE(!order.empty());
  CHECK(order.front() == "metadata");
  // Why a forward in the .:53 block answers before grpc could: plugin.cfg runs forward first.
  CHECK(position("forward") < position("grpc"));
  CHECK(position("proxy") == static_cast<std::ptrdiff_t>(order.size()));
  CHECK(plugin_order(Version{1, 4, 0}).end() != std::find(plugin_order(Version{1, 4, 0}).begin(),
                                                          plugin_order(Version{1, 4, 0}).end(),
                                                          "proxy"));
}

// --- The committed table agrees with test/data/coredns-plugins/ ---

fs::path plugin_corpus() {
  return test::test_data("coredns-plugins");
}

nlohmann::json read_json(const fs::path& path) {
  std::ifstream in(path);
  return nlohmann::json::parse(in);
}

TEST_CASE("corefile::directives agree with the corpus", "[corefile][directives][corpus]") {
  const nlohmann::json plugins = read_json(plugin_corpus() / "plugins-by-version.json");
  const nlohmann::json selected = read_json(plugin_corpus() / "once-per-block-by-version.json");

  std::set<std::string> every_name;
  for (const auto& [release, names] : plugins.items()) {
    for (const auto& name : names) {
      every_name.insert(name.get<std::string>());
    }
  }
  for (const auto& [release_text, names] : plugins.items()) {
    const Version release = *parse_version(release_text);
    INFO("release " << release_text);
    CHECK(tabulated_release(release) == release);
    const std::vector<std::string> expected = names.get<std::vector<std::string>>();
    const std::vector<std::string_view> order = plugin_order(release);
    CHECK(std::vector<std::string>(order.begin(), order.end()) == expected);
    for (const std::string& name : every_name) {
      INFO(name);
      CHECK(directive_facts(name, release).known ==
            (std::find(expected.begin(), expected.end(), name) != expected.end()));
    }
  }
  // Where the corpus states once-per-block facts, the table repeats them exactly.
  for (const auto& [release_text, folders] : selected.items()) {
    const Version release = *parse_version(release_text);
    std::set<std::string> once;
    for (const auto& folder : folders) {
      once.insert(folder == "metrics" ? "prometheus" : folder.get<std::string>());
    }
    for (const std::string& name : every_name) {
      INFO(name << " in " << release_text);
      CHECK(directive_facts(name, release).once_per_block == (once.count(name) == 1));
    }
  }
}

TEST_CASE("corefile::directives_table is what the generator writes",
          "[corefile][directives][corpus]") {
  const fs::path source(MESHDNS_SOURCE_DIR);
  const std::string python = test::find_program("python3");
  if (!fs::exists(plugin_corpus()) || python.empty()) {
    WARN("SKIPPED: needs python3 and " << plugin_corpus().string());
    return;
  }
  const fs::path generated =
      fs::temp_directory_path() / ("meshdns_directives_table_" + std::to_string(getpid()) + ".cpp");
  const test::ProcessResult run =
      test::run_process({python, (source / "src/corefile/generate_directives_table").string(),
                         "--corpus", plugin_corpus().string(), "--output", generated.string()});
  INFO(run.err);
  REQUIRE(run.exit_code == 0);
  const std::string fresh = read_bytes(generated);
  fs::remove(generated);
  // A failure here means the committed table is stale: run src/corefile/generate_directives_table.
  CHECK(fresh == read_bytes(source / "src/corefile/directives_table.cpp"));
}

}  // namespace
}  // namespace meshdns::corefile
