#include "support/dns_servers.hpp"

#include "support/net.hpp"
#include "support/process.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace meshdns::test {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

fs::path make_temp_folder(const std::string& prefix) {
  std::string pattern = (fs::temp_directory_path() / (prefix + "-XXXXXX")).string();
  if (::mkdtemp(pattern.data()) == nullptr) {
    throw std::runtime_error("mkdtemp failed for " + pattern);
  }
  return pattern;
}

// True when a DNS message of any kind comes back from 127.0.0.1:port to "localhost. A", which
// every server answers at once (unbound from its built-in zone, knot with REFUSED)
// without recursing.
bool answers_queries(std::uint16_t port) {
  const int fd = ::socket(AF_INET, SOCK_DGRAM, 0);
  if (fd < 0) {
    return false;
  }
  sockaddr_in to{};
  to.sin_family = AF_INET;
  to.sin_port = htons(port);
  to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  // id 0x4d44, RD, one question: "localhost. IN A"
  const std::string query(
      "\x4d\x44\x01\x00\x00\x01\x00\x00\x00\x00\x00\x00"
      "\x09localhost\x00\x00\x01\x00\x01",
      27);
  bool answered = false;
  if (::sendto(fd, query.data(), query.size(), 0, reinterpret_cast<sockaddr*>(&to), sizeof to) ==
      static_cast<ssize_t>(query.size())) {
    pollfd waiting{fd, POLLIN, 0};
    std::array<unsigned char, 512> reply{};
    answered = ::poll(&waiting, 1, 100) == 1 && ::recv(fd, reply.data(), reply.size(), 0) >= 12 &&
               reply[0] == 0x4d && reply[1] == 0x44;
  }
  ::close(fd);
  return answered;
}

std::string read_all(const fs::path& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string sbin_program(const std::string& name) {
  return find_program(name);
}

}  // namespace

bool have_knot() {
  return !sbin_program("knotd").empty() && !sbin_program("knotc").empty();
}
bool have_unbound() {
  return !sbin_program("unbound").empty();
}

bool loopback_has_ipv6() {
  const int fd = ::socket(AF_INET6, SOCK_DGRAM, 0);
  if (fd < 0) {
    return false;
  }
  sockaddr_in6 address{};
  address.sin6_family = AF_INET6;
  address.sin6_addr = in6addr_loopback;
  const bool bound = ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
  ::close(fd);
  return bound;
}

DnsServer::DnsServer(std::string program_name, fs::path folder, std::uint16_t port)
    : m_program(std::move(program_name)), m_folder(std::move(folder)), m_port(port) {}

DnsServer::~DnsServer() {
  if (m_pid > 0) {
    ::kill(m_pid, SIGTERM);
    for (int waited = 0; waited < 50; ++waited) {
      if (::waitpid(m_pid, nullptr, WNOHANG) == m_pid) {
        m_pid = -1;
        break;
      }
      std::this_thread::sleep_for(20ms);
    }
    if (m_pid > 0) {
      ::kill(m_pid, SIGKILL);
      ::waitpid(m_pid, nullptr, 0);
    }
  }
  std::error_code ignored;
  fs::remove_all(m_folder, ignored);
}

std::string DnsServer::address() const {
  return "127.0.0.1:" + std::to_string(m_port);
}

std::string DnsServer::log() const {
  return read_all(m_folder / "server.log");
}

void DnsServer::write_file(const std::string& name, const std::string& text) const {
  std::ofstream out(m_folder / name, std::ios::trunc);
  out << text;
  if (!out.flush()) {
    throw std::runtime_error("cannot write " + (m_folder / name).string());
  }
}

bool DnsServer::start(const std::vector<std::string>& argv,
                      const std::vector<std::string>& environment) {
  const std::string log_path = (m_folder / "server.log").string();
  // Built before fork: the child only execs.
  std::vector<char*> env;
  for (char** variable = environ; *variable != nullptr; ++variable) {
    env.push_back(*variable);
  }
  for (const std::string& variable : environment) {
    env.push_back(const_cast<char*>(variable.c_str()));
  }
  env.push_back(nullptr);
  const pid_t pid = ::fork();
  if (pid < 0) {
    return false;
  }
  if (pid == 0) {
    const int log = ::open(log_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    const int null = ::open("/dev/null", O_RDONLY);
    ::dup2(null, STDIN_FILENO);
    ::dup2(log, STDOUT_FILENO);
    ::dup2(log, STDERR_FILENO);
    std::vector<char*> args;
    for (const auto& arg : argv) {
      args.push_back(const_cast<char*>(arg.c_str()));
    }
    args.push_back(nullptr);
    ::execve(args[0], args.data(), env.data());
    ::_exit(127);
  }
  m_pid = pid;
  const auto deadline = std::chrono::steady_clock::now() + 10s;
  while (std::chrono::steady_clock::now() < deadline) {
    if (::waitpid(m_pid, nullptr, WNOHANG) == m_pid) {
      m_pid = -1;
      return false;
    }
    if (answers_queries(m_port)) {
      return true;
    }
    std::this_thread::sleep_for(20ms);
  }
  return false;
}

std::string KnotServer::zone_file_text(const Zone& zone) {
  const std::string origin = zone.domain + ".";
  std::ostringstream text;
  text << "$ORIGIN " << origin << "\n$TTL 1\n"
       << "@ SOA ns." << origin << " admin." << origin << ' ' << m_serial << " 3600 600 86400 1\n"
       << "@ NS ns." << origin << "\nns A 127.0.0.1\n"
       << zone.records;
  return text.str();
}

std::unique_ptr<KnotServer> KnotServer::start(const std::vector<Zone>& zones, bool listen_ipv6) {
  std::string last_log;
  for (int attempt = 0; attempt < 3; ++attempt) {  // the free port may be taken in between
    const std::uint16_t port = free_dns_port();
    std::unique_ptr<KnotServer> server(new KnotServer("knotd", make_temp_folder("knot"), port));
    const std::string dir = server->folder().string();
    const std::string at = "@" + std::to_string(port);
    std::ostringstream conf;
    conf << "server:\n  rundir: \"" << dir << "\"\n  listen: [ 127.0.0.1" << at
         << (listen_ipv6 ? ", ::1" + at : "") << " ]\n"
         << "control:\n  listen: \"" << dir << "/knot.sock\"\n"
         << "database:\n  storage: \"" << dir << "\"\n"
         << "log:\n  - target: stderr\n    any: warning\n"
         << "template:\n  - id: default\n    storage: \"" << dir << "\"\n"
         << "    zonefile-sync: -1\n    zonefile-load: whole\n    journal-content: none\n"
         << "zone:\n";
    for (const auto& zone : zones) {
      conf << "  - domain: " << zone.domain << "\n    file: \"" << dir << '/' << zone.domain
           << ".zone\"\n";
      if (!zone.broken) {
        server->write_file(zone.domain + ".zone", server->zone_file_text(zone));
      }
    }
    server->write_file("knot.conf", conf.str());
    if (server->DnsServer::start({sbin_program("knotd"), "-c", dir + "/knot.conf"})) {
      return server;
    }
    last_log = server->log();
  }
  throw std::runtime_error("knotd did not start: " + last_log);
}

void KnotServer::replace_zone(const Zone& zone) {
  ++m_serial;
  write_file(zone.domain + ".zone", zone_file_text(zone));
  const auto result = run_process({sbin_program("knotc"), "-s", (folder() / "knot.sock").string(),
                                   "-b", "zone-reload", zone.domain});
  if (result.exit_code != 0) {
    throw std::runtime_error("knotc zone-reload failed: " + result.out + result.err);
  }
}

std::unique_ptr<UnboundServer> UnboundServer::start(const std::string& extra) {
  std::string last_log;
  for (int attempt = 0; attempt < 3; ++attempt) {
    const std::uint16_t port = free_dns_port();
    std::unique_ptr<UnboundServer> server(
        new UnboundServer("unbound", make_temp_folder("unbound"), port));
    const std::string dir = server->folder().string();
    std::ostringstream conf;
    // Root needs username/chroot emptied; the validator is off so no trust anchor is needed;
    // do-not-query-localhost: no lets it forward to the knot on 127.0.0.1.
    conf << "server:\n  interface: 127.0.0.1@" << port << "\n  do-daemonize: no\n"
         << "  username: \"\"\n  chroot: \"\"\n  directory: \"" << dir << "\"\n"
         << "  pidfile: \"\"\n  use-syslog: no\n  logfile: \"\"\n  verbosity: 0\n"
         << "  module-config: \"iterator\"\n  do-not-query-localhost: no\n"
         << "  access-control: 127.0.0.0/8 allow\n  cache-max-ttl: 0\n  cache-max-negative-ttl: 0\n"
         << "  infra-host-ttl: 1\n  outgoing-range: 64\n"
         << "remote-control:\n  control-enable: no\n"
         << extra;
    server->write_file("unbound.conf", conf.str());
    if (server->DnsServer::start({sbin_program("unbound"), "-d", "-c", dir + "/unbound.conf"})) {
      return server;
    }
    last_log = server->log();
  }
  throw std::runtime_error("unbound did not start: " + last_log);
}

namespace {

// Debian's python3-unbound puts the module unbound's embedded interpreter imports first here.
const fs::path k_unbound_python_path = "/usr/lib/python3/dist-packages";

// The python module: for a rewritten name, the answer CoreDNS's rewrite + kubernetes plugins give;
// any other name goes on to the iterator (the tests ask none).
std::string rewriting_module(const std::vector<Rewrite>& rewrites, AnswerOwner owner) {
  std::ostringstream script;
  script << "RULES = {\n";
  for (const Rewrite& rule : rewrites) {
    const std::string& name = owner == AnswerOwner::question ? rule.alias : rule.target;
    script << "    '" << rule.alias << ".': ('" << name << ".', '" << rule.address << "'),\n";
  }
  script << "}\n"
            "def init(id, cfg): return True\n"
            "def deinit(id): return True\n"
            "def inform_super(id, qstate, superqstate, qdata): return True\n"
            "def operate(id, event, qstate, qdata):\n"
            "    if event in (MODULE_EVENT_NEW, MODULE_EVENT_PASS):\n"
            "        rule = RULES.get(qstate.qinfo.qname_str.lower())\n"
            "        if rule is None:\n"
            "            qstate.ext_state[id] = MODULE_WAIT_MODULE\n"
            "            return True\n"
            "        msg = DNSMessage(qstate.qinfo.qname_str, qstate.qinfo.qtype, RR_CLASS_IN,\n"
            "                         PKT_QR | PKT_RA | PKT_AA)\n"
            "        if qstate.qinfo.qtype == RR_TYPE_A:\n"
            "            msg.answer.append('%s 5 IN A %s' % rule)\n"
            "        if not msg.set_return_msg(qstate):\n"
            "            qstate.ext_state[id] = MODULE_ERROR\n"
            "            return True\n"
            "        qstate.return_rcode = RCODE_NOERROR\n"
            "        qstate.return_msg.rep.security = 2\n"
            "        qstate.ext_state[id] = MODULE_FINISHED\n"
            "        return True\n"
            "    if event == MODULE_EVENT_MODDONE:\n"
            "        qstate.ext_state[id] = MODULE_FINISHED\n"
            "        return True\n"
            "    qstate.ext_state[id] = MODULE_ERROR\n"
            "    return True\n";
  return script.str();
}

}  // namespace

bool have_unbound_python() {
  if (!have_unbound() || !fs::exists(k_unbound_python_path / "unboundmodule.py")) {
    return false;
  }
  const ProcessResult version = run_process({sbin_program("unbound"), "-V"});
  return version.out.find("python") != std::string::npos;
}

std::unique_ptr<UnboundServer> UnboundServer::start_rewriting(const std::vector<Rewrite>& rewrites,
                                                              AnswerOwner owner) {
  std::string last_log;
  for (int attempt = 0; attempt < 3; ++attempt) {
    const std::uint16_t port = free_dns_port();
    std::unique_ptr<UnboundServer> server(
        new UnboundServer("unbound", make_temp_folder("unbound-rewrite"), port));
    const std::string dir = server->folder().string();
    server->write_file("rewrite.py", rewriting_module(rewrites, owner));
    std::ostringstream conf;
    conf << "server:\n  interface: 127.0.0.1@" << port << "\n  do-daemonize: no\n"
         << "  username: \"\"\n  chroot: \"\"\n  directory: \"" << dir << "\"\n"
         << "  pidfile: \"\"\n  use-syslog: no\n  logfile: \"\"\n  verbosity: 0\n"
         << "  module-config: \"python iterator\"\n  access-control: 127.0.0.0/8 allow\n"
         << "  cache-max-ttl: 0\n  outgoing-range: 64\n"
         << "remote-control:\n  control-enable: no\n"
         << "python:\n  python-script: \"" << dir << "/rewrite.py\"\n";
    server->write_file("unbound.conf", conf.str());
    if (server->DnsServer::start({sbin_program("unbound"), "-d", "-c", dir + "/unbound.conf"},
                                 {"PYTHONPATH=" + k_unbound_python_path.string()})) {
      return server;
    }
    last_log = server->log();
  }
  throw std::runtime_error("unbound with the python module did not start: " + last_log);
}

SilentUdpServer::SilentUdpServer() {
  m_fd = ::socket(AF_INET, SOCK_DGRAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  if (m_fd < 0 || ::bind(m_fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
      ::getsockname(m_fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    throw std::runtime_error("cannot bind a UDP socket on 127.0.0.1");
  }
  m_port = ntohs(address.sin_port);
}

SilentUdpServer::~SilentUdpServer() {
  ::close(m_fd);
}

std::string SilentUdpServer::address() const {
  return "127.0.0.1:" + std::to_string(m_port);
}

}  // namespace meshdns::test
