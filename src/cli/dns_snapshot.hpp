#pragma once

// Reads the objects that hold the cluster's DNS configuration (cluster_dns::watched_objects(), all
// at once) from the API server or from manifests. Shared by `corefile` (its plans) and `alias` (the
// warning when kube-dns does not forward an alias's zone yet).

#include "cli/object_source.hpp"

#include <meshdns/cluster_dns/plan.hpp>
#include <meshdns/result.hpp>

namespace meshdns::cli {

// Absent objects (404, or a resource the server does not serve) are left out of the snapshot; any
// other failure (401, 403 naming the verb and resource, network) is the error.
Result<cluster_dns::Snapshot> read_dns_snapshot(ObjectSource& source);

}  // namespace meshdns::cli
