#pragma once

// Real DNS servers for integration tests: knot (authoritative) and unbound (recursive/forwarding),
// each configured in a temporary folder, started in the foreground on 127.0.0.1 with a
// free port, waited for until it answers, and stopped (SIGTERM, then SIGKILL) when the object dies.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace meshdns::test {

bool have_knot();     // knotd and knotc on PATH (or /usr/sbin)
bool have_unbound();  // unbound
// unbound with its python module and the module's unboundmodule.py (Debian: python3-unbound)
bool have_unbound_python();
bool loopback_has_ipv6();  // ::1 can be bound

// One running server process and its temporary folder.
class DnsServer {
 public:
  DnsServer(const DnsServer&) = delete;
  DnsServer& operator=(const DnsServer&) = delete;
  virtual ~DnsServer();

  std::uint16_t port() const { return m_port; }
  std::string address() const;  // "127.0.0.1:PORT", as --server takes it
  const std::filesystem::path& folder() const { return m_folder; }
  std::string log() const;  // what the server printed, for INFO on failure

 protected:
  DnsServer(std::string program_name, std::filesystem::path folder, std::uint16_t port);
  // Runs argv with output to the log and `environment` ("NAME=value") added to ours; waits until
  // 127.0.0.1:port answers a query. False when the process exited or did not answer in time.
  bool start(const std::vector<std::string>& argv,
             const std::vector<std::string>& environment = {});
  void write_file(const std::string& name, const std::string& text) const;

 private:
  std::string m_program;
  std::filesystem::path m_folder;
  std::uint16_t m_port = 0;
  int m_pid = -1;
};

struct Zone {
  std::string domain;   // "internal"
  std::string records;  // zone-file lines relative to the origin, e.g. "a A 10.0.0.1\n"
  bool broken = false;  // no zone file: knot answers SERVFAIL for every name in it
};

class KnotServer final : public DnsServer {
 public:
  // Authoritative for `zones` on 127.0.0.1 (and ::1 with `listen_ipv6`); REFUSED for other names.
  // Throws std::runtime_error with knotd's log when it does not come up.
  static std::unique_ptr<KnotServer> start(const std::vector<Zone>& zones,
                                           bool listen_ipv6 = false);

  // Rewrites the zone file with a higher serial and reloads it (knotc -b zone-reload).
  void replace_zone(const Zone& zone);

 private:
  using DnsServer::DnsServer;
  std::string zone_file_text(const Zone& zone);
  int m_serial = 1;
};

// One `rewrite name exact ALIAS TARGET` of CoreDNS, and the address its kubernetes plugin answers
// for TARGET.
struct Rewrite {
  std::string alias;    // "my-fruits.internal"
  std::string target;   // "fruits-api-service.micro-shake-factory.svc.cluster.local"
  std::string address;  // "10.96.0.50"
};

// Whose name the A record of a rewritten answer carries: the question's, as CoreDNS >= 1.2.5 writes
// it back for exact rules, or the target's, as earlier releases left it.
enum class AnswerOwner : std::uint8_t { question, target };

class UnboundServer final : public DnsServer {
 public:
  // A resolver without DNSSEC validation and with `extra` appended to its configuration
  // (forward-zone:, local-zone:... clauses). Throws std::runtime_error when it does not come up.
  static std::unique_ptr<UnboundServer> start(const std::string& extra);

  // Answers what a CoreDNS with these rewrite lines sends, byte for byte in the answer section
  // (unbound's python module builds it): ALIAS A -> one A record of ADDRESS owned by `owner`'s
  // name, AA set; ALIAS AAAA -> NOERROR without records. Needs have_unbound_python().
  static std::unique_ptr<UnboundServer> start_rewriting(const std::vector<Rewrite>& rewrites,
                                                        AnswerOwner owner);

 private:
  using DnsServer::DnsServer;
};

// A UDP socket on 127.0.0.1 that receives queries and never answers: the TIMEOUT case.
class SilentUdpServer {
 public:
  SilentUdpServer();
  ~SilentUdpServer();
  SilentUdpServer(const SilentUdpServer&) = delete;
  SilentUdpServer& operator=(const SilentUdpServer&) = delete;
  std::string address() const;

 private:
  int m_fd = -1;
  std::uint16_t m_port = 0;
};

}  // namespace meshdns::test
