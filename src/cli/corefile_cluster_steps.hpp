#pragma once

// The cluster-mode `corefile` subcommands, one function each, called by corefile_cluster.cpp with
// the object source it made (API server or manifests). Each records its outcome on the session.

#include "cli/corefile_cluster.hpp"
#include "cli/object_source.hpp"

#include <meshdns/cluster_dns/plan.hpp>
#include <meshdns/result.hpp>

#include <optional>

namespace meshdns::kube {
class RestClient;
}

namespace meshdns::cli {

class Session;

struct ClusterRun {
  Session& session;
  ObjectSource& source;
  kube::RestClient* client;  // null offline (--from-manifests)
  const CorefileClusterJob& job;
  // What choosing the backend already read: the first plan uses it instead of asking again (a
  // retry after a 409 reads afresh).
  std::optional<cluster_dns::Snapshot> prefetched;
};

// Snapshot, then plan with these options (the two steps every subcommand starts with).
Result<cluster_dns::Plan> read_and_plan(ObjectSource& source,
                                        const cluster_dns::PlanOptions& options);
// The same on the run: the prefetched snapshot once, then fresh reads.
Result<cluster_dns::Snapshot> read_snapshot(ClusterRun& run);
Result<cluster_dns::Plan> read_and_plan(ClusterRun& run, const cluster_dns::PlanOptions& options);

// Prints the plan's notes and warnings to stderr.
void report_plan(const cluster_dns::Plan& plan, Session& session);

void run_apply(ClusterRun& run);     // patch, unpatch    corefile_cluster_apply.cpp
void run_rollback(ClusterRun& run);  // rollback          corefile_rollback.cpp
void run_diff(ClusterRun& run);      // diff              corefile_cluster_status.cpp
void run_status(ClusterRun& run);    // status            corefile_cluster_status.cpp
void run_show(ClusterRun& run);      // show              corefile_cluster_inspect.cpp
void run_lint(ClusterRun& run);      // lint              corefile_cluster_inspect.cpp

}  // namespace meshdns::cli
