#include <meshdns/manifest/resource_amounts.hpp>

#include <catch2/catch.hpp>

#include <string>

namespace meshdns::manifest {

TEST_CASE("manifest::parse_resource_amounts", "[manifest][resources]") {
  const ResourceAmounts defaults{"1000m", "1024Mi"};
  const auto both = parse_resource_amounts("cpu=500m,memory=256Mi", defaults, "--limits");
  REQUIRE(both.has_value());
  CHECK(both->cpu == "500m");
  CHECK(both->memory == "256Mi");
  const auto one = parse_resource_amounts(" memory = 2Gi ", defaults, "--limits");
  REQUIRE(one.has_value());
  CHECK(one->cpu == "1000m");
  CHECK(one->memory == "2Gi");

  struct Row {
    std::string text, why;
  };
  const Row rows[] = {
      {"cpu", "\"cpu\" is not NAME=QUANTITY"},
      {"cpu=", "cpu has no quantity"},
      {"gpu=1", "\"gpu\" is not cpu or memory"},
      {"", "\"\" is not NAME=QUANTITY"},
  };
  for (const auto& row : rows) {
    INFO(row.text);
    const auto parsed = parse_resource_amounts(row.text, defaults, "--requests");
    REQUIRE_FALSE(parsed.has_value());
    CHECK(parsed.error().code == Errc::usage);
    CHECK(parsed.error().what == "--requests \"" + row.text + "\" is not valid");
    CHECK(parsed.error().why == row.why);
    CHECK(parsed.error().fix == "write it as --requests cpu=500m,memory=256Mi");
  }
}

}  // namespace meshdns::manifest
