#pragma once

// The strict stand-in Kubernetes API server (test/apiserver/standin.py) for Catch2 tests.
// Constructing an ApiServer makes a fresh temp dir with a CA, a server certificate for
// 127.0.0.1/localhost and a client certificate (user "meshdns-test", group system:masters),
// starts the stand-in on a free port and waits until it listens; the destructor stops it and
// removes the dir. Tests should first check ApiServer::available() with MESHDNS_SKIP_UNLESS.

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

namespace meshdns::test {

struct ApiServerOptions {
  std::vector<std::string> seed_files;   // YAML files (multi-document) loaded at start
  std::chrono::milliseconds latency{0};  // added to every API request
  bool plain_http = false;               // serve http:// (credentials then must not be sent)
  bool anonymous_auth = true;            // false: no credentials -> 401 everywhere
  std::vector<std::string> extra_args;   // passed to standin.py as they are
};

enum class KubeconfigAuth { token, client_certificate };

class ApiServer {
 public:
  // Throws std::runtime_error (with the stand-in's output) when it cannot start within 10 s.
  explicit ApiServer(ApiServerOptions options = {});
  ~ApiServer();
  ApiServer(const ApiServer&) = delete;
  ApiServer& operator=(const ApiServer&) = delete;

  // /usr/bin/python3 (with PyYAML) and openssl are installed.
  static bool available();

  std::uint16_t port() const { return m_port; }
  const std::string& base_url() const { return m_base_url; }  // https://127.0.0.1:PORT
  const std::string& dir() const { return m_dir; }
  std::string ca_path() const { return m_dir + "/ca.crt"; }
  std::string client_cert_path() const { return m_dir + "/client.crt"; }
  std::string client_key_path() const { return m_dir + "/client.key"; }
  const std::string& token() const { return m_token; }

  // Writes a kubeconfig (cluster, user and context all named "standin", with this namespace)
  // for the server, verifying TLS with ca_path(); returns its path inside dir().
  std::string write_kubeconfig(KubeconfigAuth auth = KubeconfigAuth::token,
                               const std::string& namespace_name = "default") const;

  // Fault injection: the next `count` requests (-1: all) whose path matches path_regex (and
  // method, when not empty) get a Status with this code, reason to match and this message
  // instead of being served (429 and 503 carry Retry-After: 1).
  void inject_fault(const std::string& path_regex, int status, int count = 1,
                    const std::string& method = "",
                    const std::string& message = "injected fault") const;
  // The next `count` matching requests (-1: all) are answered with these raw bytes and status,
  // as a hostile or broken server might answer (application/json, whatever `body` holds).
  void inject_answer(const std::string& path_regex, const std::string& body, int count = -1,
                     int status = 200) const;
  // The next `count` matching requests get no answer: the connection is closed.
  void drop_connections(const std::string& path_regex, int count = 1) const;
  void set_latency(std::chrono::milliseconds latency) const;
  // Replaces the accepted bearer tokens (token() included only if listed), e.g. to revoke one
  // and see a client refresh its exec-plugin credentials after the 401.
  void set_tokens(const std::vector<std::string>& tokens) const;
  // Clears faults and the request log (objects stay).
  void reset() const;
  // The request log as JSON: {"requests":[{"method","path","query","headers","body","user",
  // "status"}]}; Authorization and Cookie headers read "<redacted>".
  std::string requests_json() const;

 private:
  std::string control(const std::string& method, const std::string& path,
                      const std::string& body = "") const;
  void stop();

  std::string m_dir;
  std::string m_token;
  std::string m_base_url;
  std::uint16_t m_port = 0;
  pid_t m_pid = -1;
};

}  // namespace meshdns::test
