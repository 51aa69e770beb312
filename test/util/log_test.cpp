#include <meshdns/log.hpp>

#include <catch2/catch.hpp>

namespace meshdns {
namespace {

TEST_CASE("log::redact_header masks credentials only", "[util][log]") {
  CHECK(log::redact_header("Authorization: Bearer s3cr3t") == "Authorization: Bearer <masked>");
  CHECK(log::redact_header("authorization:Basic dXNlcjpwYXNz") == "authorization: Basic <masked>");
  CHECK(log::redact_header("Accept: application/json") == "Accept: application/json");
}

TEST_CASE("log::redact_body masks secret fields in JSON and YAML", "[util][log]") {
  const std::string json = R"({"status":{"token":"abc.def","expirationTimestamp":"x"}})";
  const std::string masked = log::redact_body(json);
  CHECK(masked.find("abc.def") == std::string::npos);
  CHECK(masked.find("expirationTimestamp") != std::string::npos);

  const std::string yaml = "users:\n- user:\n    token: abc.def\n    client-key-data: LS0t\n";
  const std::string masked_yaml = log::redact_body(yaml);
  CHECK(masked_yaml.find("abc.def") == std::string::npos);
  CHECK(masked_yaml.find("LS0t") == std::string::npos);
  CHECK(masked_yaml.find("users:") != std::string::npos);
}

TEST_CASE("log::enabled follows the verbosity", "[util][log]") {
  log::set_verbosity(6);
  CHECK(log::enabled(6));
  CHECK_FALSE(log::enabled(8));
  log::set_verbosity(0);
  CHECK_FALSE(log::enabled(1));
}

}  // namespace
}  // namespace meshdns
