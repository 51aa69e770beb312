// `corefile rollback`: puts back every state saved by the last patch or unpatch, each write
// conditional on the resourceVersion just read (a 409 re-reads and tries again, bounded).

#include "cli/corefile_backup.hpp"
#include "cli/corefile_cluster_print.hpp"
#include "cli/corefile_cluster_steps.hpp"
#include "cli/corefile_cluster_writer.hpp"
#include "cli/rbac_hint.hpp"
#include "cli/session.hpp"

#include <meshdns/cluster_dns/coredns_release.hpp>
#include <meshdns/manifest/json_fields.hpp>
#include <meshdns/text.hpp>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

namespace meshdns::cli {
namespace {

// Every namespace that may hold a backup: those of the objects plans write, and kube-system for
// cluster-scoped ones.
std::vector<kube::ResourceRef> backup_refs() {
  std::set<std::string> namespaces = {"kube-system"};
  for (const cluster_dns::WatchedObject& object : cluster_dns::watched_objects()) {
    namespaces.insert(backup_namespace(object.ref));
  }
  std::vector<kube::ResourceRef> refs;
  for (const std::string& namespace_name : namespaces) {
    refs.push_back(backup_ref(namespace_name));
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
    Result<std::vector<SavedState>> saved = saved_states(**backup);
    if (!saved) {
      return std::move(saved).error();
    }
    states.insert(states.end(), saved->begin(), saved->end());
  }
  return states;
}

enum class Restored { unchanged, written, conflict };

// Restores one saved state; prints the kubectl-like line.
Result<Restored> restore(ClusterRun& run, ClusterWriter& writer, const SavedState& state,
                         std::vector<nlohmann::json>& objects) {
  Result<std::optional<nlohmann::json>> current = run.source.get(state.ref);
  if (!current) {
    return std::move(current).error();
  }
  const std::string suffix(dry_run_suffix(run.job.dry_run));
  const bool text = run.job.output == OutputFormat::none;
  std::string line;
  if (!state.object) {  // patch created it: rollback removes it
    if (!current->has_value()) {
      return Restored::unchanged;
    }
    Result<void> removed = writer.remove(state.ref, manifest::resource_version_of(**current));
    if (!removed) {
      return removed.error().code == Errc::conflict ? Result<Restored>(Restored::conflict)
                                                    : Result<Restored>(removed.error());
    }
    line = cat(object_name(**current, state.ref), " deleted", suffix, '\n');
  } else {
    std::optional<nlohmann::json> before;
    nlohmann::json after = recreated_object(*state.object);
    if (current->has_value()) {
      if (is_restored(*state.object, **current)) {
        return Restored::unchanged;
      }
      before = **current;
      after = restored_object(*state.object, **current);
    }
    Result<nlohmann::json> written = writer.write(state.ref, before, after);
    if (!written) {
      return written.error().code == Errc::conflict ? Result<Restored>(Restored::conflict)
                                                    : Result<Restored>(written.error());
    }
    line = cat(object_name(*written, state.ref), before ? " restored" : " created", suffix, '\n');
    objects.push_back(std::move(*written));
  }
  if (text) {
    print_out(line);
  }
  return Restored::written;
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
    run.session.fail(fail(Errc::not_found,
                          cat("nothing to roll back: no configmap ", k_backup_name, " found"),
                          "corefile patch and unpatch save the previous state there before "
                          "they change anything",
                          "nothing was changed by them in this cluster"));
    return;
  }
  ClusterWriter writer(*run.client, run.job.dry_run);
  std::vector<nlohmann::json> objects;
  std::size_t written = 0;
  std::vector<std::string> restarts;  // kubectl commands that reload what was restored
  for (const SavedState& state : *states) {
    for (int attempt = 1;; ++attempt) {
      Result<Restored> restored = restore(run, writer, state, objects);
      if (!restored) {
        run.session.fail(restored.error());
        return;
      }
      if (*restored != Restored::conflict) {
        written += *restored == Restored::written ? 1 : 0;
        const std::optional<kube::ResourceRef> loader = cluster_dns::coredns_workload_of(state.ref);
        if (*restored == Restored::written && loader) {
          restarts.push_back(cat("kubectl -n ", loader->namespace_name, " rollout restart ",
                                 loader->resource == "daemonsets" ? "daemonset/" : "deployment/",
                                 loader->name));
        }
        break;
      }
      if (attempt == k_max_write_attempts) {
        run.session.fail(fail(Errc::conflict,
                              cat(object_path(state.ref), " changed ", k_max_write_attempts,
                                  " times while it was being restored"),
                              "another client keeps changing it", "try again later"));
        return;
      }
      run.session.note(cat(object_path(state.ref), " changed since it was read; reading it again"));
    }
  }
  print_out(render_objects(objects, run.job.output));
  if (written == 0) {
    run.session.note("unchanged: every object already holds its saved state");
  } else if (run.job.dry_run == DryRunMode::none) {
    run.session.note(
        cat("CoreDNS picks restored Corefiles up through its reload plugin in about 30-90 s",
            restarts.empty() ? std::string()
                             : cat("; without reload, restart it (", join(restarts, "; "), ")")));
  }
}

}  // namespace meshdns::cli
