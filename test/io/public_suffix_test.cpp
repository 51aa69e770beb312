#include <meshdns/io/public_suffix.hpp>

#include <catch2/catch.hpp>

#include <string_view>

namespace meshdns::io {
namespace {

TEST_CASE("io::is_public_suffix", "[io][public_suffix]") {
  struct Row {
    std::string_view name;
    bool public_suffix;
  };
  const Row rows[] = {
      {"com", true},           {"co.uk", true},        {"github.io", true},
      {"arpa", true},          {"internal", false},    {"corp", false},
      {"corp.example", false}, {"example.com", false}, {"cluster.local", false},
  };
  for (const Row& row : rows) {
    INFO(row.name);
    CHECK(is_public_suffix(row.name) == row.public_suffix);
  }
}

}  // namespace
}  // namespace meshdns::io
