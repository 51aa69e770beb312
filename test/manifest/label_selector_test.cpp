#include <meshdns/manifest/label_selector.hpp>
#include <meshdns/result.hpp>

#include <catch2/catch.hpp>

#include <string>

namespace meshdns::manifest {
namespace {

bool selects(const std::string& selector, const nlohmann::json& labels) {
  auto parsed = LabelSelector::parse(selector);
  REQUIRE(parsed.has_value());
  return parsed->matches(labels);
}

}  // namespace

TEST_CASE("manifest::LabelSelector matches like the API server", "[manifest][selector]") {
  const nlohmann::json labels = {{"app", "web"}, {"tier", "front"}, {"replicas", "3"}};
  struct Row {
    std::string selector;
    bool matches;
  };
  const Row rows[] = {
      {"", true},
      {"   ", true},
      {"app=web", true},
      {"app==web", true},
      {"app = web", true},
      {"app=db", false},
      {"app!=db", true},
      {"app!=web", false},
      {"missing!=x", true},  // absent labels satisfy != and notin
      {"app", true},
      {"missing", false},
      {"!missing", true},
      {"!app", false},
      {"app in (db,web)", true},
      {"app in(db, web)", true},
      {"app in (db)", false},
      {"app notin (db)", true},
      {"app notin (web,db)", false},
      {"missing notin (x)", true},
      {"missing in (x)", false},
      {"replicas>2", true},
      {"replicas<3", false},
      {"app>1", false},  // not a number: never matches
      {"app=web,tier=front", true},
      {"app=web,tier=back", false},
      {"app in (web,db),tier", true},
      {"app=", false},
  };
  for (const auto& row : rows) {
    INFO(row.selector);
    CHECK(selects(row.selector, labels) == row.matches);
  }
  CHECK(selects("app", nlohmann::json()) == false);
  CHECK(selects("!app", nlohmann::json()) == true);
  CHECK(selects("app=", nlohmann::json{{"app", ""}}) == true);
}

TEST_CASE("manifest::LabelSelector refuses what kubectl refuses", "[manifest][selector]") {
  struct Row {
    std::string selector;
    std::string why;
  };
  const Row rows[] = {
      {"=web", "\"=web\" has no label key"},
      {"app~web", "\"~web\" is not an operator (=, ==, !=, in, notin, >, <)"},
      {"app in web", "the values of app must be in parentheses"},
      {"app in (a,b", "its parentheses do not pair up"},
      {"app=we b", "\"we b\" is not a valid label value"},
      {"n>x", "\"x\" is not an integer"},
      {"!app=x", "unexpected \"=x\" after !app"},
  };
  for (const auto& row : rows) {
    INFO(row.selector);
    const auto parsed = LabelSelector::parse(row.selector);
    REQUIRE_FALSE(parsed.has_value());
    CHECK(parsed.error().code == Errc::usage);
    CHECK(parsed.error().what == "invalid label selector \"" + row.selector + "\"");
    CHECK(parsed.error().why == row.why);
    CHECK(parsed.error().fix == "write requirements like app=web, tier!=db, env in (a,b), !legacy");
  }
}

}  // namespace meshdns::manifest
