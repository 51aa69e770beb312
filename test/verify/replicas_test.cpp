#include <meshdns/verify/expectation.hpp>
#include <meshdns/verify/report.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace meshdns::verify {
namespace {

NameResult result(std::string name, std::string replica, Status status) {
  NameResult out;
  out.name = std::move(name);
  out.replica = std::move(replica);
  out.status = status;
  return out;
}

}  // namespace

TEST_CASE("verify::per_replica", "[verify][replicas]") {
  const std::vector<Expectation> names{{"a.internal", {"10.0.0.1"}, "argument", {}, {}},
                                       {"b.internal", {}, "argument", {"note"}, {}}};
  const auto expanded = per_replica(names, {"kube-system/coredns-a", "kube-system/coredns-b"});
  REQUIRE(expanded.size() == 4);
  // Name by name, each name's replicas together; everything else of the name is kept.
  CHECK(expanded[0].name == "a.internal");
  CHECK(expanded[0].replica == "kube-system/coredns-a");
  CHECK(expanded[1].name == "a.internal");
  CHECK(expanded[1].replica == "kube-system/coredns-b");
  CHECK(expanded[1].addresses == std::vector<std::string>{"10.0.0.1"});
  CHECK(expanded[3].notes == std::vector<std::string>{"note"});
  CHECK(per_replica(names, {}).empty());
}

TEST_CASE("verify::Report::names: a name passes when every replica passes", "[verify][replicas]") {
  Report report;
  report.rounds = 1;
  report.results = {
      result("a.internal", "r1", Status::pass), result("a.internal", "r2", Status::mismatch),
      result("b.internal", "r1", Status::pass), result("b.internal", "r2", Status::pass)};
  CHECK(report.has_replicas());
  CHECK(report.names().total == 2);
  CHECK(report.names().passed == 1);
  CHECK(summary_line(report) ==
        "1/2 names pass on every replica; 3/4 replica checks pass, 1 fail (1 MISMATCH); 1 round "
        "in 0s");

  const std::string text = render_text(report);
  CHECK(text.find("NAME         REPLICA   STATUS") == 0);
  CHECK(text.find("a.internal   r2        MISMATCH got") != std::string::npos);

  const auto json = nlohmann::json::parse(render_json(report));
  CHECK(json["summary"]["names"] == 2);
  CHECK(json["summary"]["namesPassed"] == 1);
  CHECK(json["results"][1]["replica"] == "r2");

  const std::string junit = render_junit(report);
  CHECK(junit.find("<testcase classname=\"dns.r2\" name=\"a.internal\">") != std::string::npos);

  // Without replicas nothing changes: no column, no per-replica fields.
  Report plain;
  plain.results = {result("a.internal", "", Status::pass)};
  CHECK_FALSE(plain.has_replicas());
  CHECK(render_text(plain).find("REPLICA") == std::string::npos);
  CHECK(render_json(plain).find("replica") == std::string::npos);
  CHECK(render_junit(plain).find("classname=\"dns\"") != std::string::npos);
}

}  // namespace meshdns::verify
