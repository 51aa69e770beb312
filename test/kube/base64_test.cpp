#include "kube/base64.hpp"

#include <catch2/catch.hpp>

#include <string>

namespace meshdns::kube {
namespace {

TEST_CASE("kube::base64", "[kube][base64]") {
  struct Row {
    std::string text;
    std::string decoded;  // empty with an error
    std::string error;
  };
  const Row rows[] = {
      {"", "", ""},
      {"eA==", "x", ""},
      {"eHk=", "xy", ""},
      {"eHl6", "xyz", ""},
      {"LS0tLS1CRUdJTg==", "-----BEGIN", ""},
      {"eHl6\neHl6\r\n", "xyzxyz", ""},  // wrapped lines, as base64 -w76 writes them
      {"eA", "", "illegal base64 data at input byte 2"},
      {"e===", "", "illegal base64 data at input byte 1"},
      {"eA==eA==", "", "illegal base64 data at input byte 4"},
      {"eA*=", "", "illegal base64 data at input byte 2"},
      {"not base64!", "", "illegal base64 data at input byte 3"},
  };
  for (const Row& row : rows) {
    INFO(row.text);
    const Result<std::string> decoded = base64_decode(row.text);
    if (row.error.empty()) {
      REQUIRE(decoded);
      CHECK(*decoded == row.decoded);
      CHECK(base64_decode(base64_encode(row.decoded)).value() == row.decoded);
    } else {
      REQUIRE_FALSE(decoded);
      CHECK(decoded.error().what == row.error);
    }
  }
  CHECK(base64_encode("xy") == "eHk=");
  CHECK(base64_encode(std::string("\xff\x00\x10", 3)) == "/wAQ");
}

}  // namespace
}  // namespace meshdns::kube
