#pragma once

// The golden cases of the manifest module, shared by the byte-for-byte golden test and the schema
// test, so every object that has a golden file also goes through the real schemas.

#include <meshdns/manifest/object.hpp>

#include <string>
#include <vector>

namespace meshdns::manifest::test {

struct GoldenCase {
  std::string name;  // golden/<name>.yaml and golden/<name>.json
  Result<std::vector<Object>> objects;
};

std::vector<GoldenCase> golden_cases();

// examples/fruits-api/<file>: one object per file, in apply order.
struct ExampleFile {
  std::string file;
  std::size_t index;  // into fruits_api_example()
};
std::vector<ExampleFile> example_files();

std::string source_path(const std::string& relative);
std::string read_file(const std::string& path);

// Compares `actual` with the file byte for byte. MESHDNS_UPDATE_GOLDEN=1 rewrites the file instead;
// a missing file is written out and the check still fails, so a new case is reviewed, not trusted.
void check_golden(const std::string& path, const std::string& actual);

}  // namespace meshdns::manifest::test
