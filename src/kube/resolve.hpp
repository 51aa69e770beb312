#pragma once

// The pure part of client-go's DirectClientConfig: which context, cluster and user a kubeconfig and
// the flags select, with kubectl's override and validation rules. No I/O: files the kubeconfig
// names are read afterwards (client_config.cpp). Private to src/kube.

#include "kube/kubeconfig.hpp"

#include <meshdns/kube/client_config.hpp>
#include <meshdns/result.hpp>

#include <string>

namespace meshdns::kube {

struct Resolution {
  ClientConfig config;  // namespace_name empty unless -n or the context set it; files not yet read
  bool empty = false;   // nothing configured at all: client-go's ErrEmptyConfig, try in-cluster
  std::string empty_reason;  // why, for the error when in-cluster is not possible either
};

// `default_server` is $KUBERNETES_MASTER (client-go's ClusterDefaults), usually empty.
Result<Resolution> resolve_client_config(const Kubeconfig& kubeconfig, const KubeFlags& flags,
                                         const std::string& default_server);

// Which credentials the transport will use, in client-go's order of precedence.
AuthMethod auth_method_of(const ClientConfig& config);

// client-go's DefaultServerURL: no scheme means http; plain http carries no credentials.
std::string normalize_server(const std::string& server);

}  // namespace meshdns::kube
