// `corefile patch|unpatch` against the cluster: snapshot, plan, then for each write save the
// previous state and write conditionally; a 409 means someone changed an object since it was read,
// so everything is read and planned again (their change is kept, ours applied on top of it).

#include "cli/corefile_cluster_print.hpp"
#include "cli/corefile_cluster_steps.hpp"
#include "cli/corefile_cluster_writer.hpp"
#include "cli/session.hpp"

#include <meshdns/cluster_dns/backup.hpp>
#include <meshdns/text.hpp>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

namespace meshdns::cli {
namespace {

struct Applied {
  std::vector<cluster_dns::Write> writes;  // performed (or sent as a dry run)
  std::vector<nlohmann::json> objects;     // as the server returned them, for -o
};

// "internal, corp.example", or the aliases of the coredns backend ("every recorded alias").
std::string what_is_edited(const cluster_dns::PlanOptions& plan) {
  if (plan.backend != cluster_dns::Backend::coredns) {
    return join(plan.zones, ", ");
  }
  if (plan.aliases.empty()) {
    return "every alias it records";
  }
  std::vector<std::string> names;
  for (const corefile::AliasRewrite& alias : plan.aliases) {
    names.push_back(alias.alias);
  }
  return join(names, ", ");
}

// "deployment.apps/coredns" for a workload reference.
std::string workload_name(const kube::ResourceRef& ref) {
  std::string kind = ref.resource;
  if (!kind.empty() && kind.back() == 's') {
    kind.pop_back();
  }
  return cat(kind, ref.group.empty() ? std::string() : cat('.', ref.group), '/', ref.name);
}

// A failure after some objects were written says which, which were not, and how to undo them;
// "no DNS configuration was changed" only when that is so.
Error with_progress(Error error, const Applied& applied,
                    const std::vector<cluster_dns::Write>& not_written) {
  std::vector<std::string> done;
  for (const cluster_dns::Write& write : applied.writes) {
    done.push_back(result_name(write.after, write.ref));
  }
  std::vector<std::string> left;
  for (const cluster_dns::Write& write : not_written) {
    left.push_back(result_name(write.after, write.ref));
  }
  if (done.empty()) {
    error.fix = cat(error.fix, error.fix.empty() ? "" : "; ", "no DNS configuration was changed");
    return error;
  }
  error.why = cat(error.why, error.why.empty() ? "" : "; ", "written: ", join(done, ", "),
                  "; not written: ", left.empty() ? std::string("none") : join(left, ", "));
  error.fix =
      cat("run `kubectl meshdns corefile rollback` to undo what was written, or fix the "
          "cause and run the command again (",
          error.fix, ")");
  return error;
}

std::string rollout_command(const kube::ResourceRef& ref) {
  std::string kind = ref.resource;
  if (!kind.empty() && kind.back() == 's') {
    kind.pop_back();
  }
  return cat("kubectl -n ", ref.namespace_name, " rollout restart ", kind, '/', ref.name);
}

// What happens next: reload picks the change up, or CoreDNS must be restarted.
void explain_next_steps(const ClusterRun& run, const Applied& applied, ClusterWriter* writer) {
  std::vector<std::string> done;
  for (const cluster_dns::Write& write : applied.writes) {
    if (!write.reloads) {
      continue;
    }
    const std::string name = workload_name(*write.reloads);
    if (std::find(done.begin(), done.end(), name) != done.end()) {
      continue;
    }
    done.push_back(name);
    if (write.has_reload_plugin) {
      continue;  // the plan's notes say when reload picks the change up
    }
    if (!run.job.restart || writer == nullptr) {
      run.session.warn(cat(write.label, " has no reload plugin: ", name,
                           " keeps serving the old Corefile until its pods restart; pass --restart "
                           "or run `",
                           rollout_command(*write.reloads), '`'));
      continue;
    }
    if (Result<void> restarted = writer->restart(*write.reloads, rfc3339_now()); !restarted) {
      run.session.fail(restarted.error());
      return;
    }
    if (run.job.output == OutputFormat::none) {
      print_out(cat(name, " -n ", write.reloads->namespace_name, " restarted",
                    dry_run_suffix(run.job.dry_run), '\n'));
    }
  }
}

void print_offline(ClusterRun& run, const cluster_dns::Plan& plan) {
  std::vector<nlohmann::json> objects;
  for (const cluster_dns::Write& write : plan.writes) {
    run.session.note(
        cat(write.label, ": ",
            run.job.plan.action == cluster_dns::Action::unpatch ? "unpatched" : "patched"));
    objects.push_back(write.after);
  }
  const OutputFormat format =
      run.job.output == OutputFormat::none ? OutputFormat::yaml : run.job.output;
  print_out(render_objects(objects, format));
}

}  // namespace

void run_apply(ClusterRun& run) {
  const bool unpatch = run.job.plan.action == cluster_dns::Action::unpatch;
  const std::string_view done = unpatch ? "unpatched" : "patched";
  Applied applied;
  std::optional<ClusterWriter> writer;
  if (run.client != nullptr) {
    writer.emplace(*run.client, run.job.dry_run);
  }
  for (int attempt = 1; attempt <= k_max_write_attempts; ++attempt) {
    Result<cluster_dns::Plan> plan = read_and_plan(run, run.job.plan);
    if (!plan) {
      run.session.fail(plan.error());
      return;
    }
    if (attempt == 1) {
      report_plan(*plan, run.session);
    }
    if (plan->writes.empty()) {
      if (applied.writes.empty()) {
        run.session.note(cat("unchanged: the DNS configuration (", plan->platform, ") is already ",
                             done, " for ", what_is_edited(run.job.plan)));
      }
      break;
    }
    if (!writer) {
      print_offline(run, *plan);
      return;
    }
    // Every previous state is saved before the first object changes, so a refused backup (RBAC,
    // quota) leaves the cluster as it was rather than half patched.
    Result<void> saved;
    for (const cluster_dns::Write& write : plan->writes) {
      saved = writer->save_backup(write);
      if (!saved) {
        break;
      }
    }
    if (!saved && (saved.error().code != Errc::conflict || attempt == k_max_write_attempts)) {
      run.session.fail(with_progress(saved.error(), applied, plan->writes));
      return;
    }
    if (!saved) {  // another patch saved its state at the same time: read everything again
      run.session.note(cat("configmap ", cluster_dns::k_backup_name,
                           " changed since it was read; reading the cluster again (attempt ",
                           attempt + 1, " of ", k_max_write_attempts, ')'));
      continue;
    }
    bool conflict = false;
    for (std::size_t i = 0; i < plan->writes.size(); ++i) {
      const cluster_dns::Write& write = plan->writes[i];
      Result<nlohmann::json> written = writer->write(write.ref, write.before, write.after);
      if (!written) {
        const std::vector<cluster_dns::Write> left(plan->writes.begin() + static_cast<long>(i),
                                                   plan->writes.end());
        if (written.error().code != Errc::conflict) {
          run.session.fail(with_progress(written.error(), applied, left));
          return;
        }
        if (attempt == k_max_write_attempts) {
          run.session.fail(
              with_progress(fail(Errc::conflict,
                                 cat(object_path(write.ref), " changed ", k_max_write_attempts,
                                     " times while it was being written"),
                                 "another client keeps changing it", "try again later"),
                            applied, left));
          return;
        }
        run.session.note(cat(object_path(write.ref), " changed since it was read; reading the ",
                             "cluster again (attempt ", attempt + 1, " of ", k_max_write_attempts,
                             ')'));
        conflict = true;
        break;
      }
      if (run.job.dry_run == DryRunMode::none &&
          !cluster_dns::same_content(write.after, *written)) {
        // The server stored more than we sent (CRD defaults): record what it stored, so rollback
        // can tell our write from someone else's later change.
        cluster_dns::Write stored = write;
        stored.after = *written;
        if (Result<void> resaved = writer->save_backup(stored); !resaved) {
          run.session.warn(cat(write.label,
                               ": the backup records what was sent, not what the "
                               "server stored (",
                               format_error(resaved.error()),
                               "); corefile rollback will ask for --force for it"));
        }
      }
      if (run.job.dry_run == DryRunMode::none) {
        run.session.note(cat(write.label, ": previous state saved in configmap ",
                             cluster_dns::backup_namespace(write.ref), '/',
                             cluster_dns::k_backup_name, " (key ",
                             cluster_dns::backup_key(write.ref), ')'));
      }
      if (run.job.output == OutputFormat::none) {
        print_out(cat(result_name(*written, write.ref), ' ', write.before ? done : "created",
                      dry_run_suffix(run.job.dry_run), '\n'));
      }
      applied.objects.push_back(std::move(*written));
      applied.writes.push_back(write);
    }
    if (!conflict) {
      break;
    }
  }
  print_out(render_objects(applied.objects, run.job.output));
  if (run.job.dry_run == DryRunMode::none || run.job.restart) {
    explain_next_steps(run, applied, writer ? &*writer : nullptr);
  }
}

}  // namespace meshdns::cli
