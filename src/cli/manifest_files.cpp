#include "cli/manifest_files.hpp"

#include <meshdns/io/file.hpp>
#include <meshdns/text.hpp>

#include <algorithm>
#include <filesystem>
#include <system_error>

namespace meshdns::cli {
namespace {

namespace fs = std::filesystem;

bool is_manifest_name(const fs::path& path) {
  const std::string extension = path.extension().string();
  return extension == ".yaml" || extension == ".yml" || extension == ".json";
}

}  // namespace

Result<std::vector<ManifestText>> read_manifest_files(const std::string& path) {
  std::error_code error;
  const fs::file_status status = fs::status(path, error);
  if (error || !fs::exists(status)) {
    return fail(Errc::config, cat("cannot read ", path), "no such file or folder",
                "check the path given to --from-manifests");
  }
  std::vector<fs::path> paths;
  if (fs::is_directory(status)) {
    for (const auto& entry : fs::directory_iterator(path, error)) {
      if (entry.is_regular_file() && is_manifest_name(entry.path())) {
        paths.push_back(entry.path());
      }
    }
    if (error) {
      return fail(Errc::config, cat("cannot list ", path), error.message(),
                  "check the folder's permissions");
    }
    std::sort(paths.begin(), paths.end());
  } else {
    paths.emplace_back(path);
  }
  std::vector<ManifestText> files;
  for (const auto& file : paths) {
    auto text = io::read_file(file);
    if (!text) {
      return std::move(text).error();
    }
    files.push_back({file.string(), std::move(*text)});
  }
  return files;
}

}  // namespace meshdns::cli
