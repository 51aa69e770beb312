#include <meshdns/manifest/alias_request.hpp>

#include <catch2/catch.hpp>

#include <string_view>

namespace meshdns::manifest {

TEST_CASE("manifest::parse_alias_requests reads a list", "[manifest][alias_request]") {
  const auto requests = parse_alias_requests(
      "# aliases for the shop\n"
      "- {service: fruits-api, namespace: shop, fqdn: my-fruits.internal}\n"
      "- service: veggies\n"
      "  fqdn: veggies.internal\n",
      "aliases.yaml", "default");
  REQUIRE(requests.has_value());
  REQUIRE(requests->size() == 2);
  CHECK((*requests)[0].service == "fruits-api");
  CHECK((*requests)[0].namespace_name == "shop");
  CHECK((*requests)[0].fqdn == "my-fruits.internal");
  CHECK((*requests)[1].service == "veggies");
  CHECK((*requests)[1].namespace_name == "default");  // -n, or the context's namespace
  CHECK((*requests)[1].fqdn == "veggies.internal");

  // JSON is YAML.
  const auto json =
      parse_alias_requests(R"([{"service": "a", "fqdn": "a.internal"}])", "a.json", "shop");
  REQUIRE(json.has_value());
  CHECK(json->front().namespace_name == "shop");
}

TEST_CASE("manifest::parse_alias_requests refuses", "[manifest][alias_request]") {
  struct Row {
    std::string_view text;
    std::string_view what;
    std::string_view why;
  };
  const Row rows[] = {
      {"", "f.yaml is not a list of aliases", "it is empty"},
      {"service: a\nfqdn: a.internal\n", "f.yaml is not a list of aliases", "it holds a object"},
      {"[]", "f.yaml lists no aliases", "the list is empty"},
      {"- a\n", "f.yaml: alias 1 cannot be read", "it is a string, not a mapping"},
      {"- {service: a, fdqn: a.internal}\n", "f.yaml: alias 1 cannot be read",
       "unknown key \"fdqn\""},
      {"- {service: a, fqdn: a.internal}\n- {service: b}\n", "f.yaml: alias 2 cannot be read",
       "fqdn is missing"},
      {"- {fqdn: a.internal}\n", "f.yaml: alias 1 cannot be read", "service is missing"},
      {"- {service: 3, fqdn: a.internal}\n", "f.yaml: alias 1 cannot be read",
       "service is not a non-empty string"},
      {"- {service: a, fqdn: a.internal}\n- {service: b, fqdn: a.internal}\n",
       "f.yaml: alias 2 cannot be read", "fqdn a.internal is already alias 1"},
      {"- {service: a, fqdn: a.internal}\n---\n- {service: b, fqdn: b.internal}\n",
       "f.yaml holds 2 YAML documents", "the aliases are one list in one document"},
  };
  for (const Row& row : rows) {
    INFO(row.text);
    const auto parsed = parse_alias_requests(row.text, "f.yaml", "default");
    REQUIRE_FALSE(parsed.has_value());
    CHECK(parsed.error().code == Errc::config);
    CHECK(parsed.error().what == row.what);
    CHECK(parsed.error().why == row.why);
    CHECK(parsed.error().fix == "give a list of {service, namespace, fqdn} mappings");
  }

  const auto broken = parse_alias_requests("- {service: a\n", "f.yaml", "default");
  REQUIRE_FALSE(broken.has_value());
  CHECK(broken.error().what.rfind("f.yaml: YAML line ", 0) == 0);
}

}  // namespace meshdns::manifest
