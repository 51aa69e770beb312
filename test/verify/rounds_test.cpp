#include <meshdns/verify/rounds.hpp>

#include <catch2/catch.hpp>

#include <map>
#include <string>
#include <vector>

namespace meshdns::verify {
namespace {

using namespace std::chrono_literals;

// Each name passes from a given round on (0: never); records which names each round asked about.
class ScriptedChecker final : public Checker {
 public:
  explicit ScriptedChecker(std::map<std::string, int> passes_from)
      : m_passes_from(std::move(passes_from)) {}

  std::vector<NameResult> check(const std::vector<const Expectation*>& batch) override {
    ++m_round;
    std::vector<std::string> asked;
    std::vector<NameResult> results;
    for (const auto* expectation : batch) {
      asked.push_back(expectation->name);
      const int from = m_passes_from.at(expectation->name);
      NameResult result;
      result.name = expectation->name;
      result.status = from != 0 && m_round >= from ? Status::pass : Status::nxdomain;
      results.push_back(result);
    }
    m_asked.push_back(asked);
    return results;
  }
  const std::vector<std::vector<std::string>>& asked() const { return m_asked; }

 private:
  std::map<std::string, int> m_passes_from;
  std::vector<std::vector<std::string>> m_asked;
  int m_round = 0;
};

class FakeClock final : public Clock {
 public:
  TimePoint now() override { return m_now; }
  void sleep_until(TimePoint when) override { m_now = std::max(m_now, when); }

 private:
  TimePoint m_now{};
};

std::vector<Expectation> names(const std::vector<std::string>& list) {
  std::vector<Expectation> out;
  for (const auto& name : list) {
    out.push_back({name, {}, "test", {}, {}});
  }
  return out;
}

}  // namespace

TEST_CASE("verify::run_rounds", "[verify]") {
  struct Row {
    std::string label;
    Schedule schedule;
    std::map<std::string, int> passes_from;
    int rounds;
    std::size_t passed;
    std::vector<std::size_t> asked_per_round;
  };
  const Row rows[] = {
      {"one round by default", {0ms, 5s}, {{"a", 1}, {"b", 0}}, 1, 1, {2}},
      {"stops as soon as all pass", {20s, 5s}, {{"a", 1}, {"b", 3}}, 3, 2, {2, 1, 1}},
      {"re-checks only the failing names until time is up",
       {20s, 5s},
       {{"a", 1}, {"b", 0}, {"c", 2}},
       5,
       2,
       {3, 2, 1, 1, 1}},
      {"a timeout shorter than the interval allows one round", {3s, 5s}, {{"a", 0}}, 1, 0, {1}},
  };
  for (const Row& row : rows) {
    INFO(row.label);
    std::vector<std::string> list;
    for (const auto& [name, from] : row.passes_from) {
      list.push_back(name);
    }
    const std::vector<Expectation> expectations = names(list);
    ScriptedChecker checker(row.passes_from);
    FakeClock clock;
    std::vector<Progress> progress;
    const Report report = run_rounds(expectations, checker, clock, row.schedule,
                                     [&](const Progress& p) { progress.push_back(p); });
    CHECK(report.rounds == row.rounds);
    CHECK(report.passed() == row.passed);
    CHECK(report.results.size() == list.size());
    std::vector<std::size_t> asked;
    for (const auto& round : checker.asked()) {
      asked.push_back(round.size());
    }
    CHECK(asked == row.asked_per_round);
    REQUIRE(progress.size() == static_cast<std::size_t>(row.rounds));
    CHECK(progress.back().last);
    CHECK(progress.back().passed == row.passed);
    for (std::size_t i = 0; i < report.results.size(); ++i) {
      CHECK(report.results[i].name == list[i]);  // input order kept across rounds
    }
  }
}

}  // namespace meshdns::verify
