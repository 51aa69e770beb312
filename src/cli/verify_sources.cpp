#include "cli/verify_sources.hpp"

#include "cli/manifest_files.hpp"

#include <meshdns/text.hpp>
#include <meshdns/verify/manifests.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <system_error>

namespace meshdns::cli {
namespace {

namespace fs = std::filesystem;

Result<std::string> read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return fail(Errc::config, cat("cannot read ", path.string()), "the file does not open",
                "check the path and its permissions");
  }
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

Result<std::vector<verify::Expectation>> from_arguments(const VerifyOptions& options) {
  if (!options.expect.empty() && options.names.size() != 1) {
    return fail(Errc::usage, "--expect needs exactly one name argument",
                cat("got ", options.names.size()),
                "give one FQDN, or use -f FILE with the addresses on each name's line");
  }
  std::vector<verify::Expectation> out;
  for (const auto& name : options.names) {
    auto expectation = verify::make_expectation(name, options.expect, "argument");
    if (!expectation) {
      return std::move(expectation).error();
    }
    out.push_back(std::move(*expectation));
  }
  return out;
}

Result<std::vector<verify::Expectation>> from_names_file(const std::string& file,
                                                         std::istream& stdin_stream) {
  if (file == "-") {
    const std::string text{std::istreambuf_iterator<char>(stdin_stream),
                           std::istreambuf_iterator<char>()};
    return verify::parse_names_file(text, "stdin");
  }
  auto text = read_text(file);
  if (!text) {
    return std::move(text).error();
  }
  return verify::parse_names_file(*text, file);
}

}  // namespace

Result<GatheredExpectations> gather_expectations(const VerifyOptions& options,
                                                 std::istream& stdin_stream) {
  GatheredExpectations gathered;
  auto listed = from_arguments(options);
  if (!listed) {
    return std::move(listed).error();
  }
  std::vector<verify::Expectation> all = std::move(*listed);
  if (!options.file.empty()) {
    auto from_file = from_names_file(options.file, stdin_stream);
    if (!from_file) {
      return std::move(from_file).error();
    }
    std::move(from_file->begin(), from_file->end(), std::back_inserter(all));
  }
  if (!options.from_manifests.empty()) {
    auto files = read_manifest_files(options.from_manifests);
    if (!files) {
      return std::move(files).error();
    }
    std::vector<verify::ManifestFile> texts;
    for (auto& file : *files) {
      texts.push_back({std::move(file.path), std::move(file.text)});
    }
    auto manifests = verify::expectations_from_manifests(texts);
    if (!manifests) {
      return std::move(manifests).error();
    }
    std::move(manifests->expectations.begin(), manifests->expectations.end(),
              std::back_inserter(all));
    gathered.warnings = std::move(manifests->warnings);
    if (all.empty()) {
      return fail(Errc::config, cat("no ServiceEntry hosts in ", options.from_manifests),
                  "verify reads hosts and addresses from kind: ServiceEntry documents",
                  "point --from-manifests at the ServiceEntry manifests");
    }
  }
  auto merged = verify::merge_expectations(std::move(all));
  if (!merged) {
    return std::move(merged).error();
  }
  gathered.expectations = std::move(*merged);
  return gathered;
}

}  // namespace meshdns::cli
