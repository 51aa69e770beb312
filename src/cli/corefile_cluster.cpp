#include "cli/corefile_cluster.hpp"

#include "cli/corefile_cluster_steps.hpp"
#include "cli/dns_snapshot.hpp"
#include "cli/session.hpp"

#include <meshdns/cluster_dns/backend.hpp>
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

Result<cluster_dns::Snapshot> read_snapshot(ClusterRun& run) {
  if (run.prefetched) {
    cluster_dns::Snapshot snapshot = std::move(*run.prefetched);
    run.prefetched.reset();
    return snapshot;
  }
  return read_dns_snapshot(run.source);
}

Result<cluster_dns::Plan> read_and_plan(ClusterRun& run, const cluster_dns::PlanOptions& options) {
  Result<cluster_dns::Snapshot> snapshot = read_snapshot(run);
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

namespace {

// --backend as the cluster makes it (auto: cluster_dns::choose_backend on what is read), said in
// one line with its evidence, as `alias` and `version` say it.
Result<cluster_dns::Backend> resolve_backend(ObjectSource& source, const CorefileClusterJob& job,
                                             Session& session,
                                             std::optional<cluster_dns::Snapshot>& read) {
  Result<cluster_dns::Snapshot> snapshot = read_dns_snapshot(source);
  if (!snapshot) {
    return std::move(snapshot).error();
  }
  Result<cluster_dns::BackendChoice> choice = cluster_dns::choose_backend(*snapshot, job.backend);
  if (!choice) {
    return std::move(choice).error();
  }
  if (!job.plan.aliases.empty() && choice->backend != cluster_dns::Backend::coredns) {
    return fail(Errc::usage, "--alias works only with the coredns backend",
                cat(cluster_dns::describe(*choice)),
                "pass --backend coredns, or --zone for the istiocoredns backend");
  }
  session.note(cluster_dns::describe(*choice));
  read = std::move(*snapshot);
  return choice->backend;
}

}  // namespace

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
  CorefileClusterJob resolved = job;
  std::optional<cluster_dns::Snapshot> prefetched;
  if (job.action == CorefileAction::patch || job.action == CorefileAction::unpatch ||
      job.action == CorefileAction::diff || job.action == CorefileAction::status) {
    Result<cluster_dns::Backend> backend = resolve_backend(*source, job, session, prefetched);
    if (!backend) {
      session.fail(backend.error());
      if (job.action == CorefileAction::diff || job.action == CorefileAction::status) {
        session.set_exit_code(2);  // their convention: >1 is an error, 1 a difference
      }
      return;
    }
    resolved.plan.backend = *backend;
  }
  ClusterRun run{session, *source, client, resolved, std::move(prefetched)};
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
