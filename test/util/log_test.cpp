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

TEST_CASE("log::redact_body", "[util][log]") {
  struct Row {
    std::string body, masked;
  };
  const Row rows[] = {
      {R"({"token":"a.b","x":"token"})", R"({"token":"<masked>","x":"token"})"},
      {R"({"password" : "p\"w\\" , "n": 1})", R"({"password" : "<masked>" , "n": 1})"},
      {R"({"id_token":"t","refresh-token":"r"})",
       R"({"id_token":"<masked>","refresh-token":"<masked>"})"},
      {R"({"clientKeyData":"LS0t","token":null})", R"({"clientKeyData":"<masked>","token":null})"},
      // Secret-looking text inside another value (a last-applied annotation) is not a field.
      {R"({"a":"{\"token\":\"x\"}"})", R"({"a":"{\"token\":\"x\"}"})"},
      // A body cut in the middle of a secret value: the rest is masked.
      {R"({"token":"abc.de)", R"({"token":"<masked>")"},
      {"kind: Config\ntoken: abc\n  password:\tp w\ntokens: 3\n",
       "kind: Config\ntoken: <masked>\n  password:\t<masked>\ntokens: 3\n"},
      {"token:\nname: x", "token:\nname: x"},
      {"", ""},
  };
  for (const Row& row : rows) {
    INFO(row.body);
    CHECK(log::redact_body(row.body) == row.masked);
  }
}

// Issue #17: std::regex recursed once per character and overflowed the stack (SIGSEGV) on a
// tenant's 60,000-character annotation named "token" at -v 8.
TEST_CASE("log::redact_body is linear on hostile bodies", "[util][log][hardening]") {
  const std::string long_value(60'000, 'a');
  const std::string annotation =
      R"({"metadata":{"annotations":{"token":")" + long_value + R"("}}})";
  CHECK(log::redact_body(annotation) == R"({"metadata":{"annotations":{"token":"<masked>"}}})");
  const std::string spaces(100'000, ' ');
  CHECK(log::redact_body(spaces) == spaces);
  const std::string quotes(50'000, '"');
  CHECK(log::redact_body(quotes) == quotes);
  const std::string yaml = "token: " + std::string(200'000, 'z') + "\n";
  CHECK(log::redact_body(yaml) == "token: <masked>\n");
  std::string many;
  for (int i = 0; i < 20'000; ++i) {
    many += R"("token":"s",)";
  }
  const std::string masked = log::redact_body(many);
  CHECK(masked.find("\"s\"") == std::string::npos);
}

// Issue #17: `--server http://alice:pw@host` appeared unmasked in -v 6 request lines.
TEST_CASE("log::redact_url", "[util][log][hardening]") {
  struct Row {
    std::string url, masked;
  };
  const Row rows[] = {
      {"http://alice:pw@host:8080/api?x=1", "http://alice:<masked>@host:8080/api?x=1"},
      {"https://alice:p@ss@host/", "https://alice:<masked>@host/"},
      {"https://alice@host/", "https://alice@host/"},
      {"https://host:6443/api/v1/namespaces?labelSelector=a@b",
       "https://host:6443/api/v1/namespaces?labelSelector=a@b"},
      {"https://host/x/a:b@c", "https://host/x/a:b@c"},
      {"host:1@x", "host:<masked>@x"},
      {"", ""},
  };
  for (const Row& row : rows) {
    INFO(row.url);
    CHECK(log::redact_url(row.url) == row.masked);
  }
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
