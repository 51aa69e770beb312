#include "cli/alias_dns_warning.hpp"

#include "cli/session.hpp"

#include <meshdns/cluster_dns/plan.hpp>
#include <meshdns/log.hpp>
#include <meshdns/text.hpp>

namespace meshdns::cli {

void warn_unforwarded_zones(Session& session, const cluster_dns::Snapshot& snapshot,
                            const std::set<std::string>& zones) {
  constexpr int k_level = 1;
  if (zones.empty() || snapshot.objects.empty()) {
    return;  // nothing applied, or the DNS configuration could not be read (logged then)
  }
  for (const std::string& zone : zones) {
    cluster_dns::PlanOptions options;
    options.action = cluster_dns::Action::patch;
    options.target = cluster_dns::Target::kube_dns;
    options.zones = {zone};
    const Result<cluster_dns::Plan> plan = cluster_dns::plan(snapshot, options);
    if (!plan) {
      log::write(k_level, cat("cannot tell whether kube-dns forwards zone ", zone, ": ",
                              format_error(plan.error())));
      continue;
    }
    if (!plan->writes.empty()) {
      session.warn(cat("kube-dns does not forward zone ", zone,
                       " yet, so the alias does not resolve; run `kubectl meshdns corefile patch "
                       "--zone ",
                       zone, '`'));
    }
  }
}

}  // namespace meshdns::cli
