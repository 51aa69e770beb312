// test::ApiServer, the C++ helper around the stand-in: it starts, serves a kubeconfig the real
// kubectl accepts (token and client certificate), injects faults, logs requests, cleans up.

#include "support/apiserver.hpp"

#include "support/process.hpp"
#include "support/skip.hpp"

#include <catch2/catch.hpp>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

namespace {

using meshdns::test::ApiServer;
using meshdns::test::ApiServerOptions;
using meshdns::test::KubeconfigAuth;
using meshdns::test::ProcessResult;
using meshdns::test::run_process;

const std::string k_kubectl = "/usr/lib/google-cloud-sdk/bin/kubectl.1.32";

bool have_kubectl() {
  return std::filesystem::exists(k_kubectl);
}

ProcessResult kubectl(const ApiServer& server, const std::string& kubeconfig,
                      std::vector<std::string> args) {
  std::vector<std::string> argv{k_kubectl, "--kubeconfig", kubeconfig, "--cache-dir",
                                server.dir() + "/cache"};
  argv.insert(argv.end(), args.begin(), args.end());
  meshdns::test::ProcessOptions options;
  options.env["HOME"] = server.dir();  // kubectl must not read or write the user's ~/.kube
  return run_process(argv, options);
}

// Writes a seed file unique to this process; removed at scope exit.
class SeedFile {
 public:
  explicit SeedFile(const std::string& yaml)
      : m_path(std::filesystem::temp_directory_path() /
               ("apiserver_test_seed_" + std::to_string(::getpid()) + ".yaml")) {
    std::ofstream(m_path) << yaml;
  }
  ~SeedFile() { std::filesystem::remove(m_path); }
  const std::string& path() const { return m_path; }

 private:
  std::string m_path;
};

const char* const k_coredns_seed =
    "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: coredns\n  namespace: kube-system\n"
    "data:\n  Corefile: \".:53 {}\"\n";

}  // namespace

TEST_CASE("test::ApiServer", "[apiserver]") {
  MESHDNS_SKIP_UNLESS(ApiServer::available(), "/usr/bin/python3 with PyYAML or openssl missing");

  std::string dir;
  {
    const ApiServer server;
    dir = server.dir();
    CHECK(server.base_url() == "https://127.0.0.1:" + std::to_string(server.port()));
    for (const char* file : {"ca.crt", "client.crt", "client.key"}) {
      INFO(file);
      CHECK(std::filesystem::exists(dir + "/" + file));
    }
    const std::string kubeconfig = server.write_kubeconfig(KubeconfigAuth::client_certificate);
    std::ifstream in(kubeconfig);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    CHECK(text.find("client-key: " + server.client_key_path()) != std::string::npos);
    CHECK(text.find("certificate-authority: " + server.ca_path()) != std::string::npos);
    CHECK(text.find("token") == std::string::npos);

    server.inject_fault("/configmaps/", 503, -1, "GET", "line\nbreak \"quoted\"");
    server.set_latency(std::chrono::milliseconds(1));
    CHECK(server.requests_json() == "{\"requests\":[]}");
    server.reset();
    CHECK_THROWS_WITH(server.inject_fault("(", 500), Catch::Contains("path_regex"));
  }
  CHECK_FALSE(std::filesystem::exists(dir));
}

TEST_CASE("test::ApiServer start failure", "[apiserver]") {
  MESHDNS_SKIP_UNLESS(ApiServer::available(), "/usr/bin/python3 with PyYAML or openssl missing");
  const SeedFile seed("apiVersion: v1\nkind: Secret\nmetadata:\n  name: x\n");
  ApiServerOptions options;
  options.seed_files = {seed.path()};
  CHECK_THROWS_WITH(ApiServer(options), Catch::Contains("v1 Secret is not served"));
}

TEST_CASE("test::ApiServer with kubectl", "[apiserver][kubectl]") {
  MESHDNS_SKIP_UNLESS(ApiServer::available(), "/usr/bin/python3 with PyYAML or openssl missing");
  if (!have_kubectl()) {
    // Not MESHDNS_SKIP_UNLESS: no Debian package has kubectl, so CI may lack it too.
    WARN("SKIPPED: " << k_kubectl << " is not installed");
    return;
  }
  const SeedFile seed(k_coredns_seed);
  ApiServerOptions options;
  options.seed_files = {seed.path()};
  const ApiServer server(options);

  struct Row {
    KubeconfigAuth auth;
    std::vector<std::string> args;
    std::string expected_output;
  };
  const Row rows[] = {
      {KubeconfigAuth::token, {"get", "ns", "-o", "name"}, "namespace/kube-system"},
      {KubeconfigAuth::client_certificate, {"get", "cm", "-o", "name"}, "configmap/coredns"},
  };
  for (const Row& row : rows) {
    INFO(row.args[1]);
    const ProcessResult result =
        kubectl(server, server.write_kubeconfig(row.auth, "kube-system"), row.args);
    CHECK(result.exit_code == 0);
    CHECK(result.err.empty());
    CHECK(result.out.find(row.expected_output) != std::string::npos);
  }

  server.reset();
  server.inject_fault("/configmaps/coredns$", 500, 1, "GET");
  const std::string kubeconfig = server.write_kubeconfig(KubeconfigAuth::token, "kube-system");
  const ProcessResult failed = kubectl(server, kubeconfig, {"get", "cm", "coredns"});
  CHECK(failed.exit_code == 1);
  CHECK(failed.err.find("Error from server (InternalError): injected fault") != std::string::npos);

  // The 500 was used up; kubectl retries a GET whose connection dropped (client-go sees EOF).
  server.drop_connections("/configmaps/coredns$", 1);
  CHECK(kubectl(server, kubeconfig, {"get", "cm", "coredns"}).exit_code == 0);

  const std::string log = server.requests_json();
  CHECK(log.find("\"status\":-1") != std::string::npos);
  CHECK(log.find("\"path\":\"/api/v1/namespaces/kube-system/configmaps/coredns\"") !=
        std::string::npos);
  CHECK(log.find("\"Authorization\":\"<redacted>\"") != std::string::npos);
  CHECK(log.find(server.token()) == std::string::npos);

  server.set_tokens({"another-token"});
  const ProcessResult revoked = kubectl(server, kubeconfig, {"get", "cm", "coredns"});
  CHECK(revoked.exit_code == 1);
  CHECK(revoked.err.find("Unauthorized") != std::string::npos);
}
