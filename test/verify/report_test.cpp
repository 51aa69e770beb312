#include <meshdns/verify/report.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <regex>
#include <string>

namespace meshdns::verify {
namespace {

using namespace std::chrono_literals;

Report sample_report() {
  Report report;
  report.rounds = 2;
  report.elapsed = 5200ms;
  NameResult pass{"a.internal", Status::pass, {"10.0.0.1"}, {"10.0.0.1"}, {}, {}, "", ""};
  NameResult warned{"w.internal", Status::pass,
                    {"10.0.0.5"}, {},
                    {},           {"AAAA query answered NXDOMAIN although A has addresses"},
                    "",           ""};
  NameResult mismatch{"b.internal", Status::mismatch, {"10.0.0.2"}, {"10.0.0.1"}, {}, {}, "", ""};
  NameResult owner{
      "c.internal", Status::owner_mismatch, {}, {}, {"svc.ns.svc.cluster.local"}, {}, "", ""};
  NameResult missing{"d<&>.internal", Status::nxdomain, {}, {}, {}, {}, "", ""};
  report.results = {pass, warned, mismatch, owner, missing};
  return report;
}

// The attribute values of every element `tag` in `xml`, in order, e.g. the names of testcases.
std::vector<std::string> attributes(const std::string& xml, const std::string& tag,
                                    const std::string& attribute) {
  const std::regex element("<" + tag + "\\b[^>]*\\b" + attribute + "=\"([^\"]*)\"");
  std::vector<std::string> values;
  for (auto it = std::sregex_iterator(xml.begin(), xml.end(), element);
       it != std::sregex_iterator(); ++it) {
    values.push_back((*it)[1]);
  }
  return values;
}

}  // namespace

TEST_CASE("verify::render_json", "[verify][report]") {
  const auto document = nlohmann::json::parse(render_json(sample_report()));
  CHECK(document["summary"]["total"] == 5);
  CHECK(document["summary"]["passed"] == 2);
  CHECK(document["summary"]["failed"] == 3);
  CHECK(document["summary"]["warned"] == 1);
  CHECK(document["summary"]["rounds"] == 2);
  CHECK(document["summary"]["elapsedSeconds"] == Approx(5.2));
  const auto& results = document["results"];
  REQUIRE(results.size() == 5);
  struct Row {
    std::size_t index;
    std::string name, status, message;
  };
  const Row rows[] = {
      {0, "a.internal", "PASS", "PASS"},
      {2, "b.internal", "MISMATCH", "MISMATCH got 10.0.0.2; want 10.0.0.1"},
      {3, "c.internal", "OWNER_MISMATCH",
       "OWNER_MISMATCH answer owner svc.ns.svc.cluster.local, question c.internal"},
      {4, "d<&>.internal", "NXDOMAIN", "NXDOMAIN"},
  };
  for (const Row& row : rows) {
    INFO(row.name);
    CHECK(results[row.index]["name"] == row.name);
    CHECK(results[row.index]["status"] == row.status);
    CHECK(results[row.index]["message"] == row.message);
  }
  CHECK(results[2]["addresses"] == nlohmann::json::array({"10.0.0.2"}));
  CHECK(results[2]["expected"] == nlohmann::json::array({"10.0.0.1"}));
  CHECK(results[3]["answerOwners"] == nlohmann::json::array({"svc.ns.svc.cluster.local"}));
  CHECK(results[1]["warnings"].size() == 1);
}

TEST_CASE("verify::render_json escapes and handles no names", "[verify][report]") {
  Report report;
  NameResult odd{"q.internal", Status::error, {}, {}, {}, {"say \"hi\"\\\n\x01"}, "bad\tthing", ""};
  report.results = {odd};
  const auto document = nlohmann::json::parse(render_json(report));
  CHECK(document["results"][0]["warnings"][0] == "say \"hi\"\\\n\x01");
  CHECK(document["results"][0]["message"] == "ERROR bad\tthing");
  const auto empty = nlohmann::json::parse(render_json(Report{}));
  CHECK(empty["results"].empty());
  CHECK(empty["summary"]["total"] == 0);
}

TEST_CASE("verify::render_junit", "[verify][report]") {
  const std::string xml = render_junit(sample_report());
  CHECK(xml.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", 0) == 0);
  CHECK(attributes(xml, "testsuites", "tests") == std::vector<std::string>{"5"});
  CHECK(attributes(xml, "testsuite", "failures") == std::vector<std::string>{"3"});
  CHECK(attributes(xml, "testsuite", "time") == std::vector<std::string>{"5.200"});
  CHECK(attributes(xml, "testcase", "name") == std::vector<std::string>{"a.internal", "w.internal",
                                                                        "b.internal", "c.internal",
                                                                        "d&lt;&amp;&gt;.internal"});
  CHECK(attributes(xml, "failure", "type") ==
        std::vector<std::string>{"MISMATCH", "OWNER_MISMATCH", "NXDOMAIN"});
  CHECK(xml.find("<system-err>AAAA query answered NXDOMAIN") != std::string::npos);
  // Every element that opens is closed: the reporters reject anything else.
  const auto count = [&](const std::string& text) {
    std::size_t n = 0;
    for (auto at = xml.find(text); at != std::string::npos; at = xml.find(text, at + 1)) {
      ++n;
    }
    return n;
  };
  CHECK(count("<testcase ") == 5);
  CHECK(count("</testcase>") + count("\"/>\n") - count("<failure ") == 5);
  CHECK(count("<testsuite ") == count("</testsuite>"));
}

TEST_CASE("verify::render_text in colour", "[verify][report]") {
  const std::string plain = render_text(sample_report());
  const std::string coloured = render_text(sample_report(), Colour::on);
  CHECK(coloured.find("\033[32mPASS\033[0m") != std::string::npos);
  CHECK(coloured.find("\033[31mNXDOMAIN\033[0m") != std::string::npos);
  CHECK(coloured.find("\033[33mwarning:\033[0m") != std::string::npos);
  // Without the escapes it is the same table: colour never moves a column.
  std::string stripped;
  for (std::size_t i = 0; i < coloured.size(); ++i) {
    if (coloured[i] == '\033') {
      i = coloured.find('m', i);
      continue;
    }
    stripped += coloured[i];
  }
  CHECK(stripped == plain);
  CHECK(plain.find('\033') == std::string::npos);
}

TEST_CASE("verify::render_text", "[verify][report]") {
  const std::string text = render_text(sample_report());
  struct Row {
    std::string needle;
  };
  const Row rows[] = {
      {"NAME"},
      {"b.internal      MISMATCH got 10.0.0.2; want 10.0.0.1"},  // SPEC §3.5: both
      {"  warning: AAAA query answered NXDOMAIN although A has addresses\n"},
      {"2/5 names pass, 3 fail (1 MISMATCH, 1 NXDOMAIN, 1 OWNER_MISMATCH); 1 name has warnings; "
       "2 rounds in 5.2s\n"},
  };
  for (const Row& row : rows) {
    INFO(text);
    CHECK(text.find(row.needle) != std::string::npos);
  }
  CHECK(text.find(" \n") == std::string::npos);

  // A tenant's ServiceEntry host with terminal escapes (issue #17) is printed escaped.
  Report hostile = sample_report();
  hostile.results.front().name = "a\x1b]0;pwned\x07.internal";
  const std::string escaped = render_text(hostile);
  CHECK(escaped.find('\x1b') == std::string::npos);
  CHECK(escaped.find("a^[]0;pwned^G.internal   PASS") != std::string::npos);
}

}  // namespace meshdns::verify
