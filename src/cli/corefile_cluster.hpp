#pragma once

// `corefile SUBCOMMAND` without --file: the cluster's DNS configuration, read from the API server
// (or offline from --from-manifests), planned by cluster_dns::plan() and written back safely
// (backups, writes conditional on resourceVersion, bounded re-plan on 409).

#include "cli/corefile_file.hpp"
#include "cli/dry_run.hpp"

#include <meshdns/cluster_dns/plan.hpp>

#include <cstdint>
#include <string>

namespace meshdns::cli {

class Session;

// -o: none prints kubectl-like lines ("configmap/coredns patched"); yaml/json print the objects.
enum class OutputFormat : std::uint8_t { none, yaml, json };

struct CorefileClusterJob {
  CorefileAction action = CorefileAction::patch;
  // zones, target, --coredns-version, --upstream and --alias; plan.action is set from `action`,
  // plan.backend from `backend` once the cluster is read (auto: cluster_dns::choose_backend).
  cluster_dns::PlanOptions plan;
  cluster_dns::Backend backend = cluster_dns::Backend::automatic;  // --backend
  DryRunMode dry_run = DryRunMode::none;
  OutputFormat output = OutputFormat::none;
  bool restart = false;        // --restart: roll CoreDNS that has no `reload` plugin
  std::string from_manifests;  // non-empty: offline, read these manifests and print
  std::string manifest_namespace = "default";  // for manifests without metadata.namespace
};

// Runs the job and records the outcome (exit code, errors) on the session.
void run_corefile_on_cluster(const CorefileClusterJob& job, Session& session);

}  // namespace meshdns::cli
