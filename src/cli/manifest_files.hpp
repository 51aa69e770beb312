#pragma once

// Reads the manifests `--from-manifests PATH` names: one file, or every *.yaml / *.yml / *.json in
// a folder (not recursive, sorted so output never depends on directory order). Only reads; parsing
// belongs to whoever asked.

#include <meshdns/result.hpp>

#include <string>
#include <vector>

namespace meshdns::cli {

struct ManifestText {
  std::string path;  // as messages name it
  std::string text;
};

// Errc::config when the path does not exist, a folder cannot be listed or a file cannot be read;
// a folder without manifests is an empty result, not an error.
Result<std::vector<ManifestText>> read_manifest_files(const std::string& path);

}  // namespace meshdns::cli
