#pragma once

// client-go's validateAuthInfo and validateClusterInfo, plus what it only finds when it builds the
// transport (CA together with insecure, unsupported auth). Pure; the first problem wins, where
// client-go would list them all. Private to src/kube.

#include "kube/kubeconfig.hpp"

#include <meshdns/result.hpp>

#include <string>

namespace meshdns::kube {

Result<void> validate_user(const std::string& name, const UserEntry& user);
Result<void> validate_cluster(const std::string& name, const ClusterEntry& cluster);

}  // namespace meshdns::kube
