#include "kube/base64.hpp"
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

// One kubeconfig with a cluster, user and context for each rule under test.
std::string kubeconfig_text() {
  const std::string pem = base64_encode(k_pem);
  return cat(R"(current-context: dev
clusters:
- {name: dev, cluster: {server: "https://dev.example:6443/", certificate-authority: ca.crt, tls-server-name: api.dev, proxy-url: "socks5://proxy:1080"}}
- {name: prod, cluster: {server: "https://prod.example", certificate-authority-data: )",
             pem, R"(}}
- {name: insecure, cluster: {server: "https://insecure.example", insecure-skip-tls-verify: true}}
- {name: ca-and-insecure, cluster: {server: "https://x.example", certificate-authority: ca.crt, insecure-skip-tls-verify: true}}
- {name: ca-file-and-data, cluster: {server: "https://x.example", certificate-authority: ca.crt, certificate-authority-data: )",
             pem, R"(}}
- {name: plain, cluster: {server: "http://plain.example:8080"}}
- {name: bare, cluster: {server: "10.0.0.1:6443"}}
- {name: no-server, cluster: {certificate-authority: ca.crt}}
- {name: bad-proxy, cluster: {server: "https://x.example", proxy-url: "ftp://proxy"}}
- {name: missing-ca, cluster: {server: "https://x.example", certificate-authority: nope.crt}}
- {name: not-pem, cluster: {server: "https://x.example", certificate-authority-data: eA==}}
contexts:
- {name: dev, context: {cluster: dev, user: token-user, namespace: team-a}}
- {name: prod, context: {cluster: prod, user: cert-user}}
- {name: files, context: {cluster: prod, user: file-user}}
- {name: token-file, context: {cluster: prod, user: token-file-user}}
- {name: exec, context: {cluster: prod, user: exec-user}}
- {name: ghost-cluster, context: {cluster: nope, user: token-user}}
- {name: ghost-user, context: {cluster: prod, user: nobody}}
users:
- {name: token-user, user: {token: t0ken}}
- {name: cert-user, user: {client-certificate-data: Q0VSVA==, client-key-data: S0VZ}}
- {name: file-user, user: {client-certificate: pki/u.crt, client-key: pki/u.key}}
- {name: token-file-user, user: {tokenFile: tok, token: fallback}}
- {name: exec-user, user: {exec: {apiVersion: client.authentication.k8s.io/v1, command: ./plug, interactiveMode: Never}}}
- {name: exec-no-mode, user: {exec: {apiVersion: client.authentication.k8s.io/v1, command: plug}}}
- {name: exec-alpha, user: {exec: {apiVersion: client.authentication.k8s.io/v1alpha1, command: plug}}}
- {name: gcp-user, user: {auth-provider: {name: gcp}}}
- {name: basic-user, user: {username: admin, password: secret}}
- {name: cert-no-key, user: {client-certificate-data: Q0VSVA==}}
- {name: missing-cert, user: {client-certificate: nope.crt, client-key: pki/u.key}}
- {name: missing-token-file, user: {tokenFile: nope}}
)");
}

struct Fixture {
  test::TempDir dir;
  std::string config;
  Fixture() {
    config = dir.write("kube/config", kubeconfig_text());
    dir.write("kube/ca.crt", k_pem);
    dir.write("kube/pki/u.crt", "CERT FILE");
    dir.write("kube/pki/u.key", "KEY FILE");
    dir.write("kube/tok", "file-token\n");
  }
  Environment environment() const {
    Environment environment;
    environment.variables = {{"KUBECONFIG", config}, {"HOME", dir / "home"}};
    environment.service_account_dir = dir / "no-service-account";
    return environment;
  }
};

KubeFlags flags_with(std::map<std::string, std::string> given) {
  KubeFlags flags;
  const auto take = [&given](const char* name) -> std::optional<std::string> {
    const auto found = given.find(name);
    return found == given.end() ? std::nullopt : std::optional<std::string>(found->second);
  };
  flags.context = take("context");
  flags.cluster = take("cluster");
  flags.user = take("user");
  flags.namespace_name = take("namespace");
  flags.server = take("server");
  flags.token = take("token");
  flags.certificate_authority = take("certificate-authority");
  flags.tls_server_name = take("tls-server-name");
  flags.request_timeout = take("request-timeout");
  flags.insecure_skip_tls_verify = given.count("insecure-skip-tls-verify") != 0;
  return flags;
}

std::string describe(const std::map<std::string, std::string>& flags) {
  std::string out;
  for (const auto& [name, value] : flags) {
    out += cat("--", name, '=', value, ' ');
  }
  return out;
}

TEST_CASE("kube::load_client_config", "[kube][client_config]") {
  const Fixture fixture;
  struct Row {
    std::map<std::string, std::string> flags;
    std::string context, cluster, user, server, namespace_name;
    AuthMethod auth;
    std::string tls_server_name;
    bool insecure;
    bool has_ca;
  };
  // clang-format off
  const Row rows[] = {
      {{}, "dev", "dev", "token-user", "https://dev.example:6443", "team-a",
       AuthMethod::token, "api.dev", false, true},
      {{{"namespace", "other"}}, "dev", "dev", "token-user", "https://dev.example:6443", "other",
       AuthMethod::token, "api.dev", false, true},
      {{{"context", "prod"}}, "prod", "prod", "cert-user", "https://prod.example", "default",
       AuthMethod::client_certificate, "", false, true},
      {{{"context", "files"}}, "files", "prod", "file-user", "https://prod.example", "default",
       AuthMethod::client_certificate, "", false, true},
      {{{"context", "token-file"}}, "token-file", "prod", "token-file-user", "https://prod.example",
       "default", AuthMethod::token_file, "", false, true},
      {{{"context", "exec"}}, "exec", "prod", "exec-user", "https://prod.example", "default",
       AuthMethod::exec, "", false, true},
      // --cluster and --user replace the context's choice; the context's namespace stays.
      {{{"cluster", "prod"}, {"user", "cert-user"}}, "dev", "prod", "cert-user",
       "https://prod.example", "team-a", AuthMethod::client_certificate, "", false, true},
      // --server keeps the cluster's CA but drops its tls-server-name unless given again.
      {{{"server", "https://other:443"}}, "dev", "dev", "token-user", "https://other:443", "team-a",
       AuthMethod::token, "", false, true},
      {{{"server", "https://other:443"}, {"tls-server-name", "sni"}}, "dev", "dev", "token-user",
       "https://other:443", "team-a", AuthMethod::token, "sni", false, true},
      {{{"tls-server-name", "sni"}}, "dev", "dev", "token-user", "https://dev.example:6443",
       "team-a", AuthMethod::token, "sni", false, true},
      // --insecure-skip-tls-verify replaces the CA instead of clashing with it.
      {{{"insecure-skip-tls-verify", ""}}, "dev", "dev", "token-user", "https://dev.example:6443",
       "team-a", AuthMethod::token, "api.dev", true, false},
      {{{"context", "prod"}, {"certificate-authority", fixture.dir / "kube/ca.crt"}}, "prod",
       "prod", "cert-user", "https://prod.example", "default", AuthMethod::client_certificate, "",
       false, true},
      // --token overrides the user's auth (a certificate user now sends the token).
      {{{"context", "prod"}, {"token", "flag-token"}}, "prod", "prod", "cert-user",
       "https://prod.example", "default", AuthMethod::token, "", false, true},
      {{{"cluster", "insecure"}}, "dev", "insecure", "token-user", "https://insecure.example",
       "team-a", AuthMethod::token, "", true, false},
      // Plain http: like kubectl, no credentials and no TLS settings.
      {{{"cluster", "plain"}}, "dev", "plain", "token-user", "http://plain.example:8080", "team-a",
       AuthMethod::none, "", false, false},
      {{{"cluster", "bare"}}, "dev", "bare", "token-user", "http://10.0.0.1:6443", "team-a",
       AuthMethod::none, "", false, false},
      // A context whose user is not defined: no credentials, no error (the user is not required).
      {{{"context", "ghost-user"}}, "ghost-user", "prod", "nobody", "https://prod.example",
       "default", AuthMethod::none, "", false, true},
      {{{"server", "https://direct"}, {"context", "ghost-cluster"}}, "ghost-cluster", "nope",
       "token-user", "https://direct", "default", AuthMethod::token, "", false, false},
  };
  // clang-format on
  for (const Row& row : rows) {
    INFO(describe(row.flags));
    const Result<ClientConfig> config =
        load_client_config(flags_with(row.flags), fixture.environment());
    REQUIRE(config);
    CHECK(config->context_name == row.context);
    CHECK(config->cluster_name == row.cluster);
    CHECK(config->user_name == row.user);
    CHECK(config->server == row.server);
    CHECK(config->namespace_name == row.namespace_name);
    CHECK(to_string(config->auth_method) == std::string(to_string(row.auth)));
    CHECK(config->tls_server_name == row.tls_server_name);
    CHECK(config->insecure_skip_tls_verify == row.insecure);
    CHECK(config->ca_pem.empty() != row.has_ca);
    CHECK_FALSE(config->in_cluster);
  }
}

TEST_CASE("kube::load_client_config material", "[kube][client_config]") {
  const Fixture fixture;
  const auto load = [&](std::map<std::string, std::string> flags) {
    return load_client_config(flags_with(std::move(flags)), fixture.environment()).value();
  };
  const ClientConfig dev = load({});
  CHECK(dev.ca_pem == k_pem);
  CHECK(dev.ca_file == fixture.dir / "kube/ca.crt");
  CHECK(dev.proxy_url == "socks5://proxy:1080");
  CHECK(dev.token == "t0ken");
  CHECK(dev.request_timeout.count() == 0);
  const ClientConfig prod = load({{"context", "prod"}});
  CHECK(prod.ca_pem == k_pem);  // from certificate-authority-data
  CHECK(prod.ca_file.empty());
  CHECK(prod.client_certificate_pem == "CERT");
  CHECK(prod.client_key_pem == "KEY");
  const ClientConfig files = load({{"context", "files"}});
  CHECK(files.client_certificate_pem == "CERT FILE");  // relative to the kubeconfig's folder
  CHECK(files.client_key_pem == "KEY FILE");
  CHECK(files.client_certificate_file == fixture.dir / "kube/pki/u.crt");
  const ClientConfig token_file = load({{"context", "token-file"}});
  CHECK(token_file.token_file == fixture.dir / "kube/tok");
  const ClientConfig exec = load({{"context", "exec"}});
  REQUIRE(exec.exec);
  CHECK(exec.exec->command == fixture.dir / "kube/plug");
  CHECK(load({{"request-timeout", "2m"}}).request_timeout.count() == 120'000);
  CHECK(load({{"request-timeout", "15"}}).request_timeout.count() == 15'000);
}

TEST_CASE("kube::load_client_config errors", "[kube][client_config]") {
  const Fixture fixture;
  struct Row {
    std::map<std::string, std::string> flags;
    std::string what;
  };
  const Row rows[] = {
      {{{"context", "zz"}}, "context was not found for specified context: zz"},
      {{{"context", "zz"}, {"user", "token-user"}},
       "context was not found for specified context: zz"},
      {{{"user", "zz"}}, "auth info \"zz\" does not exist"},
      {{{"cluster", "zz"}}, "no server found for cluster \"zz\""},
      {{{"cluster", "no-server"}}, "no server found for cluster \"no-server\""},
      {{{"request-timeout", "abc"}},
       "Invalid timeout value. Timeout must be a single integer in seconds, or an integer followed "
       "by a corresponding time unit (e.g. 1s | 2m | 3h)"},
      {{{"cluster", "ca-and-insecure"}},
       "specifying a root certificates file with the insecure flag is not allowed"},
      {{{"insecure-skip-tls-verify", ""}, {"certificate-authority", fixture.dir / "kube/ca.crt"}},
       "specifying a root certificates file with the insecure flag is not allowed"},
      {{{"cluster", "ca-file-and-data"}},
       "certificate-authority-data and certificate-authority are both specified for "
       "ca-file-and-data. certificate-authority-data will override."},
      {{{"cluster", "bad-proxy"}},
       "invalid 'proxy-url' \"ftp://proxy\" for cluster \"bad-proxy\": unsupported scheme \"ftp\", "
       "must be http, https, or socks5"},
      {{{"cluster", "missing-ca"}},
       cat("unable to read certificate-authority ", fixture.dir / "kube/nope.crt",
           " for missing-ca due to open ", fixture.dir / "kube/nope.crt",
           ": no such file or directory")},
      {{{"cluster", "not-pem"}},
       "unable to load root certificates: unable to parse bytes as PEM block"},
      {{{"user", "exec-no-mode"}},
       "interactiveMode must be specified for exec-no-mode to use exec authentication plugin"},
      {{{"user", "exec-alpha"}},
       "exec plugin: invalid apiVersion \"client.authentication.k8s.io/v1alpha1\""},
      {{{"user", "gcp-user"}}, "the gcp auth-provider of user \"gcp-user\" is not supported"},
      {{{"user", "basic-user"}},
       "basic authentication (username/password) of user \"basic-user\" is not supported"},
      {{{"user", "cert-no-key"}},
       "client-key-data or client-key must be specified for cert-no-key to use the clientCert "
       "authentication method."},
      {{{"user", "missing-cert"}},
       cat("unable to read client-cert ", fixture.dir / "kube/nope.crt",
           " for missing-cert due to open ", fixture.dir / "kube/nope.crt",
           ": no such file or directory")},
      {{{"user", "missing-token-file"}},
       cat("open ", fixture.dir / "kube/nope", ": no such file or directory")},
      {{{"kubeconfig", fixture.dir / "absent"}},
       cat("stat ", fixture.dir / "absent", ": no such file or directory")},
  };
  for (const Row& row : rows) {
    INFO(describe(row.flags));
    KubeFlags flags = flags_with(row.flags);
    if (row.flags.count("kubeconfig") != 0) {
      flags.kubeconfig = row.flags.at("kubeconfig");
    }
    const Result<ClientConfig> config = load_client_config(flags, fixture.environment());
    REQUIRE_FALSE(config);
    CHECK(config.error().what == row.what);
    CHECK(exit_code(config.error().code) == 2);
    CHECK(format_error(config.error()).find('\n') == std::string::npos);
  }
}

TEST_CASE("kube::load_client_config never leaks the token into errors", "[kube][client_config]") {
  const Fixture fixture;
  const Result<ClientConfig> config =
      load_client_config(flags_with({{"cluster", "missing-ca"}}), fixture.environment());
  REQUIRE_FALSE(config);
  CHECK(format_error(config.error()).find("t0ken") == std::string::npos);
}

}  // namespace
}  // namespace meshdns::kube
