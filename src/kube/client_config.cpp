// load_client_config: kubeconfig files, then flags, then the in-cluster fallback, then the files
// the result names. The order of checks follows client-go's DeferredLoadingClientConfig so the
// first error a user sees is the one kubectl would show.

#include "kube/duration.hpp"
#include "kube/in_cluster.hpp"
#include "kube/kubeconfig.hpp"
#include "kube/read_file.hpp"
#include "kube/resolve.hpp"

#include <meshdns/kube/client_config.hpp>
#include <meshdns/text.hpp>

namespace meshdns::kube {
namespace {

std::string variable(const Environment& environment, const std::string& name) {
  const auto found = environment.variables.find(name);
  return found == environment.variables.end() ? std::string() : found->second;
}

// validateClusterInfo/validateAuthInfo open the files; the transport then parses them.
Result<std::string> read_named_file(const std::string& path, const char* field,
                                    const std::string& owner) {
  Result<std::string> contents = read_whole_file(path);
  if (!contents) {
    return fail(
        Errc::config,
        cat("unable to read ", field, ' ', path, " for ", owner, " due to ", contents.error().what),
        "the kubeconfig names a file that cannot be read",
        "fix the path (relative paths are taken from the kubeconfig's folder)");
  }
  return contents;
}

Result<void> read_referenced_files(ClientConfig& config) {
  if (config.ca_pem.empty() && !config.ca_file.empty()) {
    Result<std::string> ca =
        read_named_file(config.ca_file, "certificate-authority", config.cluster_name);
    if (!ca) {
      return std::move(ca).error();
    }
    config.ca_pem = std::move(ca).value();
  }
  if (!config.ca_pem.empty() && config.ca_pem.find("-----BEGIN") == std::string::npos) {
    return fail(
        Errc::config, "unable to load root certificates: unable to parse bytes as PEM block",
        cat("the certificate authority of cluster \"", config.cluster_name, "\" is not PEM"),
        "give a PEM file (-----BEGIN CERTIFICATE-----)");
  }
  if (!config.client_certificate_file.empty()) {
    Result<std::string> certificate =
        read_named_file(config.client_certificate_file, "client-cert", config.user_name);
    if (!certificate) {
      return std::move(certificate).error();
    }
    config.client_certificate_pem = std::move(certificate).value();
  }
  if (!config.client_key_file.empty()) {
    Result<std::string> key =
        read_named_file(config.client_key_file, "client-key", config.user_name);
    if (!key) {
      return std::move(key).error();
    }
    config.client_key_pem = std::move(key).value();
  }
  // getUserIdentificationPartialConfig reads the token file up front when there is no token.
  if (config.token.empty() && !config.token_file.empty()) {
    if (Result<std::string> token = read_whole_file(config.token_file); !token) {
      return fail(Errc::config, token.error().what,
                  cat("the tokenFile of user \"", config.user_name, "\" cannot be read"),
                  "fix the path (relative paths are taken from the kubeconfig's folder)");
    }
  }
  return {};
}

}  // namespace

Result<ClientConfig> load_client_config(const KubeFlags& flags, const Environment& environment) {
  Result<Kubeconfig> kubeconfig = load_kubeconfigs(flags, environment);
  if (!kubeconfig) {
    return std::move(kubeconfig).error();
  }
  Result<Resolution> resolution =
      resolve_client_config(*kubeconfig, flags, variable(environment, "KUBERNETES_MASTER"));
  if (!resolution) {
    return std::move(resolution).error();
  }
  const bool in_cluster = in_cluster_possible(environment);
  ClientConfig config;
  if (!resolution->empty) {
    config = std::move(resolution->config);
  } else if (in_cluster) {
    Result<ClientConfig> pod = in_cluster_config(flags, environment);
    if (!pod) {
      return pod;
    }
    config = std::move(pod).value();
    if (flags.namespace_name && !flags.namespace_name->empty()) {
      config.namespace_name = *flags.namespace_name;
    }
  } else {
    return fail(Errc::config, k_empty_config_message, resolution->empty_reason,
                "set KUBECONFIG or --kubeconfig to a kubeconfig file, or give --server");
  }
  // Namespace(): -n, else the context's, else the pod's own when it runs in a cluster.
  if (config.namespace_name.empty()) {
    config.namespace_name = in_cluster ? in_cluster_namespace(environment) : "default";
  }
  if (Result<void> files = read_referenced_files(config); !files) {
    return std::move(files).error();
  }
  if (flags.request_timeout && !flags.request_timeout->empty()) {
    Result<std::chrono::milliseconds> timeout = parse_request_timeout(*flags.request_timeout);
    if (!timeout) {
      return std::move(timeout).error();
    }
    config.request_timeout = *timeout;
  }
  return config;
}

}  // namespace meshdns::kube
