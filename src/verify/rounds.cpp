#include <meshdns/verify/rounds.hpp>

#include <algorithm>
#include <map>
#include <string_view>

namespace meshdns::verify {
namespace {

using std::chrono::duration_cast;
using std::chrono::milliseconds;

std::vector<std::size_t> failing(const std::vector<NameResult>& results) {
  std::vector<std::size_t> indices;
  for (std::size_t i = 0; i < results.size(); ++i) {
    if (!passed(results[i].status)) {
      indices.push_back(i);
    }
  }
  return indices;
}

}  // namespace

std::size_t Report::passed() const {
  return static_cast<std::size_t>(
      std::count_if(results.begin(), results.end(),
                    [](const NameResult& r) { return verify::passed(r.status); }));
}

bool Report::has_replicas() const {
  return std::any_of(results.begin(), results.end(),
                     [](const NameResult& r) { return !r.replica.empty(); });
}

NameTally Report::names() const {
  std::map<std::string_view, bool> passing;  // name -> every replica so far passes
  for (const NameResult& result : results) {
    auto [at, added] = passing.emplace(result.name, true);
    at->second = at->second && verify::passed(result.status);
  }
  NameTally tally;
  tally.total = passing.size();
  tally.passed = static_cast<std::size_t>(std::count_if(
      passing.begin(), passing.end(), [](const auto& entry) { return entry.second; }));
  return tally;
}

std::size_t Report::warned() const {
  return static_cast<std::size_t>(std::count_if(
      results.begin(), results.end(), [](const NameResult& r) { return !r.warnings.empty(); }));
}

Report run_rounds(const std::vector<Expectation>& expectations, Checker& checker, Clock& clock,
                  const Schedule& schedule, const std::function<void(const Progress&)>& on_round) {
  const Clock::TimePoint start = clock.now();
  const Clock::TimePoint deadline = start + schedule.timeout;
  Report report;
  std::vector<const Expectation*> batch;
  batch.reserve(expectations.size());
  for (const auto& expectation : expectations) {
    batch.push_back(&expectation);
  }
  report.results = checker.check(batch);
  std::vector<std::size_t> pending = failing(report.results);
  for (report.rounds = 1;; ++report.rounds) {
    const Clock::TimePoint next_round = clock.now() + schedule.interval;
    const bool last = pending.empty() || next_round > deadline;
    if (on_round) {
      const auto left =
          last ? milliseconds{0} : duration_cast<milliseconds>(deadline - clock.now());
      on_round(Progress{report.rounds, expectations.size() - pending.size(), expectations.size(),
                        std::max(left, milliseconds{0}), last});
    }
    if (last) {
      break;
    }
    clock.sleep_until(next_round);
    batch.clear();
    for (const std::size_t index : pending) {
      batch.push_back(&expectations[index]);
    }
    std::vector<NameResult> rechecked = checker.check(batch);
    for (std::size_t i = 0; i < pending.size(); ++i) {
      report.results[pending[i]] = std::move(rechecked[i]);
    }
    pending = failing(report.results);
  }
  report.elapsed = duration_cast<milliseconds>(clock.now() - start);
  return report;
}

}  // namespace meshdns::verify
