#pragma once

// The DNS edge: many A/AAAA queries at once through c-ares, with a bounded number in flight.
// c-ares stays behind a pimpl so no other module sees <ares.h>.

#include <meshdns/dns/answer.hpp>
#include <meshdns/dns/server.hpp>
#include <meshdns/result.hpp>

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace meshdns::dns {

enum class Transport : bool { udp, tcp };

// Where DNS over TCP goes when it does not go over the network: returns a connected stream socket
// that the resolver then owns (a port-forward's local end, say), or -1 with errno set.
using StreamOpener = std::function<int()>;

struct ResolverOptions {
  std::vector<ServerAddress> servers;  // empty: the system's (/etc/resolv.conf), as a CI pod sees
  Transport transport = Transport::udp;
  std::chrono::milliseconds query_timeout{2000};  // first try; c-ares backs off on later tries
  int tries = 2;                                  // sends per query, per server
  std::size_t concurrency = 100;                  // queries in flight at most
  // When set: every query goes over TCP through the streams it opens (servers are ignored), via
  // c-ares's socket functions, so the resolver code is the same as for --tcp.
  StreamOpener open_stream;
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

  struct Impl;  // c-ares's side, defined in resolver.cpp (its C callbacks reach it)

 private:
  explicit Resolver(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> m_impl;
};

}  // namespace meshdns::dns
