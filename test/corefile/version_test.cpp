#include <meshdns/corefile/version.hpp>

#include <catch2/catch.hpp>

#include <optional>
#include <string_view>

namespace meshdns::corefile {
namespace {

TEST_CASE("corefile::parse_version", "[corefile][version]") {
  struct Row {
    std::string_view text;
    std::optional<Version> expected;  // nullopt: refused
  };
  const Row rows[] = {
      {"1.6.2", Version{1, 6, 2}},
      {"v1.11.1", Version{1, 11, 1}},
      {"V0.9.10", Version{0, 9, 10}},
      {"1.8.7-eksbuild.3", Version{1, 8, 7}},
      {"1.7.0+meta", Version{1, 7, 0}},
      {"", std::nullopt},
      {"1.6", std::nullopt},
      {"1.6.2.1", std::nullopt},
      {"latest", std::nullopt},
      {"1..2", std::nullopt},
      {"1.6.x", std::nullopt},
      {"-1.6.2", std::nullopt},
      {"1.+6.2", std::nullopt},
      {"1.6.2 ", std::nullopt},
      {"99999999999.0.0", std::nullopt},
  };
  for (const Row& row : rows) {
    INFO(row.text);
    const Result<Version> parsed = parse_version(row.text);
    REQUIRE(parsed.has_value() == row.expected.has_value());
    if (row.expected) {
      CHECK(*parsed == *row.expected);
    } else {
      CHECK(parsed.error().code == Errc::usage);
      CHECK(parsed.error().what.find(row.text) != std::string::npos);
      CHECK(parsed.error().fix.find("--coredns-version") != std::string::npos);
    }
  }
}

TEST_CASE("corefile::Version", "[corefile][version]") {
  CHECK(Version{1, 11, 1}.str() == "1.11.1");
  CHECK(Version{0, 9, 10}.str() == "0.9.10");
  CHECK(Version{1, 4, 0} < Version{1, 5, 0});
  CHECK(Version{1, 9, 4} < Version{1, 10, 0});  // numeric, not lexical
  CHECK(Version{1, 6, 2} == Version{1, 6, 2});
}

TEST_CASE("corefile::version_from_image", "[corefile][version]") {
  struct Row {
    std::string_view image;
    std::optional<Version> expected;  // nullopt: asks for --coredns-version
  };
  const Row rows[] = {
      {"coredns/coredns:1.6.2", Version{1, 6, 2}},
      {"registry.k8s.io/coredns/coredns:v1.11.1", Version{1, 11, 1}},
      {"k8s.gcr.io/coredns:1.6.2", Version{1, 6, 2}},
      {"602401143452.dkr.ecr.us-west-2.amazonaws.com/eks/coredns:v1.8.7-eksbuild.3",
       Version{1, 8, 7}},
      {"host:5000/coredns:1.7.0", Version{1, 7, 0}},
      {"mcr.microsoft.com/oss/v2/kubernetes/coredns:v1.13.1-9", Version{1, 13, 1}},
      {"coredns/"
       "coredns:1.6.2@sha256:12eb885b8685b1b13a04ecf5c23bc809c2e57917252fd7b0be9e9c00644e8ee5",
       Version{1, 6, 2}},
      {"coredns/coredns@sha256:12eb885b8685b1b13a04ecf5c23bc809c2e57917252fd7b0be9e9c00644e8ee5",
       std::nullopt},
      {"host:5000/coredns@sha256:12eb885b8685b1b13a04ecf5c23bc809c2e57917252fd7b0be9e9c00644e8ee5",
       std::nullopt},
      {"coredns:latest", std::nullopt},
      {"coredns/coredns", std::nullopt},
      {"host:5000/coredns", std::nullopt},
      {"coredns/coredns:", std::nullopt},
      {"", std::nullopt},
  };
  for (const Row& row : rows) {
    INFO(row.image);
    const Result<Version> version = version_from_image(row.image);
    REQUIRE(version.has_value() == row.expected.has_value());
    if (row.expected) {
      CHECK(*version == *row.expected);
    } else {
      CHECK(version.error().code == Errc::config);
      CHECK(version.error().what.find(row.image) != std::string::npos);
      CHECK(version.error().fix.find("--coredns-version") != std::string::npos);
    }
  }
}

}  // namespace
}  // namespace meshdns::corefile
