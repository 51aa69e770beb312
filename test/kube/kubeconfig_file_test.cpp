#include "kube/kubeconfig.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace meshdns::kube {
namespace {

constexpr const char* k_full = R"(apiVersion: v1
kind: Config
current-context: dev
clusters:
- name: dev
  cluster:
    server: https://dev.example:6443
    certificate-authority: certs/ca.crt
    tls-server-name: api.dev
    proxy-url: http://proxy:3128
- name: data
  cluster:
    server: https://data.example
    certificate-authority-data: LS0tLS1CRUdJTg==
    insecure-skip-tls-verify: true
contexts:
- name: dev
  context: {cluster: dev, user: alice, namespace: team-a}
users:
- name: alice
  user:
    client-certificate: ../pki/alice.crt
    client-key: /abs/alice.key
    tokenFile: token
- name: bob
  user:
    client-certificate-data: eHk=
    client-key-data: eHl6
    token: secret
- name: plugin
  user:
    exec:
      apiVersion: client.authentication.k8s.io/v1beta1
      command: ./bin/get-token
      args: [--audience, api]
      env: [{name: A, value: "1"}]
      provideClusterInfo: true
      installHint: install get-token
- name: on-path
  user:
    exec: {apiVersion: client.authentication.k8s.io/v1, command: kubelogin, interactiveMode: Never}
- name: legacy
  user:
    auth-provider: {name: gcp}
)";

TEST_CASE("kube::parse_kubeconfig", "[kube][kubeconfig]") {
  const Result<Kubeconfig> parsed = parse_kubeconfig(k_full, "/home/u/.kube/config");
  REQUIRE(parsed);
  const Kubeconfig& config = *parsed;
  CHECK(config.current_context == "dev");
  CHECK(config.files == std::vector<std::string>{"/home/u/.kube/config"});

  const ClusterEntry& dev = config.clusters.at("dev");
  CHECK(dev.server == "https://dev.example:6443");
  CHECK(dev.certificate_authority == "/home/u/.kube/certs/ca.crt");  // next to the file
  CHECK(dev.tls_server_name == "api.dev");
  CHECK(dev.proxy_url == "http://proxy:3128");
  CHECK_FALSE(dev.insecure_skip_tls_verify);
  CHECK(dev.defined_in == "/home/u/.kube/config");
  const ClusterEntry& data = config.clusters.at("data");
  CHECK(data.certificate_authority_data == "-----BEGIN");  // decoded
  CHECK(data.insecure_skip_tls_verify);

  const ContextEntry& context = config.contexts.at("dev");
  CHECK(context.cluster == "dev");
  CHECK(context.user == "alice");
  CHECK(context.namespace_name == "team-a");

  const UserEntry& alice = config.users.at("alice");
  CHECK(alice.client_certificate == "/home/u/pki/alice.crt");
  CHECK(alice.client_key == "/abs/alice.key");
  CHECK(alice.token_file == "/home/u/.kube/token");
  const UserEntry& bob = config.users.at("bob");
  CHECK(bob.client_certificate_data == "xy");
  CHECK(bob.client_key_data == "xyz");
  CHECK(bob.token == "secret");

  const ExecConfig& exec = *config.users.at("plugin").exec;
  CHECK(exec.command == "/home/u/.kube/bin/get-token");  // has a '/': next to the file
  CHECK(exec.args == std::vector<std::string>{"--audience", "api"});
  CHECK(exec.env == std::vector<std::pair<std::string, std::string>>{{"A", "1"}});
  CHECK(exec.interactive_mode == "IfAvailable");  // v1beta1's default
  CHECK(exec.provide_cluster_info);
  CHECK(exec.install_hint == "install get-token");
  const ExecConfig& on_path = *config.users.at("on-path").exec;
  CHECK(on_path.command == "kubelogin");  // a bare name stays a PATH lookup
  CHECK(on_path.interactive_mode == "Never");
  CHECK(config.users.at("legacy").auth_provider == "gcp");
}

TEST_CASE("kube::parse_kubeconfig relative file name", "[kube][kubeconfig]") {
  const Result<Kubeconfig> parsed = parse_kubeconfig(
      "clusters: [{name: c, cluster: {server: s, certificate-authority: ca.pem}}]\n",
      "conf/k.yaml");
  REQUIRE(parsed);
  const std::string expected =
      (std::filesystem::current_path() / "conf" / "ca.pem").lexically_normal().string();
  CHECK(parsed->clusters.at("c").certificate_authority == expected);
}

TEST_CASE("kube::parse_kubeconfig errors", "[kube][kubeconfig]") {
  struct Row {
    std::string text;
    std::string why;  // empty: parses
  };
  const Row rows[] = {
      {"", ""},
      {"# only a comment\n", ""},
      {"apiVersion: v1\nkind: Config\n", ""},
      {"clusters:\n- name: a\n  cluster: {server: x}\n- name: a\n  cluster: {server: y}\n",
       "duplicate name \"a\" in clusters"},
      {"users: {alice: {}}\n", "field \"users\" must be a list"},
      {"clusters: [{name: a, cluster: {certificate-authority-data: \"!!\"}}]\n",
       "field \"certificate-authority-data\": illegal base64 data at input byte 0"},
      {"clusters: [{name: a, cluster: {insecure-skip-tls-verify: maybe}}]\n",
       "field \"insecure-skip-tls-verify\" must be true or false"},
      {"contexts: [{name: a, context: {cluster: [x]}}]\n", "field \"cluster\" must be a string"},
      {"- just\n- a list\n", "the document must be a map"},
  };
  for (const Row& row : rows) {
    INFO(row.text);
    const Result<Kubeconfig> parsed = parse_kubeconfig(row.text, "/k/config");
    if (row.why.empty()) {
      CHECK(parsed);
      continue;
    }
    REQUIRE_FALSE(parsed);
    CHECK(parsed.error().what == "error loading config file \"/k/config\"");
    CHECK(parsed.error().why == row.why);
  }
  // yaml-cpp's own message for broken YAML, behind the same "what".
  const Result<Kubeconfig> broken = parse_kubeconfig("clusters: [\n", "/k/config");
  REQUIRE_FALSE(broken);
  CHECK(broken.error().what == "error loading config file \"/k/config\"");
  CHECK_FALSE(broken.error().why.empty());
}

}  // namespace
}  // namespace meshdns::kube
