#include "support/temp_dir.hpp"

#include <meshdns/kube/credentials.hpp>
#include <meshdns/text.hpp>

#include <catch2/catch.hpp>
#include <sys/socket.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace meshdns::kube {
namespace {

const std::string k_plugin = MESHDNS_SOURCE_DIR "/test/kube/fixtures/exec-plugin.py";
constexpr const char* k_v1 = "client.authentication.k8s.io/v1";
constexpr const char* k_v1beta1 = "client.authentication.k8s.io/v1beta1";

int runs_recorded(const std::string& counter) {
  std::ifstream in(counter);
  int lines = 0;
  for (std::string line; std::getline(in, line);) {
    ++lines;
  }
  return lines;
}

ClientConfig https_config() {
  ClientConfig config;
  config.server = "https://api.example:6443";
  config.ca_pem = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
  return config;
}

ClientConfig exec_config(const std::string& api_version, const std::string& counter,
                         std::vector<std::pair<std::string, std::string>> env) {
  ClientConfig config = https_config();
  ExecConfig exec;
  exec.api_version = api_version;
  exec.command = k_plugin;
  exec.args = {api_version};
  exec.env = std::move(env);
  exec.env.emplace_back("PLUGIN_COUNTER", counter);
  exec.interactive_mode = "Never";
  exec.install_hint = "install it with: brew install get-token";
  config.exec = exec;
  config.auth_method = AuthMethod::exec;
  return config;
}

TEST_CASE("kube::CredentialProvider static", "[kube][credentials]") {
  const test::TempDir dir;
  const std::string token_file = dir.write("token", "  first\n");

  ClientConfig token = https_config();
  token.token = "t0ken";
  ClientConfig file = https_config();
  file.token_file = token_file;
  file.token = "ignored-while-the-file-reads";
  ClientConfig certificate = https_config();
  certificate.client_certificate_pem = "CERT";
  certificate.client_key_pem = "KEY";
  ClientConfig plain = https_config();
  plain.server = "http://api.example";
  plain.plain_http = true;
  plain.token = "never-sent";

  struct Row {
    std::string name;
    ClientConfig config;
    std::string token, certificate, key;
  };
  const Row rows[] = {
      {"none", https_config(), "", "", ""},
      {"token", token, "t0ken", "", ""},
      {"token file wins and is trimmed", file, "first", "", ""},
      {"client certificate", certificate, "", "CERT", "KEY"},
      {"plain http sends nothing", plain, "", "", ""},
  };
  for (const Row& row : rows) {
    INFO(row.name);
    const auto provider = make_credential_provider(row.config);
    const Result<Credentials> credentials = provider->get();
    REQUIRE(credentials);
    CHECK(credentials->bearer_token == row.token);
    CHECK(credentials->client_certificate_pem == row.certificate);
    CHECK(credentials->client_key_pem == row.key);
    CHECK_FALSE(provider->invalidate());  // nothing cached: a retry would send the same
  }

  // The token file is read on every get(): a rotated token is picked up without a restart.
  const auto provider = make_credential_provider(file);
  CHECK(provider->get()->bearer_token == "first");
  dir.write("token", "second");
  CHECK(provider->get()->bearer_token == "second");
  dir.write("token", "\n");
  const Result<Credentials> empty = provider->get();
  REQUIRE_FALSE(empty);
  CHECK(empty.error().what == cat("read empty token from file \"", token_file, "\""));
}

TEST_CASE("kube::CredentialProvider exec caching", "[kube][credentials][exec]") {
  for (const char* version : {k_v1, k_v1beta1}) {
    INFO(version);
    const test::TempDir dir;
    const std::string counter = dir / "runs";
    const auto provider = make_credential_provider(exec_config(version, counter, {}));

    // No expirationTimestamp: one run serves every request until a 401.
    for (int request = 0; request < 5; ++request) {
      const Result<Credentials> credentials = provider->get();
      REQUIRE(credentials);
      CHECK(credentials->bearer_token == "token-1");
    }
    CHECK(runs_recorded(counter) == 1);
    CHECK(provider->invalidate());
    CHECK(provider->get()->bearer_token == "token-2");
    CHECK(provider->get()->bearer_token == "token-2");
    CHECK(runs_recorded(counter) == 2);
  }
}

TEST_CASE("kube::CredentialProvider exec expiry", "[kube][credentials][exec]") {
  struct Row {
    std::string expiry;
    int runs_after_three_gets;
  };
  const Row rows[] = {
      {"2999-01-01T00:00:00Z", 1},
      {"2999-01-01T00:00:00.123456+02:00", 1},
      {"2000-01-01T00:00:00Z", 3},  // already expired: every get() runs the plugin again
  };
  for (const Row& row : rows) {
    INFO(row.expiry);
    const test::TempDir dir;
    const std::string counter = dir / "runs";
    const auto provider =
        make_credential_provider(exec_config(k_v1, counter, {{"PLUGIN_EXPIRY", row.expiry}}));
    for (int request = 1; request <= 3; ++request) {
      REQUIRE(provider->get());
    }
    CHECK(runs_recorded(counter) == row.runs_after_three_gets);
  }
}

TEST_CASE("kube::CredentialProvider exec concurrent gets share one run",
          "[kube][credentials][exec]") {
  const test::TempDir dir;
  const std::string counter = dir / "runs";
  const auto provider = make_credential_provider(exec_config(k_v1, counter, {}));
  std::vector<std::thread> requests;
  for (int i = 0; i < 8; ++i) {
    requests.emplace_back([&provider] { (void)provider->get(); });
  }
  for (std::thread& request : requests) {
    request.join();
  }
  CHECK(runs_recorded(counter) == 1);
}

TEST_CASE("kube::CredentialProvider exec answers", "[kube][credentials][exec]") {
  struct Row {
    std::string name;
    std::vector<std::pair<std::string, std::string>> env;
    bool provide_cluster_info;
    std::string token, certificate, error;  // error: the expected "what"
  };
  // clang-format off
  const Row rows[] = {
      {"token", {}, false, "token-1", "", ""},
      {"cluster info withheld", {{"PLUGIN_EXPECT_SERVER", "absent"}}, false, "token-1", "", ""},
      {"cluster info given", {{"PLUGIN_EXPECT_SERVER", "https://api.example:6443"}}, true,
       "token-1", "", ""},
      {"certificate pair", {{"PLUGIN_MODE", "cert"}}, false, "", "CERT-1", ""},
      {"exits non-zero", {{"PLUGIN_MODE", "fail"}}, false, "", "",
       cat("getting credentials: exec: executable ", k_plugin, " failed with exit code 4")},
      {"wrong apiVersion", {{"PLUGIN_MODE", "wrong-version"}}, false, "", "",
       "getting credentials: exec plugin is configured to use API version "
       "client.authentication.k8s.io/v1, plugin returned version "
       "client.authentication.k8s.io/v1alpha1"},
      {"no status", {{"PLUGIN_MODE", "no-status"}}, false, "", "",
       "getting credentials: exec plugin didn't return a status field"},
      {"key without certificate", {{"PLUGIN_MODE", "key-only"}}, false, "", "",
       "getting credentials: exec plugin returned only certificate or key, not both"},
      {"token not a string", {{"PLUGIN_MODE", "number-token"}}, false, "", "",
       "getting credentials: decoding stdout: status.token is not a string"},
      {"bad expiry", {{"PLUGIN_EXPIRY", "tomorrow"}}, false, "", "",
       "getting credentials: decoding stdout: invalid expirationTimestamp \"tomorrow\""},
  };
  // clang-format on
  for (const Row& row : rows) {
    INFO(row.name);
    const test::TempDir dir;
    ClientConfig config = exec_config(k_v1, dir / "runs", row.env);
    config.exec->provide_cluster_info = row.provide_cluster_info;
    const Result<Credentials> credentials = make_credential_provider(config)->get();
    if (!row.error.empty()) {
      REQUIRE_FALSE(credentials);
      CHECK(credentials.error().what == row.error);
      CHECK(credentials.error().code == Errc::unauthorized);
      continue;
    }
    REQUIRE(credentials);
    CHECK(credentials->bearer_token == row.token);
    CHECK(credentials->client_certificate_pem == row.certificate);
  }
}

TEST_CASE("kube::CredentialProvider exec failures name the command and the hint",
          "[kube][credentials][exec]") {
  const test::TempDir dir;
  ClientConfig missing = exec_config(k_v1, dir / "runs", {});
  missing.exec->command = "meshdns-no-such-credential-plugin";
  const Result<Credentials> not_found = make_credential_provider(missing)->get();
  REQUIRE_FALSE(not_found);
  CHECK(not_found.error().what ==
        "getting credentials: exec: executable meshdns-no-such-credential-plugin not found");
  CHECK(not_found.error().fix == "install it with: brew install get-token");

  ClientConfig failing = exec_config(k_v1, dir / "runs", {{"PLUGIN_MODE", "fail"}});
  failing.exec->install_hint = "line one\nline two";
  const Result<Credentials> failed = make_credential_provider(failing)->get();
  REQUIRE_FALSE(failed);
  CHECK(failed.error().fix == "line one line two");  // one line, as every error
  CHECK(format_error(failed.error()).find(k_plugin) != std::string::npos);

  if (::isatty(STDIN_FILENO) == 0) {
    ClientConfig always = exec_config(k_v1, dir / "runs", {});
    always.exec->interactive_mode = "Always";
    const Result<Credentials> refused = make_credential_provider(always)->get();
    REQUIRE_FALSE(refused);
    CHECK(refused.error().what ==
          "getting credentials: exec plugin cannot support interactive mode: standard input is "
          "not a terminal");
    // IfAvailable without a terminal runs non-interactively (the plugin checks spec.interactive).
    ClientConfig if_available = exec_config(k_v1, dir / "runs", {});
    if_available.exec->interactive_mode = "IfAvailable";
    CHECK(make_credential_provider(if_available)->get());
  }
}

// Issue #17: a token with CR LF was pasted into "Authorization:", and the server received the
// token's own "Impersonate-User: system:admin" header line. kubectl (Go's net/http) refuses it.
TEST_CASE("kube::CredentialProvider refuses tokens a header cannot hold",
          "[kube][credentials][hardening]") {
  const test::TempDir dir;
  const std::string injected = "t0ken\r\nImpersonate-User: system:admin";
  ClientConfig token = https_config();
  token.token = injected;
  ClientConfig file = https_config();
  file.token_file = dir.write("token", injected + "\n");
  ClientConfig escape = https_config();
  escape.token = std::string("a\x1b[2Jb");
  ClientConfig plugin = exec_config(k_v1, dir / "runs", {{"PLUGIN_MODE", "header-injection"}});

  struct Row {
    std::string name;
    ClientConfig config;
    std::string what, why;
  };
  const Row rows[] = {
      {"kubeconfig token", token, "invalid bearer token from the kubeconfig user's token",
       "it contains the control character 0x0d at byte 6, which a header value cannot hold"},
      {"token file", file, cat("invalid bearer token from token file \"", file.token_file, "\""),
       "it contains the control character 0x0d at byte 6, which a header value cannot hold"},
      {"escape", escape, "invalid bearer token from the kubeconfig user's token",
       "it contains the control character 0x1b at byte 2, which a header value cannot hold"},
      {"exec plugin", plugin, cat("invalid bearer token from exec plugin ", k_plugin),
       "it contains the control character 0x0d at byte 8, which a header value cannot hold"},
  };
  for (const Row& row : rows) {
    INFO(row.name);
    const Result<Credentials> credentials = make_credential_provider(row.config)->get();
    REQUIRE_FALSE(credentials);
    CHECK(credentials.error().code == Errc::config);
    CHECK(credentials.error().what == row.what);
    CHECK(credentials.error().why == row.why);
    CHECK(format_error(credentials.error()).find("Impersonate") == std::string::npos);
  }
  ClientConfig tab = https_config();
  tab.token = "a\tb";  // HTAB is allowed in a header value (RFC 9110), as Go allows it
  CHECK(make_credential_provider(tab)->get());
}

// Issue #17: the plugin inherited the API server's sockets and curl's socket pair. Under kubectl
// it sees only 0-2; here too, whatever the process has open without close-on-exec.
TEST_CASE("kube::CredentialProvider exec plugins see only stdin, stdout and stderr",
          "[kube][credentials][exec][hardening]") {
  const test::TempDir dir;
  int leaky[2];
  REQUIRE(::pipe(leaky) == 0);  // as a library might: no O_CLOEXEC
  const int socket = ::socket(AF_INET, SOCK_STREAM, 0);
  REQUIRE(socket >= 0);
  ClientConfig config = exec_config(k_v1, dir / "runs", {{"PLUGIN_FDS", dir / "fds"}});
  const Result<Credentials> credentials = make_credential_provider(config)->get();
  ::close(leaky[0]);
  ::close(leaky[1]);
  ::close(socket);
  REQUIRE(credentials);
  std::ifstream listing(dir / "fds");
  std::vector<std::string> fds;
  for (std::string line; std::getline(listing, line);) {
    fds.push_back(line.substr(0, line.find(' ')));
  }
  CHECK(fds == std::vector<std::string>{"0", "1", "2"});
}

}  // namespace
}  // namespace meshdns::kube
