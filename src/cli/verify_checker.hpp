#pragma once

// The verify core's interfaces bound to the real world: c-ares for the lookups, the steady clock
// for the rounds.

#include <meshdns/dns/resolver.hpp>
#include <meshdns/verify/rounds.hpp>

namespace meshdns::cli {

// Asks A and AAAA for every name of a batch in one resolve() call, so the whole batch shares the
// in-flight window, then judges each name.
class DnsChecker final : public verify::Checker {
 public:
  explicit DnsChecker(dns::Resolver& resolver) : m_resolver(resolver) {}
  std::vector<verify::NameResult> check(
      const std::vector<const verify::Expectation*>& batch) override;

 private:
  dns::Resolver& m_resolver;
};

class SteadyClock final : public verify::Clock {
 public:
  TimePoint now() override;
  void sleep_until(TimePoint when) override;
};

}  // namespace meshdns::cli
