#pragma once

// Reading a whole file in a test: golden files, corpus Corefiles, what a command wrote.

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

namespace meshdns::test {

// The file's bytes as they are (no newline translation); "" when it cannot be opened, so that a
// missing file fails the comparison that reads it rather than the test run.
inline std::string read_bytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace meshdns::test
