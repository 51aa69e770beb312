// `corefile rollback`: puts back the fields the last patch or unpatch changed, in the objects it
// wrote and nothing else. Every saved state is checked first (cluster_dns::saved_states refuses a
// tampered one, plan_restore refuses an object someone changed since we wrote it, or a Corefile
// that would not load); only then is anything written, each write conditional on the
// resourceVersion just read (a 409 re-reads and plans that object again, bounded).

#include "cli/corefile_cluster_print.hpp"
#include "cli/corefile_cluster_steps.hpp"
#include "cli/corefile_cluster_writer.hpp"
#include "cli/rbac_hint.hpp"
#include "cli/session.hpp"

#include <meshdns/cluster_dns/backup.hpp>
#include <meshdns/cluster_dns/coredns_release.hpp>
#include <meshdns/manifest/json_fields.hpp>
#include <meshdns/text.hpp>

#include <set>
#include <string>
#include <vector>

namespace meshdns::cli {
namespace {

using cluster_dns::Restore;
using cluster_dns::SavedState;

// Every namespace that may hold a backup: those of the objects plans write, and kube-system for
// cluster-scoped ones.
std::vector<kube::ResourceRef> backup_refs() {
  std::set<std::string> namespaces = {"kube-system"};
  for (const cluster_dns::WatchedObject& object : cluster_dns::watched_objects()) {
    namespaces.insert(cluster_dns::backup_namespace(object.ref));
  }
  std::vector<kube::ResourceRef> refs;
  for (const std::string& namespace_name : namespaces) {
    refs.push_back(cluster_dns::backup_ref(namespace_name));
  }
  return refs;
}

Result<std::vector<SavedState>> read_saved_states(ObjectSource& source) {
  std::vector<SavedState> states;
  const std::vector<kube::ResourceRef> refs = backup_refs();
  std::vector<Result<std::optional<nlohmann::json>>> backups = source.get_all(refs);
  for (std::size_t i = 0; i < backups.size(); ++i) {
    Result<std::optional<nlohmann::json>>& backup = backups[i];
    if (!backup) {
      if (is_denied(backup.error())) {
        return explain_denied(refs[i], "get", "reading the saved states",
                              std::move(backup).error());
      }
      return std::move(backup).error();
    }
    if (!backup->has_value()) {
      continue;
    }
    Result<std::vector<SavedState>> saved = cluster_dns::saved_states(**backup);
    if (!saved) {
      return std::move(saved).error();
    }
    states.insert(states.end(), saved->begin(), saved->end());
  }
  return states;
}

Result<Restore> read_and_plan(ClusterRun& run, const SavedState& state) {
  Result<std::optional<nlohmann::json>> current = run.source.get(state.ref);
  if (!current) {
    return std::move(current).error();
  }
  return cluster_dns::plan_restore(state, *current, run.job.plan.force);
}

// Performs one planned restore; the kubectl-like result line, or Errc::conflict to plan again.
Result<std::string> perform(ClusterRun& run, ClusterWriter& writer, const Restore& restore,
                            std::vector<nlohmann::json>& objects) {
  const std::string suffix(dry_run_suffix(run.job.dry_run));
  if (restore.action == Restore::Action::remove) {  // patch created it: rollback removes it
    Result<void> removed =
        writer.remove(restore.ref, manifest::resource_version_of(*restore.current));
    if (!removed) {
      return removed.error();
    }
    return cat(result_name(*restore.current, restore.ref), " deleted", suffix, '\n');
  }
  Result<nlohmann::json> written = writer.write(restore.ref, restore.current, restore.after);
  if (!written) {
    return written.error();
  }
  std::string line = cat(result_name(*written, restore.ref),
                         restore.current ? " restored" : " created", suffix, '\n');
  objects.push_back(std::move(*written));
  return line;
}

Error with_progress(Error error, const std::vector<std::string>& done) {
  if (done.empty()) {
    error.fix = cat(error.fix, error.fix.empty() ? "" : "; ", "nothing was restored");
    return error;
  }
  error.why = cat(error.why, error.why.empty() ? "" : "; ", "already restored: ", join(done, ", "));
  error.fix = cat(error.fix, error.fix.empty() ? "" : "; ",
                  "run `kubectl meshdns corefile rollback` again to restore the rest");
  return error;
}

}  // namespace

void run_rollback(ClusterRun& run) {
  if (run.client == nullptr) {
    run.session.fail(fail(Errc::usage, "corefile rollback does not work with --from-manifests",
                          "the saved states live in the cluster",
                          "roll back through your manifests' history (git revert) instead"));
    return;
  }
  Result<std::vector<SavedState>> states = read_saved_states(run.source);
  if (!states) {
    run.session.fail(states.error());
    return;
  }
  if (states->empty()) {
    run.session.fail(
        fail(Errc::not_found,
             cat("nothing to roll back: no configmap ", cluster_dns::k_backup_name, " found"),
             "corefile patch and unpatch save the previous state there before "
             "they change anything",
             "nothing was changed by them in this cluster"));
    return;
  }
  // Every state is planned before anything is written: one refusal leaves everything as it is.
  std::vector<Restore> restores;
  for (const SavedState& state : *states) {
    Result<Restore> restore = read_and_plan(run, state);
    if (!restore) {
      run.session.fail(restore.error());
      return;
    }
    restores.push_back(std::move(*restore));
  }
  const bool text = run.job.output == OutputFormat::none;
  for (const Restore& restore : restores) {
    if (restore.action != Restore::Action::unchanged && !restore.changed_since.empty()) {
      run.session.warn(cat(result_name(restore.current.value_or(nlohmann::json()), restore.ref),
                           " changed since kubectl meshdns wrote it (",
                           join(restore.changed_since, ", "),
                           "); --force: rolling back overwrites what the diff shows"));
      if (text) {
        print_out(restore.lost);
      }
    }
  }
  ClusterWriter writer(*run.client, run.job.dry_run);
  std::vector<nlohmann::json> objects;
  std::vector<std::string> done;
  std::vector<std::string> restarts;  // kubectl commands that reload what was restored
  for (std::size_t i = 0; i < restores.size(); ++i) {
    Restore restore = restores[i];
    for (int attempt = 1; restore.action != Restore::Action::unchanged; ++attempt) {
      Result<std::string> line = perform(run, writer, restore, objects);
      if (line) {
        if (text) {
          print_out(*line);
        }
        done.push_back(result_name(restore.current.value_or(restore.after), restore.ref));
        if (const std::optional<kube::ResourceRef> loader =
                cluster_dns::coredns_workload_of(restore.ref)) {
          restarts.push_back(cat("kubectl -n ", loader->namespace_name, " rollout restart ",
                                 loader->resource == "daemonsets" ? "daemonset/" : "deployment/",
                                 loader->name));
        }
        break;
      }
      if (line.error().code != Errc::conflict) {
        run.session.fail(with_progress(line.error(), done));
        return;
      }
      if (attempt == k_max_write_attempts) {
        run.session.fail(
            with_progress(fail(Errc::conflict,
                               cat(object_path(restore.ref), " changed ", k_max_write_attempts,
                                   " times while it was being restored"),
                               "another client keeps changing it", "try again later"),
                          done));
        return;
      }
      run.session.note(
          cat(object_path(restore.ref), " changed since it was read; reading it again"));
      Result<Restore> again = read_and_plan(run, (*states)[i]);
      if (!again) {
        run.session.fail(with_progress(again.error(), done));
        return;
      }
      restore = std::move(*again);
    }
  }
  print_out(render_objects(objects, run.job.output));
  if (done.empty()) {
    run.session.note("unchanged: every object already holds its saved state");
  } else if (run.job.dry_run == DryRunMode::none) {
    run.session.note(
        cat("CoreDNS picks restored Corefiles up through its reload plugin in about 30-90 s",
            restarts.empty() ? std::string()
                             : cat("; without reload, restart it (", join(restarts, "; "), ")")));
  }
}

}  // namespace meshdns::cli
