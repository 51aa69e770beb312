#include "support/dns_servers.hpp"
#include "support/skip.hpp"

#include <meshdns/dns/resolver.hpp>

#include <arpa/inet.h>
#include <catch2/catch.hpp>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <string>
#include <vector>

namespace meshdns::dns {
namespace {

using namespace std::chrono_literals;
using test::KnotServer;
using test::Zone;

const Zone k_internal{"internal",
                      "a A 10.0.0.1\n"
                      "two A 10.0.0.2\n"
                      "two A 10.0.0.3\n"
                      "six AAAA fd00::1\n"
                      "txt TXT \"only text\"\n"
                      "alias CNAME a\n"};

Resolver make_resolver(const std::string& server, Transport transport = Transport::udp,
                       std::chrono::milliseconds timeout = 2s, int tries = 2) {
  ResolverOptions options;
  options.servers.push_back(*parse_server(server));
  options.transport = transport;
  options.query_timeout = timeout;
  options.tries = tries;
  auto resolver = Resolver::create(options);
  REQUIRE(resolver.has_value());
  return std::move(*resolver);
}

// "owner TYPE value" per record, to compare whole answers in one CHECK.
std::vector<std::string> printed(const Answer& answer) {
  std::vector<std::string> lines;
  for (const auto& record : answer.records) {
    lines.push_back(record.owner + ' ' + to_string(record.type) + ' ' + record.value);
  }
  return lines;
}

struct Row {
  std::string name;
  RecordType type;
  Outcome outcome;
  std::vector<std::string> records;
};

void check_rows(Resolver& resolver, const std::vector<Row>& rows) {
  std::vector<Question> questions;
  for (const Row& row : rows) {
    questions.push_back({row.name, row.type});
  }
  const std::vector<Answer> answers = resolver.resolve(questions);
  REQUIRE(answers.size() == rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    INFO(rows[i].name << ' ' << to_string(rows[i].type) << " -> " << answers[i].detail);
    CHECK(to_string(answers[i].outcome) == std::string(to_string(rows[i].outcome)));
    CHECK(printed(answers[i]) == rows[i].records);
  }
}

const std::vector<Row> k_knot_rows = {
    {"a.internal", RecordType::a, Outcome::answer, {"a.internal A 10.0.0.1"}},
    {"two.internal",
     RecordType::a,
     Outcome::answer,
     {"two.internal A 10.0.0.2", "two.internal A 10.0.0.3"}},
    {"six.internal", RecordType::a, Outcome::nodata, {}},
    {"six.internal", RecordType::aaaa, Outcome::answer, {"six.internal AAAA fd00::1"}},
    {"txt.internal", RecordType::a, Outcome::nodata, {}},
    {"nope.internal", RecordType::aaaa, Outcome::nxdomain, {}},
    {"alias.internal",
     RecordType::a,
     Outcome::answer,
     {"alias.internal CNAME a.internal", "a.internal A 10.0.0.1"}},
    // knot is authoritative for internal. only and refuses the rest
    {"fruits.example", RecordType::a, Outcome::refused, {}},
};

}  // namespace

TEST_CASE("dns::Resolver against knot over UDP and TCP", "[dns][knot]") {
  MESHDNS_SKIP_UNLESS(test::have_knot(), "knotd is not installed");
  const auto knot = KnotServer::start({k_internal});
  for (const Transport transport : {Transport::udp, Transport::tcp}) {
    INFO((transport == Transport::tcp ? "tcp" : "udp") << "; knot log: " << knot->log());
    Resolver resolver = make_resolver(knot->address(), transport);
    check_rows(resolver, k_knot_rows);
  }
}

TEST_CASE("dns::Resolver with an IPv6 server address", "[dns][knot][ipv6]") {
  MESHDNS_SKIP_UNLESS(test::have_knot(), "knotd is not installed");
  if (!test::loopback_has_ipv6()) {
    WARN("SKIPPED: the loopback interface has no IPv6 (::1)");
    return;
  }
  const auto knot = KnotServer::start({k_internal}, /*listen_ipv6=*/true);
  Resolver resolver = make_resolver("[::1]:" + std::to_string(knot->port()));
  check_rows(resolver, {{"a.internal", RecordType::a, Outcome::answer, {"a.internal A 10.0.0.1"}}});
}

TEST_CASE("dns::Resolver SERVFAIL from knot for a zone that did not load", "[dns][knot]") {
  MESHDNS_SKIP_UNLESS(test::have_knot(), "knotd is not installed");
  const auto knot = KnotServer::start({k_internal, {"broken", "", /*broken=*/true}});
  Resolver resolver = make_resolver(knot->address());
  check_rows(resolver, {{"x.broken", RecordType::a, Outcome::servfail, {}},
                        {"a.internal", RecordType::a, Outcome::answer, {"a.internal A 10.0.0.1"}}});
}

TEST_CASE("dns::Resolver through unbound forwarding to knot", "[dns][unbound][knot]") {
  MESHDNS_SKIP_UNLESS(test::have_knot(), "knotd is not installed");
  MESHDNS_SKIP_UNLESS(test::have_unbound(), "unbound is not installed");
  const auto knot = KnotServer::start({k_internal});
  // Like kube-dns forwarding the alias zone to istiocoredns: a chain of two real servers.
  const auto unbound = test::UnboundServer::start(
      "forward-zone:\n  name: \"internal.\"\n"
      "  forward-addr: 127.0.0.1@" +
      std::to_string(knot->port()) + "\n");
  INFO("unbound log: " << unbound->log());
  Resolver resolver = make_resolver(unbound->address());
  check_rows(resolver,
             {
                 {"a.internal", RecordType::a, Outcome::answer, {"a.internal A 10.0.0.1"}},
                 {"alias.internal",
                  RecordType::a,
                  Outcome::answer,
                  {"alias.internal CNAME a.internal", "a.internal A 10.0.0.1"}},
                 {"nope.internal", RecordType::a, Outcome::nxdomain, {}},
                 {"txt.internal", RecordType::a, Outcome::nodata, {}},
             });
}

TEST_CASE("dns::Resolver times out on a server that never answers", "[dns]") {
  const test::SilentUdpServer silent;
  Resolver resolver = make_resolver(silent.address(), Transport::udp, 200ms, 1);
  check_rows(resolver, {{"a.internal", RecordType::a, Outcome::timeout, {}},
                        {"b.internal", RecordType::aaaa, Outcome::timeout, {}}});
}

TEST_CASE("dns::Resolver keeps answers in question order with a small window", "[dns][knot]") {
  MESHDNS_SKIP_UNLESS(test::have_knot(), "knotd is not installed");
  constexpr int k_names = 3000;
  std::string records;
  for (int i = 0; i < k_names; ++i) {
    records += "n" + std::to_string(i) + " A 10.1." + std::to_string(i / 256) + '.' +
               std::to_string(i % 256) + '\n';
  }
  const auto knot = KnotServer::start({{"internal", records}});
  for (const std::size_t window : {std::size_t{1}, std::size_t{64}, std::size_t{256}}) {
    INFO("concurrency " << window);
    ResolverOptions options;
    options.servers.push_back(*parse_server(knot->address()));
    options.concurrency = window;
    auto resolver = Resolver::create(options);
    REQUIRE(resolver.has_value());
    std::vector<Question> questions;
    for (int i = 0; i < k_names; ++i) {
      questions.push_back({"n" + std::to_string(i) + ".internal", RecordType::a});
    }
    const auto answers = resolver->resolve(questions);
    int wrong = 0;
    for (int i = 0; i < k_names; ++i) {
      const auto& records_got = answers[static_cast<std::size_t>(i)].records;
      const std::string want = "10.1." + std::to_string(i / 256) + '.' + std::to_string(i % 256);
      if (records_got.size() != 1 || records_got[0].value != want) {
        ++wrong;
      }
    }
    CHECK(wrong == 0);
  }
}

TEST_CASE("dns::Resolver::create rejects what c-ares cannot use", "[dns]") {
  ResolverOptions options;
  options.servers.push_back({"not-an-address", 53});
  const auto resolver = Resolver::create(options);
  REQUIRE_FALSE(resolver.has_value());
  CHECK(resolver.error().code == Errc::config);
}

}  // namespace meshdns::dns

namespace meshdns::dns {

// ResolverOptions::open_stream (what verify --via-cluster plugs a port-forward into): c-ares asks
// for a stream instead of connecting, and every query goes over it as DNS over TCP.
TEST_CASE("dns::Resolver over streams the caller opens", "[dns][knot]") {
  MESHDNS_SKIP_UNLESS(test::have_knot(), "knotd is not installed");
  const auto knot = KnotServer::start({k_internal});
  int opened = 0;
  ResolverOptions options;
  options.open_stream = [&] {
    ++opened;
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(knot->port());
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
      ::close(fd);
      return -1;
    }
    return fd;
  };
  options.servers.push_back(*parse_server("192.0.2.1:53"));  // ignored: never connected to
  auto resolver = Resolver::create(options);
  REQUIRE(resolver);
  std::vector<Question> questions;
  for (int i = 0; i < 200; ++i) {
    questions.push_back({i % 2 == 0 ? "a.internal" : "two.internal", RecordType::a});
  }
  const auto answers = resolver->resolve(questions);
  for (std::size_t i = 0; i < answers.size(); ++i) {
    INFO(i << ": " << answers[i].detail);
    CHECK(answers[i].outcome == Outcome::answer);
  }
  CHECK(printed(answers[0]) == std::vector<std::string>{"a.internal A 10.0.0.1"});
  CHECK(opened == 1);  // one stream carries every query

  SECTION("a stream that cannot be opened is an ERROR answer, not a hang") {
    ResolverOptions failing;
    failing.query_timeout = 300ms;
    failing.tries = 1;
    failing.open_stream = [] {
      errno = ECONNREFUSED;
      return -1;
    };
    auto refused = Resolver::create(failing);
    REQUIRE(refused);
    const auto answer = refused->resolve({{"a.internal", RecordType::a}});
    CHECK(answer[0].outcome == Outcome::error);
  }
}

}  // namespace meshdns::dns
