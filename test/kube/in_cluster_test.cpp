#include "support/temp_dir.hpp"

#include <meshdns/kube/client_config.hpp>
#include <meshdns/text.hpp>

#include <catch2/catch.hpp>

#include <map>
#include <optional>
#include <string>

namespace meshdns::kube {
namespace {

constexpr const char* k_pem = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";

TEST_CASE("kube::load_client_config in-cluster", "[kube][client_config][in_cluster]") {
  const test::TempDir dir;
  const std::string account = dir / "serviceaccount";
  dir.write("serviceaccount/token", "sa-token\n");
  dir.write("serviceaccount/ca.crt", k_pem);
  dir.write("serviceaccount/namespace", "pod-ns\n");
  const std::string kubeconfig =
      dir.write("kubeconfig",
                "current-context: c\ncontexts: [{name: c, context: {cluster: k}}]\n"
                "clusters: [{name: k, cluster: {server: \"https://from-file\"}}]\n");

  struct Row {
    std::string name;
    std::map<std::string, std::string> variables;
    std::optional<std::string> namespace_flag;
    std::optional<std::string> server_flag;
    std::optional<std::string> token_flag;
    std::string server, namespace_name;
    AuthMethod auth;
    bool in_cluster;
  };
  const std::map<std::string, std::string> pod = {{"KUBERNETES_SERVICE_HOST", "10.96.0.1"},
                                                  {"KUBERNETES_SERVICE_PORT", "443"},
                                                  {"KUBECONFIG", dir / "absent"}};
  auto with = [&pod](std::map<std::string, std::string> extra) {
    std::map<std::string, std::string> variables = pod;
    for (auto& [key, value] : extra) {
      variables[key] = value;
    }
    return variables;
  };
  // clang-format off
  const Row rows[] = {
      {"service account", pod, {}, {}, {},
       "https://10.96.0.1:443", "pod-ns", AuthMethod::token_file, true},
      {"IPv6 host is bracketed", with({{"KUBERNETES_SERVICE_HOST", "fd00::1"}}), {}, {}, {},
       "https://[fd00::1]:443", "pod-ns", AuthMethod::token_file, true},
      {"POD_NAMESPACE wins over the file", with({{"POD_NAMESPACE", "downward"}}), {}, {}, {},
       "https://10.96.0.1:443", "downward", AuthMethod::token_file, true},
      {"-n wins over both", with({{"POD_NAMESPACE", "downward"}}), "flag-ns", {}, {},
       "https://10.96.0.1:443", "flag-ns", AuthMethod::token_file, true},
      // --server configures a cluster by itself, so (as in kubectl) the service account is not
      // used; its namespace still is.
      {"--server alone is a configuration", pod, {}, "https://elsewhere", "flag-token",
       "https://elsewhere", "pod-ns", AuthMethod::token, false},
      // A kubeconfig that configures a cluster wins; its context has no namespace, so the pod's is
      // used (client-go's DeferredLoadingClientConfig.Namespace).
      {"kubeconfig first", with({{"KUBECONFIG", kubeconfig}}), {}, {}, {},
       "https://from-file", "pod-ns", AuthMethod::none, false},
  };
  // clang-format on
  for (const Row& row : rows) {
    INFO(row.name);
    Environment environment;
    environment.variables = row.variables;
    environment.service_account_dir = account;
    KubeFlags flags;
    flags.namespace_name = row.namespace_flag;
    flags.server = row.server_flag;
    flags.token = row.token_flag;
    const Result<ClientConfig> config = load_client_config(flags, environment);
    REQUIRE(config);
    CHECK(config->server == row.server);
    CHECK(config->namespace_name == row.namespace_name);
    CHECK(to_string(config->auth_method) == std::string(to_string(row.auth)));
    CHECK(config->in_cluster == row.in_cluster);
    CHECK(config->context_name == (row.variables.at("KUBECONFIG") == kubeconfig ? "c" : ""));
    if (row.in_cluster) {
      CHECK(config->token_file == account + "/token");
      CHECK(config->ca_pem == k_pem);
      CHECK(config->ca_file == account + "/ca.crt");
    }
  }
}

TEST_CASE("kube::load_client_config with nothing configured", "[kube][client_config][in_cluster]") {
  const test::TempDir dir;
  dir.write("serviceaccount/namespace", "pod-ns\n");  // no token: in-cluster is not possible
  struct Row {
    std::string name;
    std::map<std::string, std::string> variables;
  };
  const Row rows[] = {
      {"no HOME, no KUBECONFIG", {}},
      {"empty home", {{"HOME", dir / "home"}}},
      {"service env but no token",
       {{"HOME", dir / "home"},
        {"KUBERNETES_SERVICE_HOST", "10.96.0.1"},
        {"KUBERNETES_SERVICE_PORT", "443"}}},
      {"all KUBECONFIG files missing", {{"KUBECONFIG", cat(dir / "a", ':', dir / "b")}}},
  };
  for (const Row& row : rows) {
    INFO(row.name);
    Environment environment;
    environment.variables = row.variables;
    environment.service_account_dir = dir / "serviceaccount";
    const Result<ClientConfig> config = load_client_config(KubeFlags{}, environment);
    REQUIRE_FALSE(config);
    CHECK(config.error().what == k_empty_config_message);
    CHECK(exit_code(config.error().code) == 2);
  }
  // KUBERNETES_MASTER is client-go's default server.
  Environment environment;
  environment.variables = {{"KUBERNETES_MASTER", "https://master:6443"}};
  environment.service_account_dir = dir / "serviceaccount";
  const Result<ClientConfig> config = load_client_config(KubeFlags{}, environment);
  REQUIRE(config);
  CHECK(config->server == "https://master:6443");
  CHECK(config->namespace_name == "default");
}

}  // namespace
}  // namespace meshdns::kube
