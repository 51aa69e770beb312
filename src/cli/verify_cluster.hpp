#pragma once

// The seam for reading expectations from the cluster (the ServiceEntries this tool manages and
// their Services' cluster IPs, SPEC §3.5). The Kubernetes client implements it; verify_run.cpp only
// calls make_cluster_source() when no names were given on the command line.

#include <meshdns/result.hpp>
#include <meshdns/verify/expectation.hpp>

#include <memory>

namespace meshdns::cli {

class Session;

// `all_namespaces`: -A; otherwise the namespace resolved from -n / the kubeconfig context.
Result<std::unique_ptr<verify::ExpectationSource>> make_cluster_source(Session& session,
                                                                       bool all_namespaces);

}  // namespace meshdns::cli
