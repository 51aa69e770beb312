// `corefile diff` and `corefile status`: what patch would change, and whether the patch is still
// in place (platforms revert Corefiles: the EKS add-on, AKS within a minute, k3s on restart).

#include "cli/corefile_cluster_print.hpp"
#include "cli/corefile_cluster_steps.hpp"
#include "cli/dns_snapshot.hpp"
#include "cli/session.hpp"

#include <meshdns/colour.hpp>
#include <meshdns/text.hpp>
#include <meshdns/unified_diff.hpp>

#include <algorithm>
#include <string>
#include <vector>

namespace meshdns::cli {
namespace {

// kubectl diff's convention: 0 no differences, 1 differences, >1 an error. Status follows it so a
// cron job can tell "drifted" from "could not tell".
constexpr int k_error_exit = 2;

void fail_check(Session& session, const Error& error) {
  session.fail(error);
  session.set_exit_code(k_error_exit);
}

bool same_object(const kube::ResourceRef& a, const kube::ResourceRef& b) {
  return a.group == b.group && a.resource == b.resource && a.namespace_name == b.namespace_name &&
         a.name == b.name;
}

enum class State { in_place, drifted, missing };

std::string_view state_text(State state) {
  switch (state) {
    case State::in_place:
      return "in place";
    case State::drifted:
      return "drifted";
    case State::missing:
      return "missing";
  }
  return "";
}

std::string_view state_json(State state) {
  switch (state) {
    case State::in_place:
      return "InPlace";
    case State::drifted:
      return "Drifted";
    case State::missing:
      return "Missing";
  }
  return "";
}

struct Entry {
  const cluster_dns::Write* write;  // from the patch plan when patch would change it
  State state;
};

// Each object either plan touches: unpatch would change it when our lines are there, patch when
// they are not all there as patch would write them now.
std::vector<Entry> judge(const cluster_dns::Plan& patch, const cluster_dns::Plan& unpatch) {
  const auto find_in = [](const cluster_dns::Plan& plan,
                          const kube::ResourceRef& ref) -> const cluster_dns::Write* {
    const auto found =
        std::find_if(plan.writes.begin(), plan.writes.end(),
                     [&](const cluster_dns::Write& w) { return same_object(w.ref, ref); });
    return found == plan.writes.end() ? nullptr : &*found;
  };
  std::vector<Entry> entries;
  for (const cluster_dns::Write& ours : unpatch.writes) {
    const cluster_dns::Write* pending = find_in(patch, ours.ref);
    entries.push_back({pending != nullptr ? pending : &ours,
                       pending != nullptr ? State::drifted : State::in_place});
  }
  for (const cluster_dns::Write& pending : patch.writes) {
    if (find_in(unpatch, pending.ref) == nullptr) {
      entries.push_back({&pending, State::missing});
    }
  }
  return entries;
}

}  // namespace

void run_diff(ClusterRun& run) {
  cluster_dns::PlanOptions options = run.job.plan;
  options.action = cluster_dns::Action::patch;
  Result<cluster_dns::Plan> plan = read_and_plan(run, options);
  if (!plan) {
    fail_check(run.session, plan.error());
    return;
  }
  report_plan(*plan, run.session);
  std::string out;
  for (const cluster_dns::Write& write : plan->writes) {
    const std::string before = cat(write.label, " (live)");
    const std::string after = cat(write.label, " (patched)");
    out += unified_diff(write.before_text, write.after_text, {before, after});
  }
  print_out(colour_diff(run.session.stdout_colour(), out));
  run.session.set_exit_code(plan->writes.empty() ? 0 : 1);
}

void run_status(ClusterRun& run) {
  Result<cluster_dns::Snapshot> snapshot = read_snapshot(run);
  if (!snapshot) {
    fail_check(run.session, snapshot.error());
    return;
  }
  cluster_dns::PlanOptions options = run.job.plan;
  options.action = cluster_dns::Action::patch;
  Result<cluster_dns::Plan> patch = cluster_dns::plan(*snapshot, options);
  if (!patch) {
    fail_check(run.session, patch.error());
    return;
  }
  options.action = cluster_dns::Action::unpatch;
  Result<cluster_dns::Plan> unpatch = cluster_dns::plan(*snapshot, options);
  if (!unpatch) {
    fail_check(run.session, unpatch.error());
    return;
  }
  for (const std::string& warning : patch->warnings) {
    run.session.warn(warning);
  }
  const std::vector<Entry> entries = judge(*patch, *unpatch);
  const bool all_in_place = std::all_of(entries.begin(), entries.end(),
                                        [](const Entry& e) { return e.state == State::in_place; });
  if (run.job.output == OutputFormat::json) {
    nlohmann::json document = {{"platform", patch->platform},
                               {"zones", run.job.plan.zones},
                               {"inPlace", all_in_place},
                               {"corefiles", nlohmann::json::array()}};
    for (const Entry& entry : entries) {
      document["corefiles"].push_back(
          {{"object", object_name(entry.write->after, entry.write->ref)},
           {"namespace", entry.write->ref.namespace_name},
           {"name", entry.write->ref.name},
           {"description", entry.write->label},
           {"state", state_json(entry.state)},
           {"lostAliases", entry.write->lost}});
    }
    print_out(document.dump(4) + "\n");
  } else {
    std::string out = "STATE      COREFILE\n";
    for (const Entry& entry : entries) {
      std::string state(state_text(entry.state));
      state.resize(std::max<std::size_t>(state.size() + 1, 11), ' ');
      out += cat(state, entry.write->label, '\n');
      for (const std::string& alias : entry.write->lost) {
        // The coredns backend: a recorded alias whose rewrite line a platform took away.
        out += cat("           lost: the rewrite line of ", alias, '\n');
      }
    }
    print_out(out);
    const bool none_there = std::all_of(entries.begin(), entries.end(),
                                        [](const Entry& e) { return e.state == State::missing; });
    if (none_there) {
      // Nothing of ours anywhere: a cluster never patched, not one that drifted.
      run.session.note(
          "no Corefile routes the zones yet: `kubectl meshdns corefile diff` shows what patch "
          "would add; `kubectl meshdns corefile patch` adds it");
    } else if (!all_in_place) {
      run.session.note(
          "`kubectl meshdns corefile diff` shows what patch would change; `kubectl meshdns "
          "corefile patch` puts it back");
    }
  }
  run.session.set_exit_code(all_in_place ? 0 : 1);
}

}  // namespace meshdns::cli
