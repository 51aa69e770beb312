#include "support/apiserver.hpp"

#include "support/process.hpp"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

extern char** environ;

namespace meshdns::test {
namespace {

namespace fs = std::filesystem;

const std::string k_python = "/usr/bin/python3";  // Debian's, which has PyYAML
const std::string k_standin_dir = MESHDNS_APISERVER_DIR;

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string make_temp_dir() {
  const char* tmp = std::getenv("TMPDIR");
  std::string pattern = std::string(tmp != nullptr ? tmp : "/tmp") + "/meshdns-apiserver-XXXXXX";
  if (::mkdtemp(pattern.data()) == nullptr) {
    throw std::runtime_error("ApiServer: cannot create a temp dir under " + pattern);
  }
  return pattern;
}

std::string random_token() {
  std::ifstream random("/dev/urandom", std::ios::binary);
  unsigned char bytes[16] = {};
  random.read(reinterpret_cast<char*>(bytes), sizeof bytes);
  std::string token = "standin-";
  char hex[3];
  for (unsigned char byte : bytes) {
    std::snprintf(hex, sizeof hex, "%02x", byte);
    token += hex;
  }
  return token;
}

std::string json_quote(const std::string& text) {
  std::string quoted = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') {
      quoted += '\\';
      quoted += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      char escaped[8];
      std::snprintf(escaped, sizeof escaped, "\\u%04x", static_cast<unsigned>(c));
      quoted += escaped;
    } else {
      quoted += c;
    }
  }
  return quoted + "\"";
}

pid_t spawn(const std::vector<std::string>& argv, const std::string& log_path) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, log_path.c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
  std::vector<char*> args;
  for (const std::string& arg : argv) {
    args.push_back(const_cast<char*>(arg.c_str()));
  }
  args.push_back(nullptr);
  pid_t pid = -1;
  const int error = posix_spawn(&pid, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (error != 0) {
    throw std::runtime_error("ApiServer: cannot run " + argv[0]);
  }
  return pid;
}

// make-certs once per test process (it runs eight openssl commands, ~0.2 s): every stand-in
// gets a copy of the same throwaway CA and certificates in its own folder.
class SharedCertificates {
 public:
  SharedCertificates() : m_dir(make_temp_dir()) {
    const ProcessResult certs = run_process({k_standin_dir + "/make-certs", m_dir});
    if (certs.exit_code != 0) {
      std::error_code ignored;
      fs::remove_all(m_dir, ignored);
      throw std::runtime_error("ApiServer: make-certs failed: " + certs.err);
    }
  }
  SharedCertificates(const SharedCertificates&) = delete;
  SharedCertificates& operator=(const SharedCertificates&) = delete;
  ~SharedCertificates() {
    std::error_code ignored;
    fs::remove_all(m_dir, ignored);
  }

  void copy_to(const std::string& dir) const {
    for (const char* name :
         {"ca.crt", "ca.key", "server.crt", "server.key", "client.crt", "client.key"}) {
      fs::copy_file(m_dir + "/" + name, dir + "/" + name);
    }
  }

 private:
  std::string m_dir;
};

void copy_certificates(const std::string& dir) {
  static const SharedCertificates certificates;
  certificates.copy_to(dir);
}

}  // namespace

bool ApiServer::available() {
  return ::access(k_python.c_str(), X_OK) == 0 && !find_program("openssl").empty() &&
         run_process({k_python, "-c", "import yaml"}).exit_code == 0;
}

ApiServer::ApiServer(ApiServerOptions options) : m_dir(make_temp_dir()), m_token(random_token()) {
  try {
    copy_certificates(m_dir);
    const std::string port_file = m_dir + "/port";
    std::vector<std::string> argv{k_python,           k_standin_dir + "/standin.py",
                                  "--port",           "0",
                                  "--port-file",      port_file,
                                  "--cert-dir",       m_dir,
                                  "--token",          m_token,
                                  "--latency-ms",     std::to_string(options.latency.count()),
                                  "--anonymous-auth", options.anonymous_auth ? "true" : "false"};
    for (const std::string& seed : options.seed_files) {
      argv.insert(argv.end(), {"--seed", seed});
    }
    if (options.plain_http) {
      argv.emplace_back("--plain-http");
    }
    argv.insert(argv.end(), options.extra_args.begin(), options.extra_args.end());
    m_pid = spawn(argv, m_dir + "/standin.log");

    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (!fs::exists(port_file)) {
      int status = 0;
      if (::waitpid(m_pid, &status, WNOHANG) == m_pid) {
        m_pid = -1;
        throw std::runtime_error("ApiServer: the stand-in exited: " +
                                 read_file(m_dir + "/standin.log"));
      }
      if (std::chrono::steady_clock::now() > deadline) {
        throw std::runtime_error("ApiServer: the stand-in did not listen within 10 s");
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    m_port = static_cast<std::uint16_t>(std::stoi(read_file(port_file)));
    m_base_url = std::string(options.plain_http ? "http" : "https") +
                 "://127.0.0.1:" + std::to_string(m_port);
  } catch (...) {
    stop();
    throw;
  }
}

ApiServer::~ApiServer() {
  stop();
}

void ApiServer::stop() {
  if (m_pid > 0) {
    ::kill(m_pid, SIGTERM);
    int status = 0;
    ::waitpid(m_pid, &status, 0);
    m_pid = -1;
  }
  std::error_code ignored;
  fs::remove_all(m_dir, ignored);
}

std::string ApiServer::write_kubeconfig(KubeconfigAuth auth,
                                        const std::string& namespace_name) const {
  const bool token = auth == KubeconfigAuth::token;
  const std::string path = m_dir + (token ? "/kubeconfig-token" : "/kubeconfig-cert");
  std::ofstream out(path);
  out << "apiVersion: v1\nkind: Config\nclusters:\n- name: standin\n  cluster:\n"
      << "    server: " << m_base_url << "\n    certificate-authority: " << ca_path() << "\n"
      << "users:\n- name: standin\n  user:\n";
  if (token) {
    out << "    token: " << m_token << "\n";
  } else {
    out << "    client-certificate: " << client_cert_path() << "\n"
        << "    client-key: " << client_key_path() << "\n";
  }
  out << "contexts:\n- name: standin\n  context:\n    cluster: standin\n    user: standin\n"
      << "    namespace: " << namespace_name << "\ncurrent-context: standin\n";
  if (!out.flush()) {
    throw std::runtime_error("ApiServer: cannot write " + path);
  }
  return path;
}

std::string ApiServer::control(const std::string& method, const std::string& path,
                               const std::string& body) const {
  std::vector<std::string> argv{
      k_python, k_standin_dir + "/standinctl", m_base_url, ca_path(), method, path};
  ProcessOptions options;
  if (body.size() > 64 * 1024) {
    argv.emplace_back("-");  // an argument holds at most 128 KiB: big bodies go through stdin
    options.input = body;
  } else if (!body.empty()) {
    argv.push_back(body);
  }
  const ProcessResult result = run_process(argv, options);
  if (result.exit_code != 0) {
    throw std::runtime_error("ApiServer: " + method + " " + path + " failed: " + result.out +
                             result.err);
  }
  return result.out;
}

void ApiServer::inject_fault(const std::string& path_regex, int status, int count,
                             const std::string& method, const std::string& message) const {
  control("POST", "/_standin/faults",
          "{\"path_regex\":" + json_quote(path_regex) + ",\"status\":" + std::to_string(status) +
              ",\"count\":" + std::to_string(count) + ",\"method\":" + json_quote(method) +
              ",\"message\":" + json_quote(message) + "}");
}

void ApiServer::inject_answer(const std::string& path_regex, const std::string& body, int count,
                              int status) const {
  control("POST", "/_standin/faults",
          "{\"path_regex\":" + json_quote(path_regex) + ",\"status\":" + std::to_string(status) +
              ",\"count\":" + std::to_string(count) + ",\"body\":" + json_quote(body) + "}");
}

void ApiServer::drop_connections(const std::string& path_regex, int count) const {
  control("POST", "/_standin/faults",
          "{\"path_regex\":" + json_quote(path_regex) +
              ",\"status\":0,\"count\":" + std::to_string(count) + ",\"drop_connection\":true}");
}

void ApiServer::set_latency(std::chrono::milliseconds latency) const {
  control("POST", "/_standin/latency", "{\"ms\":" + std::to_string(latency.count()) + "}");
}

void ApiServer::set_tokens(const std::vector<std::string>& tokens) const {
  std::string list;
  for (const std::string& token : tokens) {
    list += (list.empty() ? "" : ",") + json_quote(token);
  }
  control("PUT", "/_standin/tokens", "{\"tokens\":[" + list + "]}");
}

void ApiServer::reset() const {
  control("POST", "/_standin/reset");
}

std::string ApiServer::requests_json() const {
  return control("GET", "/_standin/requests");
}

}  // namespace meshdns::test
