#include "kube/resolve.hpp"

#include "kube/validate.hpp"

#include <meshdns/text.hpp>

namespace meshdns::kube {
namespace {

// kubectl treats an empty flag value as not given (its overrides are plain strings).
const std::string* given(const std::optional<std::string>& flag) {
  return flag && !flag->empty() ? &*flag : nullptr;
}

template <typename Entry>
const Entry* find_entry(const std::map<std::string, Entry>& entries, const std::string& name) {
  const auto found = entries.find(name);
  return found == entries.end() ? nullptr : &found->second;
}

std::string files_read(const Kubeconfig& kubeconfig) {
  return kubeconfig.files.empty() ? std::string("no kubeconfig file was found")
                                  : cat("kubeconfig files read: ", join(kubeconfig.files, ", "));
}

// getCluster: ClusterDefaults, then the named entry field by field, then the flags; a CA or
// insecure flag replaces all three TLS trust fields, and --server clears a tls-server-name not
// given again.
ClusterEntry cluster_with_overrides(const ClusterEntry* entry, const KubeFlags& flags,
                                    const std::string& default_server) {
  ClusterEntry cluster = entry != nullptr ? *entry : ClusterEntry{};
  if (cluster.server.empty()) {
    cluster.server = default_server;
  }
  const std::string* server = given(flags.server);
  if (server != nullptr) {
    cluster.server = *server;
  }
  const std::string* authority = given(flags.certificate_authority);
  if (flags.insecure_skip_tls_verify || authority != nullptr) {
    cluster.insecure_skip_tls_verify = flags.insecure_skip_tls_verify;
    cluster.certificate_authority = authority != nullptr ? *authority : std::string();
    cluster.certificate_authority_data.clear();
  }
  const std::string* tls_server_name = given(flags.tls_server_name);
  if (tls_server_name != nullptr || server != nullptr) {
    cluster.tls_server_name = tls_server_name != nullptr ? *tls_server_name : std::string();
  }
  return cluster;
}

bool has_any_field(const ClusterEntry& cluster) {
  return !cluster.server.empty() || !cluster.certificate_authority.empty() ||
         !cluster.certificate_authority_data.empty() || !cluster.tls_server_name.empty() ||
         !cluster.proxy_url.empty() || cluster.insecure_skip_tls_verify;
}

}  // namespace

AuthMethod auth_method_of(const ClientConfig& config) {
  // The order the transport applies them in: a token file beats a token (and is re-read), any
  // token or certificate switches the exec plugin off (exec.Authenticator.UpdateTransportConfig).
  if (!config.token_file.empty()) {
    return AuthMethod::token_file;
  }
  if (!config.token.empty()) {
    return AuthMethod::token;
  }
  if (!config.client_certificate_pem.empty() || !config.client_certificate_file.empty()) {
    return AuthMethod::client_certificate;
  }
  return config.exec ? AuthMethod::exec : AuthMethod::none;
}

namespace {

void copy_user(const UserEntry& user, ClientConfig& config) {
  config.token = user.token;
  config.token_file = user.token_file;
  config.client_certificate_pem = user.client_certificate_data;
  config.client_certificate_file =
      user.client_certificate_data.empty() ? user.client_certificate : std::string();
  config.client_key_pem = user.client_key_data;
  config.client_key_file = user.client_key_data.empty() ? user.client_key : std::string();
  config.exec = user.exec;
}

void copy_cluster(const ClusterEntry& cluster, ClientConfig& config) {
  config.ca_pem = cluster.certificate_authority_data;
  config.ca_file =
      cluster.certificate_authority_data.empty() ? cluster.certificate_authority : std::string();
  config.tls_server_name = cluster.tls_server_name;
  config.insecure_skip_tls_verify = cluster.insecure_skip_tls_verify;
}

}  // namespace

std::string normalize_server(const std::string& server) {
  std::string normalized =
      server.find("://") == std::string::npos ? cat("http://", server) : server;
  while (normalized.size() > 1 && normalized.back() == '/' && !ends_with(normalized, "://")) {
    normalized.pop_back();
  }
  return normalized;
}

Result<Resolution> resolve_client_config(const Kubeconfig& kubeconfig, const KubeFlags& flags,
                                         const std::string& default_server) {
  Resolution resolution;
  ClientConfig& config = resolution.config;

  const std::string* context_flag = given(flags.context);
  config.context_name = context_flag != nullptr ? *context_flag : kubeconfig.current_context;
  const ContextEntry* context = find_entry(kubeconfig.contexts, config.context_name);
  if (!config.context_name.empty() && context == nullptr) {
    return fail(Errc::config,
                cat("context was not found for specified context: ", config.context_name),
                cat(context_flag != nullptr ? "--context" : "current-context",
                    " names a context that no kubeconfig file defines; ", files_read(kubeconfig)),
                "run 'kubectl config get-contexts' to list the contexts");
  }
  const ContextEntry selected = context != nullptr ? *context : ContextEntry{};

  const std::string* user_flag = given(flags.user);
  config.user_name = user_flag != nullptr ? *user_flag : selected.user;
  const UserEntry* user_entry = find_entry(kubeconfig.users, config.user_name);
  if (user_flag != nullptr && user_entry == nullptr) {
    return fail(
        Errc::config, cat("auth info \"", config.user_name, "\" does not exist"),
        cat("--user names a user that no kubeconfig file defines; ", files_read(kubeconfig)),
        "run 'kubectl config view' to list the users");
  }
  UserEntry user = user_entry != nullptr ? *user_entry : UserEntry{};
  if (const std::string* token = given(flags.token)) {
    user.token = *token;
  }

  const std::string* cluster_flag = given(flags.cluster);
  config.cluster_name = cluster_flag != nullptr ? *cluster_flag : selected.cluster;
  const ClusterEntry* cluster_entry = find_entry(kubeconfig.clusters, config.cluster_name);
  const ClusterEntry cluster = cluster_with_overrides(cluster_entry, flags, default_server);

  if (Result<void> valid = validate_user(config.user_name, user); !valid) {
    return std::move(valid).error();
  }
  if (cluster.server.empty()) {
    if (cluster_entry == nullptr && cluster_flag == nullptr && !has_any_field(cluster)) {
      // client-go's ErrEmptyConfig: the caller tries the in-cluster configuration next.
      resolution.empty = true;
      resolution.empty_reason =
          config.cluster_name.empty()
              ? files_read(kubeconfig)
              : cat("context \"", config.context_name, "\" names cluster \"", config.cluster_name,
                    "\", which no kubeconfig file defines; ", files_read(kubeconfig));
      return resolution;
    }
    return fail(Errc::config,
                config.cluster_name.empty()
                    ? std::string("default cluster has no server defined")
                    : cat("no server found for cluster \"", config.cluster_name, "\""),
                cluster_entry == nullptr
                    ? cat("no kubeconfig file defines that cluster; ", files_read(kubeconfig))
                    : cat("its entry in ", cluster_entry->defined_in, " has no server"),
                "pick another cluster or context, or give --server");
  }
  if (Result<void> valid = validate_cluster(config.cluster_name, cluster); !valid) {
    return std::move(valid).error();
  }

  config.server = normalize_server(cluster.server);
  if (const std::string* namespace_flag = given(flags.namespace_name)) {
    config.namespace_name = *namespace_flag;
  } else {
    config.namespace_name = selected.namespace_name;
  }
  // IsConfigTransportTLS: over plain http client-go keeps neither credentials nor TLS settings.
  config.proxy_url = cluster.proxy_url;
  config.plain_http = starts_with(config.server, "http://");
  if (!config.plain_http) {
    copy_user(user, config);
    copy_cluster(cluster, config);
  }
  config.auth_method = auth_method_of(config);
  return resolution;
}

}  // namespace meshdns::kube
