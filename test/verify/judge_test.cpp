#include <meshdns/verify/judge.hpp>

#include <catch2/catch.hpp>

#include <string>
#include <vector>

namespace meshdns::verify {
namespace {

using dns::Answer;
using dns::Outcome;
using dns::RecordType;

Answer answer(std::vector<dns::Record> records) {
  return {Outcome::answer, std::move(records), ""};
}
Answer outcome(Outcome kind) {
  return {kind, {}, ""};
}

}  // namespace

TEST_CASE("verify::judge", "[verify]") {
  struct Row {
    std::string label;
    std::vector<std::string> want;
    Answer a;
    Answer aaaa;
    std::string verdict;  // describe()
    std::size_t warnings;
  };
  const Row rows[] = {
      {"any address passes without expectations",
       {},
       answer({{"q.internal", RecordType::a, "10.0.0.1"}}),
       outcome(Outcome::nodata),
       "PASS",
       0},
      {"expected address",
       {"10.0.0.1"},
       answer({{"q.internal", RecordType::a, "10.0.0.1"}}),
       outcome(Outcome::nodata),
       "PASS",
       0},
      {"A and AAAA together",
       {"10.0.0.1", "fd00::1"},
       answer({{"q.internal", RecordType::a, "10.0.0.1"}}),
       answer({{"q.internal", RecordType::aaaa, "fd00::1"}}),
       "PASS",
       0},
      {"other addresses",
       {"10.0.0.1"},
       answer(
           {{"q.internal", RecordType::a, "10.0.0.3"}, {"q.internal", RecordType::a, "10.0.0.2"}}),
       outcome(Outcome::nodata),
       "MISMATCH got 10.0.0.2, 10.0.0.3; want 10.0.0.1",
       0},
      {"one extra address",
       {"10.0.0.1"},
       answer(
           {{"q.internal", RecordType::a, "10.0.0.1"}, {"q.internal", RecordType::a, "10.0.0.9"}}),
       outcome(Outcome::nodata),
       "MISMATCH got 10.0.0.1, 10.0.0.9; want 10.0.0.1",
       0},
      {"a CNAME chain from the question is followed",
       {"10.0.0.1"},
       answer({{"q.internal", RecordType::cname, "mid.internal"},
               {"mid.internal", RecordType::cname, "target.internal"},
               {"target.internal", RecordType::a, "10.0.0.1"}}),
       outcome(Outcome::nodata),
       "PASS",
       0},
      {"a rewritten answer: the owner is not the question",
       {},
       answer({{"svc.ns.svc.cluster.local", RecordType::a, "10.0.0.1"}}),
       outcome(Outcome::nodata),
       "OWNER_MISMATCH answer owner svc.ns.svc.cluster.local, question q.internal",
       0},
      {"a CNAME that does not start at the question",
       {},
       answer({{"other.internal", RecordType::cname, "target.internal"},
               {"target.internal", RecordType::a, "10.0.0.1"}}),
       outcome(Outcome::nodata),
       "OWNER_MISMATCH answer owner target.internal, question q.internal",
       0},
      {"a CNAME loop gives no address",
       {},
       answer({{"q.internal", RecordType::cname, "r.internal"},
               {"r.internal", RecordType::cname, "q.internal"}}),
       outcome(Outcome::nodata),
       "NODATA",
       0},
      {"AAAA NXDOMAIN next to an A answer warns",
       {},
       answer({{"q.internal", RecordType::a, "10.0.0.1"}}),
       outcome(Outcome::nxdomain),
       "PASS",
       1},
      {"AAAA SERVFAIL next to an A answer warns",
       {},
       answer({{"q.internal", RecordType::a, "10.0.0.1"}}),
       outcome(Outcome::servfail),
       "PASS",
       1},
      {"both NXDOMAIN", {}, outcome(Outcome::nxdomain), outcome(Outcome::nxdomain), "NXDOMAIN", 0},
      {"both NODATA", {}, outcome(Outcome::nodata), outcome(Outcome::nodata), "NODATA", 0},
      {"A NODATA, AAAA SERVFAIL says more",
       {},
       outcome(Outcome::nodata),
       outcome(Outcome::servfail),
       "SERVFAIL",
       0},
      {"A REFUSED", {}, outcome(Outcome::refused), outcome(Outcome::refused), "REFUSED", 0},
      {"A TIMEOUT",
       {"10.0.0.1"},
       outcome(Outcome::timeout),
       outcome(Outcome::nodata),
       "TIMEOUT",
       0},
      {"an error keeps its detail",
       {},
       Answer{Outcome::error, {}, "Connection refused"},
       outcome(Outcome::nodata),
       "ERROR Connection refused",
       0},
  };
  for (const Row& row : rows) {
    INFO(row.label);
    const Expectation expectation{"q.internal", row.want, "test", {}, {}};
    const NameResult result = judge(expectation, row.a, row.aaaa);
    CHECK(describe(result) == row.verdict);
    CHECK(result.warnings.size() == row.warnings);
    CHECK(passed(result.status) == (row.verdict == "PASS"));
  }
}

TEST_CASE("verify::judge carries the expectation's notes as warnings", "[verify]") {
  const Expectation expectation{"q.internal", {}, "test", {"Service moved"}, {}};
  const NameResult result = judge(expectation, answer({{"q.internal", RecordType::a, "10.0.0.1"}}),
                                  outcome(Outcome::nodata));
  CHECK(result.status == Status::pass);
  CHECK(result.warnings == std::vector<std::string>{"Service moved"});
}

}  // namespace meshdns::verify
