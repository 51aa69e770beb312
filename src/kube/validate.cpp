#include "kube/validate.hpp"

#include <meshdns/text.hpp>

namespace meshdns::kube {
namespace {

constexpr const char* k_exec_fix = "fix the users[].user.exec entry of the kubeconfig";

Error invalid(std::string what, std::string fix) {
  return fail(Errc::config, std::move(what), "invalid kubeconfig", std::move(fix));
}

// The removed in-tree providers each got an exec plugin that replaces them.
std::string auth_provider_fix(const std::string& provider) {
  if (provider == "gcp") {
    return "use the gke-gcloud-auth-plugin exec credential plugin (gcloud components install "
           "gke-gcloud-auth-plugin)";
  }
  if (provider == "azure") {
    return "use the kubelogin exec credential plugin (kubelogin convert-kubeconfig)";
  }
  return "use an exec credential plugin instead (for OIDC: int128/kubelogin, `kubectl oidc-login`)";
}

Result<void> validate_exec(const std::string& name, const ExecConfig& exec) {
  if (exec.command.empty()) {
    return invalid(
        cat("command must be specified for ", name, " to use exec authentication plugin"),
        k_exec_fix);
  }
  if (exec.api_version.empty()) {
    return invalid(
        cat("apiVersion must be specified for ", name, " to use exec authentication plugin"),
        k_exec_fix);
  }
  if (exec.api_version != "client.authentication.k8s.io/v1" &&
      exec.api_version != "client.authentication.k8s.io/v1beta1") {
    return invalid(cat("exec plugin: invalid apiVersion \"", exec.api_version, "\""),
                   "use client.authentication.k8s.io/v1 or client.authentication.k8s.io/v1beta1");
  }
  for (const auto& [variable, value] : exec.env) {
    if (variable.empty()) {
      return invalid(cat("env variable name must be specified for ", name,
                         " to use exec authentication plugin"),
                     k_exec_fix);
    }
  }
  if (exec.interactive_mode.empty()) {
    return invalid(
        cat("interactiveMode must be specified for ", name, " to use exec authentication plugin"),
        "add interactiveMode: Never, IfAvailable or Always to the exec entry");
  }
  if (exec.interactive_mode != "Never" && exec.interactive_mode != "IfAvailable" &&
      exec.interactive_mode != "Always") {
    return invalid(cat("invalid interactiveMode for ", name, ": \"", exec.interactive_mode, "\""),
                   "use Never, IfAvailable or Always");
  }
  return {};
}

// parseProxyURL: the schemes Go's transport can dial through.
Result<void> validate_proxy(const std::string& name, const std::string& proxy_url) {
  const std::size_t colon = proxy_url.find("://");
  const std::string scheme = colon == std::string::npos ? "" : proxy_url.substr(0, colon);
  if (scheme == "http" || scheme == "https" || scheme == "socks5") {
    return {};
  }
  return invalid(cat("invalid 'proxy-url' \"", proxy_url, "\" for cluster \"", name,
                     "\": unsupported scheme \"", scheme, "\", must be http, https, or socks5"),
                 "fix the cluster's proxy-url");
}

}  // namespace

Result<void> validate_user(const std::string& name, const UserEntry& user) {
  if (!user.auth_provider.empty()) {
    if (user.exec) {
      return invalid(
          cat("authProvider cannot be provided in combination with an exec plugin for ", name),
          "remove the auth-provider entry");
    }
    return fail(
        Errc::config,
        cat("the ", user.auth_provider, " auth-provider of user \"", name, "\" is not supported"),
        "kubectl-meshdns supports exec credential plugins, not the legacy auth-provider "
        "mechanism that client-go removed for gcp and azure",
        auth_provider_fix(user.auth_provider));
  }
  if (user.basic_auth) {
    return fail(
        Errc::config,
        cat("basic authentication (username/password) of user \"", name, "\" is not supported"),
        "Kubernetes removed basic authentication from the API server in 1.19",
        "use a token, a client certificate or an exec credential plugin");
  }
  if (!user.client_certificate.empty() || !user.client_certificate_data.empty()) {
    if (!user.client_certificate.empty() && !user.client_certificate_data.empty()) {
      return invalid(cat("client-cert-data and client-cert are both specified for ", name,
                         ". client-cert-data will override."),
                     "keep only one of client-certificate and client-certificate-data");
    }
    if (!user.client_key.empty() && !user.client_key_data.empty()) {
      return invalid(cat("client-key-data and client-key are both specified for ", name,
                         "; client-key-data will override"),
                     "keep only one of client-key and client-key-data");
    }
    if (user.client_key.empty() && user.client_key_data.empty()) {
      return invalid(cat("client-key-data or client-key must be specified for ", name,
                         " to use the clientCert authentication method."),
                     "add the client key that belongs to the certificate");
    }
  } else if (!user.client_key.empty() || !user.client_key_data.empty()) {
    return invalid(cat("client-certificate-data or client-certificate must be specified for ", name,
                       " to use the clientCert authentication method."),
                   "add the client certificate that belongs to the key");
  }
  if (user.exec) {
    return validate_exec(name, *user.exec);
  }
  return {};
}

Result<void> validate_cluster(const std::string& name, const ClusterEntry& cluster) {
  if (!cluster.proxy_url.empty()) {
    if (Result<void> proxy = validate_proxy(name, cluster.proxy_url); !proxy) {
      return proxy;
    }
  }
  if (!cluster.certificate_authority.empty() && !cluster.certificate_authority_data.empty()) {
    return invalid(
        cat("certificate-authority-data and certificate-authority are both specified for ", name,
            ". certificate-authority-data will override."),
        "keep only one of certificate-authority and certificate-authority-data");
  }
  if (cluster.insecure_skip_tls_verify &&
      (!cluster.certificate_authority.empty() || !cluster.certificate_authority_data.empty())) {
    return fail(
        Errc::config, "specifying a root certificates file with the insecure flag is not allowed",
        cat("cluster \"", name, "\" has a certificate authority and insecure-skip-tls-verify"),
        "drop one of them (--insecure-skip-tls-verify on the command line replaces the CA)");
  }
  return {};
}

}  // namespace meshdns::kube
