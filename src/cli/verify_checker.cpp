#include "cli/verify_checker.hpp"

#include <thread>

namespace meshdns::cli {

std::vector<verify::NameResult> DnsChecker::check(
    const std::vector<const verify::Expectation*>& batch) {
  std::vector<dns::Question> questions;
  questions.reserve(batch.size() * 2);
  for (const auto* expectation : batch) {
    questions.push_back({expectation->name, dns::RecordType::a});
    questions.push_back({expectation->name, dns::RecordType::aaaa});
  }
  const std::vector<dns::Answer> answers = m_resolver.resolve(questions);
  std::vector<verify::NameResult> results;
  results.reserve(batch.size());
  for (std::size_t i = 0; i < batch.size(); ++i) {
    results.push_back(verify::judge(*batch[i], answers[2 * i], answers[2 * i + 1]));
  }
  return results;
}

SteadyClock::TimePoint SteadyClock::now() {
  return std::chrono::steady_clock::now();
}

void SteadyClock::sleep_until(TimePoint when) {
  std::this_thread::sleep_until(when);
}

}  // namespace meshdns::cli
