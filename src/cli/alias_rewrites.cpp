#include "cli/alias_rewrites.hpp"

#include "cli/corefile_cluster_steps.hpp"
#include "cli/session.hpp"

#include <utility>

namespace meshdns::cli {

bool write_alias_rewrites(RewriteRun& run, cluster_dns::Action action,
                          std::vector<corefile::AliasRewrite> aliases,
                          std::vector<manifest::Object>* printed) {
  CorefileClusterJob job;
  job.action =
      action == cluster_dns::Action::patch ? CorefileAction::patch : CorefileAction::unpatch;
  job.plan.action = action;
  job.plan.target = cluster_dns::Target::kube_dns;
  job.plan.backend = cluster_dns::Backend::coredns;
  job.plan.aliases = std::move(aliases);
  job.dry_run = run.dry_run;
  if (printed != nullptr) {
    // What would be written, beside the ServiceEntries the command prints.
    Result<cluster_dns::Plan> plan = read_and_plan(run.source, job.plan);
    if (!plan) {
      run.session.fail(plan.error());
      return false;
    }
    report_plan(*plan, run.session);
    for (const cluster_dns::Write& write : plan->writes) {
      printed->push_back(manifest::Object::parse(write.after.dump()));
    }
    return true;
  }
  const int before = run.session.exit_code();
  ClusterRun cluster{run.session, run.source, run.client, job, std::nullopt};
  run_apply(cluster);
  return run.session.exit_code() == before;
}

}  // namespace meshdns::cli
