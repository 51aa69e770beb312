#include <meshdns/manifest/yaml_json.hpp>

#include <catch2/catch.hpp>

#include <random>

namespace meshdns::manifest {

namespace {

nlohmann::json parse_one(std::string_view yaml) {
  auto documents = parse_yaml_documents(yaml);
  REQUIRE(documents.has_value());
  REQUIRE(documents->size() == 1);
  return documents->front();
}

}  // namespace

TEST_CASE("manifest::parse_yaml_documents scalars", "[manifest][yaml_json]") {
  // kubectl's YAML 1.1 reading (go-yaml v2): what each plain or quoted scalar becomes.
  struct Row {
    std::string_view yaml;  // the value of key v
    nlohmann::json want;
  };
  const Row rows[] = {
      {"1", 1},
      {"-42", -42},
      {"+7", 7},
      {"0", 0},
      {"1_000", 1000},
      {"0x1F", 31},
      {"0o17", 15},
      {"017", 15},  // YAML 1.1 octal
      {"0b101", 5},
      {"9223372036854775807", INT64_MAX},
      {"-9223372036854775808", INT64_MIN},
      {"18446744073709551615", UINT64_MAX},
      {"1.5", 1.5},
      {"-.5", -0.5},
      {"1e3", 1000.0},
      {"08", 8.0},  // not octal, so go-yaml reads a float
      {"\"1\"", "1"},
      {"'1'", "1"},
      {"!!str 1", "1"},
      {"\"true\"", "true"},
      {"true", true},
      {"False", false},
      {"yes", true},
      {"No", false},
      {"on", true},
      {"OFF", false},
      {"y", true},
      {"n", false},
      {"~", nullptr},
      {"null", nullptr},
      {"", nullptr},
      {"''", ""},
      {".inf", ".inf"},  // JSON has no infinity: the text is kept
      {"2024-01-02", "2024-01-02"},
      {"1.0.0", "1.0.0"},
      {"10.96.0.50", "10.96.0.50"},
      {"1000m", "1000m"},
      {"1024Mi", "1024Mi"},
      {"-x", "-x"},
      {"fruits-api", "fruits-api"},
  };
  for (const Row& row : rows) {
    INFO("v: " << row.yaml);
    const nlohmann::json document = parse_one(std::string("v: ") + std::string(row.yaml) + "\n");
    CHECK(document.at("v") == row.want);
    CHECK(document.at("v").type() == row.want.type());
  }
}

TEST_CASE("manifest::parse_yaml_documents streams", "[manifest][yaml_json]") {
  const auto documents = parse_yaml_documents(
      "# a comment-only start\n---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n"
      "---\n---\n# nothing here\n---\n"
      "apiVersion: v1\nkind: List\nitems:\n- 1\n- [2, 3]\n- {x: z}\n---\n");
  REQUIRE(documents.has_value());
  REQUIRE(documents->size() == 2);
  CHECK(documents->at(0) ==
        nlohmann::json::parse(R"({"apiVersion":"v1","kind":"Namespace","metadata":{"name":"a"}})"));
  CHECK(documents->at(1).at("items") == nlohmann::json::parse(R"([1, [2, 3], {"x": "z"}])"));
  CHECK(parse_yaml_documents("")->empty());
  CHECK(parse_yaml_documents("---\n")->empty());
  // Anchors and aliases are expanded; keys that look like numbers stay keys.
  CHECK(parse_one("a: &x {p: 1}\nb: *x\n1: one\n") ==
        nlohmann::json::parse(R"({"a":{"p":1},"b":{"p":1},"1":"one"})"));
}

TEST_CASE("manifest::parse_yaml_documents errors", "[manifest][yaml_json]") {
  struct Row {
    std::string_view yaml;
    std::string_view what;
  };
  const Row rows[] = {
      {"a: 1\na: 2\n", "YAML line 2: key \"a\" appears twice in one mapping"},
      {"---\nok: 1\n---\nm:\n  k: [1\n", "YAML line 6: the YAML cannot be parsed"},
      {"? [a, b]\n: c\n", "YAML line 1: a mapping key is not a scalar"},
      {"kind: List\nitems: b: c\n", "YAML line 2: the YAML cannot be parsed"},
  };
  for (const Row& row : rows) {
    INFO(row.yaml);
    const auto documents = parse_yaml_documents(row.yaml);
    REQUIRE_FALSE(documents.has_value());
    CHECK(documents.error().code == Errc::config);
    CHECK(documents.error().what == row.what);
    CHECK_FALSE(documents.error().why.empty());
  }
}

TEST_CASE("manifest::parse_yaml_documents refuses alias bombs", "[manifest][yaml_json]") {
  // Nine levels of ten aliases each: a few hundred bytes that expand to ten billion values.
  std::string bomb = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
  for (int level = 1; level <= 9; ++level) {
    const std::string previous = "*a" + std::to_string(level - 1);
    bomb += "a" + std::to_string(level) + ": &a" + std::to_string(level) + " [" + previous;
    for (int i = 1; i < 10; ++i) {
      bomb += ", " + previous;
    }
    bomb += "]\n";
  }
  const auto documents = parse_yaml_documents(bomb);
  REQUIRE_FALSE(documents.has_value());
  CHECK(documents.error().what.find("the document is too large") != std::string::npos);
}

TEST_CASE("manifest::to_yaml", "[manifest][yaml_json]") {
  struct Row {
    nlohmann::ordered_json value;
    std::string_view yaml;
  };
  const Row rows[] = {
      {{{"b", 1}, {"a", "x"}}, "b: 1\na: x\n"},
      {{{"v", "1"}}, "v: \"1\"\n"},
      {{{"v", "true"}}, "v: \"true\"\n"},
      {{{"v", "yes"}}, "v: \"yes\"\n"},
      {{{"v", "y"}}, "v: \"y\"\n"},
      {{{"v", ""}}, "v: \"\"\n"},
      {{{"v", "null"}}, "v: \"null\"\n"},
      {{{"v", "2024-01-02"}}, "v: \"2024-01-02\"\n"},
      {{{"v", "1:20"}}, "v: \"1:20\"\n"},
      {{{"v", "0x10"}}, "v: \"0x10\"\n"},
      {{{"v", "1000m"}}, "v: 1000m\n"},
      {{{"v", "10.96.0.50"}}, "v: 10.96.0.50\n"},
      {{{"v", nullptr}}, "v: null\n"},
      {{{"v", true}}, "v: true\n"},
      {{{"v", 1.0}}, "v: 1.0\n"},
      {{{"v", -3}}, "v: -3\n"},
      {{{"v", nlohmann::ordered_json::object()}}, "v: {}\n"},
      {{{"v", nlohmann::ordered_json::array()}}, "v: []\n"},
      {{{"v", {1, 2}}}, "v:\n  - 1\n  - 2\n"},
      {{{"8080", "port"}}, "\"8080\": port\n"},
      {{{"v", "a: b"}}, "v: \"a: b\"\n"},
      {{{"v", "two\nlines"}}, "v: \"two\\nlines\"\n"},
      // Multi-line values as kubectl prints a ConfigMap's Corefile: a literal block where every
      // line survives one and it ends in exactly one line break, else double-quoted.
      {{{"v", "two\nlines\n"}}, "v: |\n  two\n  lines\n"},
      {{{"v", "a {\n    b\n\n}\n"}}, "v: |\n  a {\n      b\n\n  }\n"},
      {{{"v", {"a\nb\n"}}}, "v:\n  - |\n    a\n    b\n"},
      {{{"v", " lead\nx\n"}}, "v: \" lead\\nx\\n\"\n"},
      {{{"v", "trail \nx\n"}}, "v: \"trail \\nx\\n\"\n"},
      {{{"v", "tab\tx\n"}}, "v: \"tab\\tx\\n\"\n"},
      {{{"v", "two\n\n"}}, "v: \"two\\n\\n\"\n"},
      {{{"v\nk", "x"}}, "\"v\\nk\": x\n"},
  };
  for (const Row& row : rows) {
    INFO(row.value.dump());
    CHECK(to_yaml(row.value) == row.yaml);
  }
  // The unordered overload prints keys sorted.
  CHECK(to_yaml(nlohmann::json{{"b", 1}, {"a", 2}}) == "a: 2\nb: 1\n");
}

TEST_CASE("manifest::to_yaml round trips", "[manifest][yaml_json]") {
  // Anything JSON can hold must come back from YAML as the same value and type.
  const char* const values[] = {
      R"({"s": ["1", "-1", "1.5", "1e3", "0x1F", "017", "true", "on", "Off", "y", "N", "~", "null",
               "", " ", " lead", "trail ", "#", "# c", "a #b", "- x", "[x]", "{x}", "&a", "*a", "!t",
               "%p", "@", "`", "|", ">", "'", "\"", "a\"b", "it's", "\t", "a\nb", "a\n", "\n",
               "caf\u00e9", "<<", "=", ".inf", "-.Inf", ".nan", "2024-01-02", "2024-01-02T10:00:00Z",
               "1:20", "1_000", "+1", ".5", "..", "?", "? x", ": x", "x:", "a,b", "---", "...",
               "\u0001", "\\"]})",
      R"({"n": [0, -1, 9223372036854775807, -9223372036854775808, 18446744073709551615,
               1.5, -0.25, 1e300, 1.0, 0.1]})",
      R"({"nested": {"a": [{"b": {}}, [], [[]], null, false]}, "1": {"2": [3]}, "": "empty key"})",
      R"([1, "two", {"three": 3}])",
      R"("just a string")",
  };
  for (const char* text : values) {
    const nlohmann::json value = nlohmann::json::parse(text);
    const std::string yaml = to_yaml(value);
    INFO(yaml);
    const auto back = parse_yaml_documents(yaml);
    REQUIRE(back.has_value());
    REQUIRE(back->size() == 1);
    CHECK(back->front() == value);
    CHECK(back->front().dump() == value.dump());  // same types: 1.0 stays a float
  }
}

}  // namespace meshdns::manifest

namespace meshdns::manifest {

TEST_CASE("manifest::to_yaml round trips random strings", "[manifest][yaml_json]") {
  // Short strings over the characters that mean something to YAML: every one must come back as the
  // same string, as a value and as a key. The seed is fixed so a failure reproduces.
  constexpr std::string_view k_alphabet = "aynoYNtf01x9.-+_:#&*!|>'\"%@`,[]{}?~=< \t\n\r\x01\\e";
  std::mt19937 random(20261125);
  std::uniform_int_distribution<std::size_t> length(0, 6);
  std::uniform_int_distribution<std::size_t> pick(0, k_alphabet.size() - 1);
  for (int i = 0; i < 3000; ++i) {
    std::string text;
    for (std::size_t n = length(random); n > 0; --n) {
      text.push_back(k_alphabet[pick(random)]);
    }
    const nlohmann::json value = {{"v", text}, {text, "k"}};
    const std::string yaml = to_yaml(value);
    INFO(nlohmann::json(text).dump() << "\n" << yaml);
    const auto back = parse_yaml_documents(yaml);
    REQUIRE(back.has_value());
    REQUIRE(back->size() == 1);
    CHECK(back->front() == value);
  }
}

}  // namespace meshdns::manifest
