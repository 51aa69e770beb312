#pragma once

// Retry rounds: check every name, then re-check only the failing ones every `interval` until all
// pass or `timeout` is spent (DNS changes take a minute or more to reach every server). Pure: the
// DNS lookups, the clock and the progress display come in through interfaces.

#include <meshdns/verify/expectation.hpp>
#include <meshdns/verify/judge.hpp>

#include <chrono>
#include <cstddef>
#include <functional>
#include <vector>

namespace meshdns::verify {

// Resolves a batch of names and judges each; results[i] belongs to batch[i].
class Checker {
 public:
  virtual ~Checker() = default;
  virtual std::vector<NameResult> check(const std::vector<const Expectation*>& batch) = 0;
};

class Clock {
 public:
  using TimePoint = std::chrono::steady_clock::time_point;
  virtual ~Clock() = default;
  virtual TimePoint now() = 0;
  virtual void sleep_until(TimePoint when) = 0;
};

struct Schedule {
  std::chrono::milliseconds timeout{0};  // 0: one round
  std::chrono::milliseconds interval{5000};
};

struct Progress {
  int round = 0;
  std::size_t passed = 0;
  std::size_t total = 0;
  std::chrono::milliseconds left{0};  // until the timeout; 0 when this was the last round
  bool last = false;                  // no further round follows
};

// Names counted once however many replicas were asked: a name passes when every replica passes.
struct NameTally {
  std::size_t passed = 0;
  std::size_t total = 0;
};

struct Report {
  std::vector<NameResult> results;  // in the order the names were given (per replica: see below)
  int rounds = 0;
  std::chrono::milliseconds elapsed{0};

  bool has_replicas() const;  // verify --via-cluster / --pod: one result per name and replica
  NameTally names() const;
  std::size_t passed() const;
  std::size_t warned() const;  // names with at least one warning
  bool all_passed() const { return passed() == results.size(); }
};

Report run_rounds(const std::vector<Expectation>& expectations, Checker& checker, Clock& clock,
                  const Schedule& schedule, const std::function<void(const Progress&)>& on_round);

}  // namespace meshdns::verify
