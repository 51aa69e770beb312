#pragma once

// The clusters of test/cluster_dns/clusters/*.yaml as plans see them (the same files the CLI's
// end-to-end tests seed the stand-in API server with), planning them as the platform tests do, and
// a server's side of performing a plan.

#include "support/test_data.hpp"

#include <meshdns/cluster_dns/plan.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace meshdns::test {

// Every watched object the file holds, with a resourceVersion as read from a server; its Istio
// mesh configs; and Istio's API versions as served when the file holds anything of istio-system.
cluster_dns::Snapshot load_cluster(std::string_view name);

// The kube-dns side alone (Target::kube_dns), for the tests of one platform's planner.
cluster_dns::PlanOptions kube_dns_only(cluster_dns::Action action = cluster_dns::Action::patch,
                                       std::vector<std::string> zones = {"internal"});

// plan()'s result; the test fails with the error's message when there is none.
cluster_dns::Plan planned(const cluster_dns::Snapshot& snapshot,
                          const cluster_dns::PlanOptions& options);

// What the server holds after the plan's writes: each `after` replaces (or creates) its object,
// with a new resourceVersion.
void perform(cluster_dns::Snapshot& snapshot, const cluster_dns::Plan& plan);

// data[key] of the ConfigMap in `role`, "" when absent.
std::string data_of(const cluster_dns::Snapshot& snapshot, std::string_view role,
                    std::string_view key = "Corefile");

}  // namespace meshdns::test
