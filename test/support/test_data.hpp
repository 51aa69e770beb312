#pragma once

// The project's own test data (test/data, see its README): the Corefile corpus, CoreDNS's plugin
// tables per release and the upstream Kubernetes/Istio schemas, plus the manifest validator that
// reads them. They ship with the repository, so a missing file is a broken checkout: reading one
// throws, and Catch reports the test as failed, never skipped.

#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>
#include <string_view>

namespace meshdns::test {

// test/data/RELATIVE; throws when it does not exist.
inline std::filesystem::path test_data(std::string_view relative) {
  std::filesystem::path path = std::filesystem::path(MESHDNS_TEST_DATA_DIR) / relative;
  if (!std::filesystem::exists(path)) {
    throw std::runtime_error("test fixture " + path.string() + " is missing (it ships in test/data)");
  }
  return path;
}

// The bytes of the corpus Corefile NAME (test/data/corefiles/NAME.Corefile).
inline std::string corpus_corefile(std::string_view name) {
  std::ifstream in(test_data("corefiles/" + std::string(name) + ".Corefile"), std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// test/manifest/validate-manifests: checks YAML documents against test/data/schemas.
inline std::string manifest_validator() {
  const std::filesystem::path path =
      std::filesystem::path(MESHDNS_SOURCE_DIR) / "test/manifest/validate-manifests";
  if (!std::filesystem::exists(path)) {
    throw std::runtime_error("the manifest validator " + path.string() + " is missing");
  }
  return path.string();
}

}  // namespace meshdns::test
