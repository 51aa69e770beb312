// Every Corefile of the corpus (test/data/corefiles): lossless, and for each
// well-formed file and each case (kube-dns at the file's CoreDNS version from MANIFEST.tsv, else
// 1.6.2; istiocoredns at 1.1.2 and 1.6.2; the coredns backend's rewrite line at the file's
// version): patch is idempotent, the result lints clean, and
// unpatch(patch(x)) == x. What legitimately differs per file (a refusal because the file is invalid
// for that version, a file already holding the patch form) is listed in corpus_expectations.tsv, so
// nothing is skipped silently; MESHDNS_UPDATE_GOLDEN=1 rewrites that list for review.

#include "corefile/syntax_tree.hpp"
#include "support/files.hpp"
#include "support/test_data.hpp"

#include <meshdns/corefile/engine.hpp>
#include <meshdns/corefile/outline.hpp>
#include <meshdns/corefile/rewrite.hpp>
#include <meshdns/result.hpp>
#include <meshdns/text.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

namespace meshdns::corefile {
namespace {

namespace fs = std::filesystem;
using test::read_bytes;

// The CoreDNS version MANIFEST.tsv gives a file: the image tag when it names one
// ("... coredns/coredns:1.6.2 ..."), else a version the column starts with ("1.6.5/1.6.7 ...").
std::map<std::string, Version> manifest_versions(const fs::path& manifest) {
  std::map<std::string, Version> out;
  const std::regex image(R"(coredns:v?(\d+\.\d+\.\d+))");
  const std::regex leading(R"(^v?(\d+\.\d+)(\.(\d+))?)");
  const std::string text = read_bytes(manifest);  // split() returns views into it
  for (std::string_view line : split(text, '\n')) {
    const std::vector<std::string_view> columns = split(line, '\t');
    if (columns.size() < 5) {
      continue;
    }
    const std::string field(columns[4]);
    std::smatch match;
    std::string version;
    if (std::regex_search(field, match, image)) {
      version = match[1];
    } else if (std::regex_search(field, match, leading)) {
      version = cat(std::string(match[1]), ".", match[3].matched ? std::string(match[3]) : "0");
    }
    if (auto parsed = parse_version(version)) {
      out.emplace(std::string(columns[0]), *parsed);
    }
  }
  return out;
}

std::map<std::string, std::string> read_expectations(const fs::path& path) {
  std::map<std::string, std::string> out;
  const std::string text = read_bytes(path);  // split() returns views into it
  for (std::string_view line : split(text, '\n')) {
    const std::vector<std::string_view> columns = split(line, '\t');
    if (columns.size() >= 3 && !line.empty() && line.front() != '#') {
      out[cat(columns[0], "\t", columns[1])] = std::string(columns[2]);
    }
  }
  return out;
}

struct Counts {
  int files = 0;
  int round_tripped = 0;
  int patched = 0;
  int refused = 0;
  int malformed = 0;
};

std::string short_error(const Error& error) {
  return error.why.empty() ? error.what : error.why;
}

// "ok", or what this file legitimately does instead; CHECK-fails on anything that is a bug.
std::string patch_outcome(const std::string& original, const PatchOptions& options,
                          Counts& counts) {
  const Result<std::string> patched = patch(original, options);
  if (!patched) {
    ++counts.refused;
    CHECK(patched.error().code == Errc::refused);
    return cat("refused: ", short_error(patched.error()));
  }
  ++counts.patched;
  const Result<std::string> twice = patch(*patched, options);
  REQUIRE(twice.has_value());
  CHECK(*twice == *patched);
  for (const Finding& finding : lint(*patched, options.coredns_version)) {
    INFO(finding.line << ": " << finding.message);
    CHECK(finding.severity == Severity::warning);
  }
  const Result<std::string> restored = unpatch(*patched, options);
  REQUIRE(restored.has_value());
  if (*restored == original) {
    return "ok";
  }
  if (*restored == *patched) {
    return "kept: the zone's existing block was updated in place and, not being in patch form "
           "(comments, other lines), stays";
  }
  // The input already held a block in patch form: unpatch takes it out as well.
  const Result<std::string> unpatched_original = unpatch(original, options);
  if (unpatched_original && *unpatched_original == *restored) {
    return "already patched: unpatch also removes the zone's existing patch-form lines";
  }
  // The article's grpc-twice file: the repair stays, only the zone goes.
  const std::vector<Finding> before = lint(original, options.coredns_version);
  CHECK(std::any_of(before.begin(), before.end(),
                    [](const Finding& f) { return f.severity == Severity::error; }));
  const Result<std::string> repatched = patch(*restored, options);
  REQUIRE(repatched.has_value());
  CHECK(*repatched == *patched);
  return "repaired: unpatch keeps the per-zone blocks patch made of the refused grpc lines";
}

// The coredns backend on a kube-dns Corefile: "ok" when the rewrite line lands in each block that
// holds kubernetes and serves the alias, nothing else changes, patch is idempotent and lint-clean
// and unpatch gives the bytes back; else the refusal's reason.
std::string rewrite_outcome(const std::string& original, Version version, Counts& counts) {
  RewriteOptions options;
  options.aliases = {{"my-fruits.internal", "", "fruits-api-service", "micro-shake-factory"}};
  options.coredns_version = version;
  const Result<std::string> patched = patch_rewrites(original, options);
  if (!patched) {
    ++counts.refused;
    CHECK(patched.error().code == Errc::refused);
    return cat("refused: ", short_error(patched.error()));
  }
  ++counts.patched;
  const Result<std::string> domain = cluster_domain_of(original);
  REQUIRE(domain.has_value());
  const std::string line =
      cat("rewrite name exact my-fruits.internal fruits-api-service."
          "micro-shake-factory.svc.",
          *domain);
  // Nothing but whole lines of that text was added: taking them out gives the original.
  std::string stripped;
  std::size_t added = 0;
  for (std::size_t at = 0; at < patched->size();) {
    std::size_t end = patched->find('\n', at);
    end = end == std::string::npos ? patched->size() : end + 1;
    const std::string_view text = std::string_view(*patched).substr(at, end - at);
    if (trim(text) == line) {
      ++added;
    } else {
      stripped.append(text);
    }
    at = end;
  }
  CHECK(stripped == original);
  // One line in each block that holds kubernetes and takes names outside the cluster domain.
  std::size_t serving = 0;
  for (const OutlineBlock& block : outline(*patched).blocks) {
    const bool kubernetes =
        std::any_of(block.directives.begin(), block.directives.end(),
                    [](const OutlineDirective& d) { return d.name == "kubernetes"; });
    const bool root = std::any_of(block.keys.begin(), block.keys.end(), [](const std::string& key) {
      return key == "." || key.rfind(".:", 0) == 0 || key.rfind(":", 0) == 0 ||
             key.rfind("dns://.", 0) == 0 || key == "internal" || key.rfind("internal:", 0) == 0;
    });
    const auto lines = std::count_if(block.directives.begin(), block.directives.end(),
                                     [](const OutlineDirective& d) { return d.name == "rewrite"; });
    if (kubernetes && root) {
      ++serving;
      CHECK(lines >= 1);
    }
  }
  CHECK(added == serving);
  const Result<std::string> twice = patch_rewrites(*patched, options);
  REQUIRE(twice.has_value());
  CHECK(*twice == *patched);
  for (const Finding& finding : lint(*patched, version)) {
    INFO(finding.line << ": " << finding.message);
    CHECK(finding.severity == Severity::warning);
  }
  const Result<std::string> restored = unpatch_rewrites(*patched, options);
  REQUIRE(restored.has_value());
  CHECK(*restored == original);
  return "ok";
}

TEST_CASE("corefile corpus", "[corefile][corpus]") {
  const fs::path dir = test::test_data("corefiles");
  const fs::path table = fs::path(MESHDNS_SOURCE_DIR) / "test/corefile/corpus_expectations.tsv";
  const std::map<std::string, Version> versions = manifest_versions(dir / "MANIFEST.tsv");
  const std::map<std::string, std::string> expected = read_expectations(table);
  std::map<std::string, std::string> observed;
  Counts counts;

  std::vector<fs::path> files;
  for (const fs::directory_entry& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() == ".Corefile") {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  REQUIRE(files.size() >= 100);
  for (const fs::path& path : files) {
    const std::string name = path.filename().string();
    INFO(name);
    ++counts.files;
    const std::string original = read_bytes(path);
    const bool round_trips = print(parse(original)) == original;
    CHECK(round_trips);
    counts.round_tripped += round_trips ? 1 : 0;

    const auto known = versions.find(name);
    const Version own = known == versions.end() ? Version{1, 6, 2} : known->second;
    if (name.find("MALFORMED") != std::string::npos || name.find("INVALID") != std::string::npos) {
      ++counts.malformed;
      const std::vector<Finding> findings = lint(original, own);
      CHECK(std::any_of(findings.begin(), findings.end(),
                        [](const Finding& f) { return f.severity == Severity::error; }));
      PatchOptions options;
      options.upstream = "10.96.0.60";
      options.coredns_version = own;
      const Result<std::string> patched = patch(original, options);
      REQUIRE_FALSE(patched.has_value());
      CHECK(patched.error().code == Errc::refused);
      CHECK(patched.error().why.rfind("line ", 0) == 0);
      continue;
    }
    for (const Finding& finding : lint(original, own)) {
      if (finding.severity == Severity::error) {
        observed[cat(name, "\tlint@", own.str())] =
            cat("lint errors: line ", finding.line, ": ", finding.message);
        break;
      }
    }
    struct Target {
      Kind kind;
      Version version;
      std::string label;
    };
    const Target targets[] = {{Kind::kube_dns, own, cat("kube-dns@", own.str())},
                              {Kind::istiocoredns, {1, 1, 2}, "istiocoredns@1.1.2"},
                              {Kind::istiocoredns, {1, 6, 2}, "istiocoredns@1.6.2"}};
    for (const Target& target : targets) {
      INFO(target.label);
      PatchOptions options;
      options.kind = target.kind;
      options.coredns_version = target.version;
      options.upstream = target.kind == Kind::kube_dns ? "10.96.0.60" : "";
      const std::string outcome = patch_outcome(original, options, counts);
      if (outcome != "ok") {
        observed[cat(name, "\t", target.label)] = outcome;
      }
    }
    {
      const std::string label = cat("rewrite@", own.str());
      INFO(label);
      const std::string outcome = rewrite_outcome(original, own, counts);
      if (outcome != "ok") {
        observed[cat(name, "\t", label)] = outcome;
      }
    }
  }

  const char* update = std::getenv("MESHDNS_UPDATE_GOLDEN");
  if (update != nullptr && std::string(update) == "1") {
    std::ofstream out(table, std::ios::binary | std::ios::trunc);
    out << "# file\tcase\texpected outcome (written by MESHDNS_UPDATE_GOLDEN=1; review the diff)\n";
    for (const auto& [key, outcome] : observed) {
      out << key << "\t" << outcome << "\n";
    }
  } else {
    for (const auto& [key, outcome] : observed) {
      INFO(key);
      const auto row = expected.find(key);
      CHECK((row == expected.end() ? std::string("ok") : row->second) == outcome);
    }
    for (const auto& [key, outcome] : expected) {
      INFO(key);
      CHECK(observed.count(key) == 1);  // a listed exception that no longer happens
    }
  }
  WARN("corpus: " << counts.files << " files, " << counts.round_tripped << " round-tripped, "
                  << counts.malformed << " malformed/invalid refused, " << counts.patched
                  << " patched (idempotent, lint-clean, reversible), " << counts.refused
                  << " refused as listed in corpus_expectations.tsv");
}

}  // namespace
}  // namespace meshdns::corefile
