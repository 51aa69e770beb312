#include "kube/in_cluster.hpp"

#include "kube/read_file.hpp"
#include "kube/resolve.hpp"

#include <meshdns/text.hpp>

#include <sys/stat.h>

namespace meshdns::kube {
namespace {

// Go's net.JoinHostPort.
std::string join_host_port(const std::string& host, const std::string& port) {
  return host.find(':') != std::string::npos ? cat('[', host, "]:", port) : cat(host, ':', port);
}

bool holds_certificate(const std::string& pem) {
  return pem.find("-----BEGIN CERTIFICATE-----") != std::string::npos;
}

}  // namespace

bool in_cluster_possible(const Environment& environment) {
  struct stat info {};
  const std::string token = cat(environment.service_account_dir, "/token");
  return !environment.variable("KUBERNETES_SERVICE_HOST").empty() &&
         !environment.variable("KUBERNETES_SERVICE_PORT").empty() &&
         ::stat(token.c_str(), &info) == 0 && !S_ISDIR(info.st_mode);
}

Result<ClientConfig> in_cluster_config(const KubeFlags& flags, const Environment& environment) {
  ClientConfig config;
  config.in_cluster = true;
  config.server = cat("https://", join_host_port(environment.variable("KUBERNETES_SERVICE_HOST"),
                                                 environment.variable("KUBERNETES_SERVICE_PORT")));
  config.token_file = cat(environment.service_account_dir, "/token");
  if (Result<std::string> token = read_whole_file(config.token_file); !token) {
    return fail(Errc::config, token.error().what,
                "the in-cluster service account token is unreadable",
                "check the pod's service account token mount");
  }
  // rest.InClusterConfig uses ca.crt only when it loads; otherwise the system roots.
  const std::string ca_file = cat(environment.service_account_dir, "/ca.crt");
  if (Result<std::string> ca = read_whole_file(ca_file); ca && holds_certificate(*ca)) {
    config.ca_file = ca_file;
    config.ca_pem = std::move(ca).value();
  }
  if (flags.server && !flags.server->empty()) {
    config.server = normalize_server(*flags.server);
  }
  if (flags.token && !flags.token->empty()) {
    config.token = *flags.token;
    config.token_file.clear();
  }
  if (flags.certificate_authority && !flags.certificate_authority->empty()) {
    config.ca_file = *flags.certificate_authority;
    config.ca_pem.clear();
  }
  config.plain_http = starts_with(config.server, "http://");
  if (config.plain_http) {
    config.token.clear();
    config.token_file.clear();
    config.ca_file.clear();
    config.ca_pem.clear();
  }
  config.auth_method = auth_method_of(config);
  return config;
}

std::string in_cluster_namespace(const Environment& environment) {
  if (std::string pod_namespace = environment.variable("POD_NAMESPACE"); !pod_namespace.empty()) {
    return pod_namespace;
  }
  if (Result<std::string> text =
          read_whole_file(cat(environment.service_account_dir, "/namespace"))) {
    if (const std::string_view name = trim(*text); !name.empty()) {
      return std::string(name);
    }
  }
  return "default";
}

}  // namespace meshdns::kube
