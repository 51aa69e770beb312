#pragma once

// Which cluster, which namespace, which credentials: resolved from kubeconfig files, flags and the
// environment exactly as kubectl (client-go clientcmd) does.

#include <meshdns/result.hpp>

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace meshdns::kube {

// kubectl's global flags (SPEC §3.1); an unset optional means "not given on the command line".
struct KubeFlags {
  std::optional<std::string> kubeconfig;
  std::optional<std::string> context;
  std::optional<std::string> cluster;
  std::optional<std::string> user;
  std::optional<std::string> namespace_name;
  std::optional<std::string> server;
  std::optional<std::string> token;
  std::optional<std::string> certificate_authority;
  std::optional<std::string> tls_server_name;
  std::optional<std::string> request_timeout;  // kubectl's form: "0", "30", "30s", "1m", "2h"
  bool insecure_skip_tls_verify = false;
};

// What the process sees of its environment, so tests can set it without touching the real one.
struct Environment {
  std::map<std::string, std::string>
      variables;  // KUBECONFIG, HOME, KUBERNETES_SERVICE_HOST/PORT...
  std::string service_account_dir = "/var/run/secrets/kubernetes.io/serviceaccount";
  static Environment from_process();
  // The variable's value; "" when unset, which client-go treats the same as set to "".
  std::string variable(const std::string& name) const;
};

enum class AuthMethod : std::uint8_t { none, token, token_file, client_certificate, exec };
const char* to_string(
    AuthMethod method);  // "none", "token", "tokenFile", "clientCertificate", "exec"

// users[].user.exec of a kubeconfig.
struct ExecConfig {
  std::string api_version;  // client.authentication.k8s.io/v1 or /v1beta1
  std::string command;      // resolved against the kubeconfig's folder when it has a '/'
  std::vector<std::string> args;
  std::vector<std::pair<std::string, std::string>> env;
  std::string interactive_mode;  // Never, IfAvailable, Always
  bool provide_cluster_info = false;
  std::string install_hint;
};

struct ClientConfig {
  std::string context_name;  // empty when none was selected (in-cluster, --server only)
  std::string cluster_name;
  std::string user_name;
  std::string server;  // https://host:port[/prefix], no trailing slash (http:// see plain_http)
  std::string namespace_name;  // -n, else the context's, else the service account's, else "default"
  std::string ca_pem;   // certificate-authority(-data), PEM, already read; empty: system roots
  std::string ca_file;  // the file it came from, if any (for messages)
  std::string tls_server_name;
  bool insecure_skip_tls_verify = false;
  std::string proxy_url;               // http, https or socks5 (checked)
  std::string client_certificate_pem;  // client-certificate(-data), PEM, already read
  std::string client_key_pem;
  std::string client_certificate_file;  // the files they came from, if any (for messages)
  std::string client_key_file;
  std::string token;                             // a static bearer token
  std::string token_file;                        // re-read on every use; wins over `token`
  std::optional<ExecConfig> exec;                // unused when a token or client certificate is set
  AuthMethod auth_method = AuthMethod::none;     // for display; providers read the fields above
  std::chrono::milliseconds request_timeout{0};  // 0: none
  bool in_cluster = false;
  // The server is plain http:// (or has no scheme, which client-go reads as http): like kubectl, no
  // credentials and no TLS settings are kept, so auth_method is none.
  bool plain_http = false;
};

// The message client-go gives when nothing at all is configured (ErrEmptyConfig).
inline constexpr const char* k_empty_config_message =
    "invalid configuration: no configuration has been provided, try setting KUBERNETES_MASTER "
    "environment variable";

// Resolves the configuration. Reads the kubeconfig files and the files they name (CA, client
// certificate and key, and checks a token file is readable); never the network. Errors read like
// kubectl's (Errc::config, exit 2):
//   context was not found for specified context: x; auth info "u" does not exist; no server found
//   for cluster "c"; stat /missing: no such file or directory; k_empty_config_message.
Result<ClientConfig> load_client_config(const KubeFlags& flags, const Environment& environment);

}  // namespace meshdns::kube
