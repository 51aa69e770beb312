#pragma once

// Which backend `alias` and `alias delete` work with (SPEC §3.6): the cluster's DNS objects read
// once (the same snapshot `corefile patch` reads), the rule of cluster_dns::choose_backend asked,
// and its one line (backend and evidence) printed to stderr with its warnings.

#include "cli/object_source.hpp"

#include <meshdns/cluster_dns/backend.hpp>
#include <meshdns/cluster_dns/plan.hpp>
#include <meshdns/result.hpp>

#include <string>
#include <utility>

namespace meshdns::cli {

class Session;

struct AliasBackend {
  cluster_dns::Snapshot snapshot;
  cluster_dns::BackendChoice choice;
};

// `flag` is --backend's value. When the DNS objects cannot be read (no rights in kube-system),
// an explicit istiocoredns or dns-proxy still works from Istio's discovery alone, since neither
// writes a Corefile; auto and coredns need them and fail with the reason.
// Announce::yes prints the choice and its evidence (`alias`); delete and list stay quiet.
enum class Announce : bool { no, yes };
Result<AliasBackend> choose_alias_backend(Session& session, ObjectSource& source,
                                          const std::string& flag,
                                          Announce announce = Announce::yes);

// "fruits-api-service.micro-shake-factory.svc.cluster.local" -> {"fruits-api-service",
// "micro-shake-factory"}: the Service a rewrite target names.
std::pair<std::string, std::string> service_of_target(const std::string& target);

}  // namespace meshdns::cli
