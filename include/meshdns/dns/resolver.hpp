#pragma once

// The DNS edge: many A/AAAA queries at once through c-ares, with a bounded number in flight.
// c-ares stays behind a pimpl so no other module sees <ares.h>.

#include <meshdns/dns/answer.hpp>
#include <meshdns/dns/server.hpp>
#include <meshdns/result.hpp>

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>
#include <vector>

namespace meshdns::dns {

enum class Transport : bool { udp, tcp };

struct ResolverOptions {
  std::vector<ServerAddress> servers;  // empty: the system's (/etc/resolv.conf), as a CI pod sees
  Transport transport = Transport::udp;
  std::chrono::milliseconds query_timeout{2000};  // first try; c-ares backs off on later tries
  int tries = 2;                                  // sends per query, per server
  std::size_t concurrency = 100;                  // queries in flight at most
};

struct Question {
  std::string name;  // absolute name, no final dot; never expanded with search domains
  RecordType type = RecordType::a;
};

class Resolver {
 public:
  // Fails with Errc::config when the system resolver configuration cannot be read or c-ares
  // rejects the servers.
  static Result<Resolver> create(const ResolverOptions& options);

  Resolver(Resolver&&) noexcept;
  Resolver& operator=(Resolver&&) noexcept;
  ~Resolver();

  // Asks every question; answers[i] is the answer to questions[i]. Blocks until all are answered
  // or have timed out. A failed query is an Answer with its Outcome, never an Error.
  std::vector<Answer> resolve(const std::vector<Question>& questions);

 private:
  struct Impl;
  explicit Resolver(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> m_impl;
};

}  // namespace meshdns::dns
