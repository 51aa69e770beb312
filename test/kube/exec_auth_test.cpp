// Exec credential plugins end to end: the REST client sends the plugin's token, runs the plugin
// once for many requests, and runs it again when the API server stops accepting the token (401).

#include "support/apiserver.hpp"
#include "support/skip.hpp"
#include "support/temp_dir.hpp"

#include <meshdns/kube/credentials.hpp>
#include <meshdns/kube/rest_client.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <fstream>
#include <string>

namespace meshdns::kube {
namespace {

int plugin_runs(const std::string& counter) {
  std::ifstream in(counter);
  int runs = 0;
  for (std::string line; std::getline(in, line);) {
    ++runs;
  }
  return runs;
}

}  // namespace

TEST_CASE("kube::RestClient with an exec credential plugin", "[kube][credentials][apiserver]") {
  MESHDNS_SKIP_UNLESS(test::ApiServer::available(), "python3 with PyYAML or openssl is missing");
  const test::ApiServer server;
  const test::TempDir dir;
  const std::string counter = dir / "runs";
  // The fixture answers "token-N" on its Nth run; the server accepts the first two.
  server.set_tokens({"token-1", "token-2"});

  ClientConfig config;
  config.server = server.base_url();
  std::ifstream ca(server.ca_path());
  config.ca_pem.assign(std::istreambuf_iterator<char>(ca), {});
  config.namespace_name = "default";
  ExecConfig exec;
  exec.api_version = "client.authentication.k8s.io/v1";
  exec.command = MESHDNS_SOURCE_DIR "/test/kube/fixtures/exec-plugin.py";
  exec.args = {exec.api_version};
  exec.env = {{"PLUGIN_COUNTER", counter}};
  exec.interactive_mode = "Never";
  config.exec = exec;
  config.auth_method = AuthMethod::exec;
  RestClient client(config, make_credential_provider(config));

  for (int request = 0; request < 5; ++request) {
    INFO("request " << request);
    const Result<nlohmann::json> namespaces = client.list("/api/v1/namespaces");
    REQUIRE(namespaces.has_value());
  }
  CHECK(plugin_runs(counter) == 1);

  // Revoke token-1: the next request gets a 401, asks the plugin again and succeeds with token-2.
  server.set_tokens({"token-2"});
  const Result<nlohmann::json> after_revoke = client.list("/api/v1/namespaces");
  CHECK(after_revoke.has_value());
  CHECK(plugin_runs(counter) == 2);

  // With every token revoked the 401 comes back as an error after one refresh, not a loop.
  server.set_tokens({"someone-else"});
  const Result<nlohmann::json> refused = client.list("/api/v1/namespaces");
  REQUIRE_FALSE(refused.has_value());
  CHECK(refused.error().code == Errc::unauthorized);
  CHECK(plugin_runs(counter) == 3);
}

}  // namespace meshdns::kube
