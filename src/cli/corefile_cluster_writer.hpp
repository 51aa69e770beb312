#pragma once

// Every request by which cluster-mode `corefile` changes the cluster, in one place so that
// --dry-run holds everywhere: client sends nothing (the object that would be sent comes back),
// server sends each write with dryRun=All. Writes are conditional on the resourceVersion read; a
// stale one comes back as Errc::conflict for the caller to re-read and re-plan.

#include "cli/corefile_cluster.hpp"

#include <meshdns/cluster_dns/plan.hpp>
#include <meshdns/kube/requests.hpp>
#include <meshdns/result.hpp>

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

namespace meshdns::kube {
class RestClient;
}

namespace meshdns::cli {

// How many times a conditional write (patch, rollback) re-reads and retries after a 409 Conflict
// before it gives up and names the object that keeps changing.
inline constexpr int k_max_write_attempts = 5;

class ClusterWriter {
 public:
  ClusterWriter(kube::RestClient& client, DryRunMode mode) : m_client(client), m_mode(mode) {}

  // `before` nullopt: POST `after` (create); else PUT `after` carrying before's resourceVersion.
  // Returns the object as the server stored it (or would, or as it would be sent).
  Result<nlohmann::json> write(const kube::ResourceRef& ref,
                               const std::optional<nlohmann::json>& before,
                               const nlohmann::json& after);

  // Records the state before `write` and the hashes of what it writes in the backup ConfigMap of
  // its namespace (read, then created or replaced conditionally).
  Result<void> save_backup(const cluster_dns::Write& write);

  // DELETE with a resourceVersion precondition (rollback of an object that patch created).
  Result<void> remove(const kube::ResourceRef& ref, const std::string& resource_version);

  // kubectl rollout restart: a new kubectl.kubernetes.io/restartedAt annotation on the pod
  // template makes the Deployment (or DaemonSet) replace its pods.
  Result<void> restart(const kube::ResourceRef& workload, const std::string& now);

 private:
  kube::RestClient& m_client;
  DryRunMode m_mode;
};

// The time in RFC 3339 as kubectl's restartedAt annotation carries it ("2024-05-01T10:00:00Z").
std::string rfc3339_now();

}  // namespace meshdns::cli
