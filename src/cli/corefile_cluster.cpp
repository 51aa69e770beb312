#include "cli/corefile_cluster.hpp"

#include "cli/corefile_cluster_steps.hpp"
#include "cli/dns_snapshot.hpp"
#include "cli/session.hpp"

#include <meshdns/kube/rest_client.hpp>
#include <meshdns/text.hpp>

#include <memory>
#include <utility>

namespace meshdns::cli {

Result<cluster_dns::Plan> read_and_plan(ObjectSource& source,
                                        const cluster_dns::PlanOptions& options) {
  Result<cluster_dns::Snapshot> snapshot = read_dns_snapshot(source);
  if (!snapshot) {
    return std::move(snapshot).error();
  }
  return cluster_dns::plan(*snapshot, options);
}

void report_plan(const cluster_dns::Plan& plan, Session& session) {
  for (const std::string& note : plan.notes) {
    session.note(note);
  }
  for (const std::string& warning : plan.warnings) {
    session.warn(warning);
  }
}

void run_corefile_on_cluster(const CorefileClusterJob& job, Session& session) {
  std::unique_ptr<ObjectSource> source;
  kube::RestClient* client = nullptr;
  if (!job.from_manifests.empty()) {
    Result<std::unique_ptr<ObjectSource>> manifests =
        make_manifest_source(job.from_manifests, job.manifest_namespace);
    if (!manifests) {
      session.fail(manifests.error());
      return;
    }
    source = std::move(*manifests);
  } else {
    Result<kube::RestClient*> kube = session.kube();
    if (!kube) {
      session.fail(kube.error());
      return;
    }
    client = *kube;
    source = make_api_source(*client);
  }
  ClusterRun run{session, *source, client, job};
  switch (job.action) {
    case CorefileAction::patch:
    case CorefileAction::unpatch:
      run_apply(run);
      return;
    case CorefileAction::rollback:
      run_rollback(run);
      return;
    case CorefileAction::diff:
      run_diff(run);
      return;
    case CorefileAction::status:
      run_status(run);
      return;
    case CorefileAction::show:
      run_show(run);
      return;
    case CorefileAction::lint:
      run_lint(run);
      return;
  }
}

}  // namespace meshdns::cli
