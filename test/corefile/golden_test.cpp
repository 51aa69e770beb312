// Golden cases: golden/NAME.in (the Corefile), NAME.args (one flag per line: op=patch|unpatch|lint,
// kind=kube-dns|istiocoredns, version=1.6.2, zone=internal (repeatable), upstream=10.96.0.60; or
// backend=coredns with alias=FQDN=TARGET (repeatable; unpatch: alias=FQDN), plus form=override
// and domain=cluster.local for the body of a k3s/AKS coredns-custom `.override` key) and
// the expected NAME.out (the result, byte for byte) or NAME.err (the one-line error).
// MESHDNS_UPDATE_GOLDEN=1 rewrites the expectations from what the engine does now.

#include "support/files.hpp"

#include <meshdns/corefile/engine.hpp>
#include <meshdns/corefile/rewrite.hpp>
#include <meshdns/result.hpp>
#include <meshdns/text.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace meshdns::corefile {
namespace {

namespace fs = std::filesystem;
using test::read_bytes;

void write_bytes(const fs::path& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << bytes;
}

struct Case {
  std::string op = "patch";
  bool rewrite = false;   // backend=coredns
  bool override = false;  // form=override: NAME.in is a `.override` body
  std::string domain = "cluster.local";
  PatchOptions options;
  RewriteOptions rewrites;
};

Case read_args(const std::string& text) {
  Case out;
  out.options.zones.clear();
  for (std::string_view line : split(text, '\n')) {
    line = trim(line);
    const std::size_t eq = line.find('=');
    if (line.empty() || eq == std::string_view::npos) {
      continue;
    }
    const std::string_view key = line.substr(0, eq);
    const std::string value(line.substr(eq + 1));
    if (key == "op") {
      out.op = value;
    } else if (key == "kind") {
      out.options.kind = value == "istiocoredns" ? Kind::istiocoredns : Kind::kube_dns;
    } else if (key == "version") {
      out.options.coredns_version = *parse_version(value);
    } else if (key == "zone") {
      out.options.zones.push_back(value);
    } else if (key == "upstream") {
      out.options.upstream = value;
    } else if (key == "backend") {
      REQUIRE(value == "coredns");
      out.rewrite = true;
    } else if (key == "form") {
      REQUIRE(value == "override");
      out.override = true;
    } else if (key == "domain") {
      out.domain = value;
    } else if (key == "alias") {
      const std::size_t sep = value.find('=');
      AliasRewrite alias;
      alias.alias = value.substr(0, sep);
      alias.target = sep == std::string::npos ? "" : value.substr(sep + 1);
      out.rewrites.aliases.push_back(alias);
    } else {
      FAIL("unknown golden flag: " << line);
    }
  }
  if (out.options.zones.empty()) {
    out.options.zones = {"internal"};
  }
  out.rewrites.coredns_version = out.options.coredns_version;
  return out;
}

// What the engine gives for a case: {output, is_error}.
std::pair<std::string, bool> run(const Case& c, const std::string& input) {
  if (c.op == "lint") {
    std::string out;
    for (const Finding& finding : lint(input, c.options.coredns_version)) {
      out += cat(finding.severity == Severity::error ? "error" : "warning", ": line ", finding.line,
                 ": ", finding.message, "\n  fix: ", finding.fix, "\n");
    }
    return {out, false};
  }
  const bool undo = c.op == "unpatch";
  const Result<std::string> result =
      c.override  ? (undo ? unpatch_override(input, c.rewrites)
                          : patch_override(input, c.rewrites, c.domain))
      : c.rewrite ? (undo ? unpatch_rewrites(input, c.rewrites) : patch_rewrites(input, c.rewrites))
                  : (undo ? unpatch(input, c.options) : patch(input, c.options));
  if (!result) {
    return {format_error(result.error()) + "\n", true};
  }
  return {*result, false};
}

// The first line where the two texts differ, with both versions made visible.
std::string first_difference(const std::string& expected, const std::string& actual) {
  const std::vector<std::string_view> want = split(expected, '\n');
  const std::vector<std::string_view> got = split(actual, '\n');
  for (std::size_t i = 0; i < std::max(want.size(), got.size()); ++i) {
    const std::string_view w = i < want.size() ? want[i] : "<end>";
    const std::string_view g = i < got.size() ? got[i] : "<end>";
    if (w != g) {
      return cat("line ", i + 1, ":\n- ", w, "\n+ ", g);
    }
  }
  return "same lines; the bytes differ (a final newline?)";
}

TEST_CASE("corefile golden files", "[corefile][golden]") {
  const fs::path dir = fs::path(MESHDNS_SOURCE_DIR) / "test/corefile/golden";
  const char* update_env = std::getenv("MESHDNS_UPDATE_GOLDEN");
  const bool update = update_env != nullptr && std::string(update_env) == "1";
  std::vector<fs::path> inputs;
  for (const fs::directory_entry& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() == ".in") {
      inputs.push_back(entry.path());
    }
  }
  std::sort(inputs.begin(), inputs.end());
  REQUIRE(inputs.size() >= 20);
  for (const fs::path& input : inputs) {
    const std::string name = input.stem().string();
    INFO(name);
    const Case c = read_args(read_bytes(fs::path(input).replace_extension(".args")));
    const auto [actual, is_error] = run(c, read_bytes(input));
    const fs::path out_path = fs::path(input).replace_extension(".out");
    const fs::path err_path = fs::path(input).replace_extension(".err");
    const fs::path& expected_path = is_error ? err_path : out_path;
    if (update) {
      write_bytes(expected_path, actual);
      fs::remove(is_error ? out_path : err_path);
      continue;
    }
    const bool has_out = fs::exists(out_path);
    const bool has_err = fs::exists(err_path);
    REQUIRE(has_out != has_err);  // exactly one expectation
    CHECK(has_err == is_error);
    const std::string expected = read_bytes(has_err ? err_path : out_path);
    INFO(first_difference(expected, actual));
    CHECK(actual == expected);
  }
}

}  // namespace
}  // namespace meshdns::corefile
