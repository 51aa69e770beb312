#pragma once

// SPEC §3.3: an alias answers only once kube-dns forwards its zone. After `alias` succeeds, this
// says so for every zone that is not forwarded yet, naming the command that fixes it.

#include <meshdns/cluster_dns/plan.hpp>

#include <set>
#include <string>

namespace meshdns::cli {

class Session;

// The istiocoredns backend's check. Asks the same planner `corefile patch --target kube-dns --zone
// ZONE` uses, with the cluster's DNS configuration `alias` read to choose its backend: the zone is
// forwarded when that plan has nothing to write, so the answer is right on every platform the
// planner knows (kubeadm, k3s, AKS, GKE, OpenShift...). The alias is already applied, so a
// failure to decide (an unknown platform) is no error: it is logged at -v 1 and nothing is said.
void warn_unforwarded_zones(Session& session, const cluster_dns::Snapshot& snapshot,
                            const std::set<std::string>& zones);

}  // namespace meshdns::cli
