#pragma once

// The in-cluster configuration (client-go's inClusterClientConfig and rest.InClusterConfig): the
// pod's service account, used when no kubeconfig configures anything. Private to src/kube.

#include <meshdns/kube/client_config.hpp>
#include <meshdns/result.hpp>

#include <string>

namespace meshdns::kube {

// KUBERNETES_SERVICE_HOST and _PORT set and the service account token is a regular file.
bool in_cluster_possible(const Environment& environment);

// https://HOST:PORT (an IPv6 host in brackets), the token file (re-read on use), ca.crt when it
// holds a certificate. Of the flags only --server, --token and --certificate-authority apply, as in
// client-go; --request-timeout and -n are applied by the caller.
Result<ClientConfig> in_cluster_config(const KubeFlags& flags, const Environment& environment);

// POD_NAMESPACE, else the service account's namespace file, else "default".
std::string in_cluster_namespace(const Environment& environment);

}  // namespace meshdns::kube
