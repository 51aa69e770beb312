#include "cli/verify_sources.hpp"

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

// A file, or every *.yaml / *.yml / *.json in a folder (not recursive, sorted for stable output).
Result<std::vector<verify::ManifestFile>> read_manifests(const std::string& path) {
  std::error_code error;
  std::vector<fs::path> paths;
  if (fs::is_directory(path, error)) {
    for (const auto& entry : fs::directory_iterator(path, error)) {
      const std::string extension = entry.path().extension().string();
      if (entry.is_regular_file() &&
          (extension == ".yaml" || extension == ".yml" || extension == ".json")) {
        paths.push_back(entry.path());
      }
    }
    std::sort(paths.begin(), paths.end());
  } else {
    paths.emplace_back(path);
  }
  if (error) {
    return fail(Errc::config, cat("cannot list ", path), error.message(), "check the path");
  }
  std::vector<verify::ManifestFile> files;
  for (const auto& file : paths) {
    auto text = read_text(file);
    if (!text) {
      return std::move(text).error();
    }
    files.push_back({file.string(), std::move(*text)});
  }
  return files;
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
    auto files = read_manifests(options.from_manifests);
    if (!files) {
      return std::move(files).error();
    }
    auto manifests = verify::expectations_from_manifests(*files);
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
