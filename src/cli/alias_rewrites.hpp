#pragma once

// The coredns backend's side of `alias`, `alias -f` and `alias delete`: the rewrite lines of every
// alias of the command in ONE conditional write of the object that holds them (kube-system/coredns,
// or coredns-custom on k3s and AKS), through `corefile patch`'s machinery (backups, 409 re-read
// and retry, dry runs), so an alias and `corefile patch --backend coredns` write the same bytes.

#include "cli/dry_run.hpp"
#include "cli/object_source.hpp"

#include <meshdns/cluster_dns/plan.hpp>
#include <meshdns/manifest/object.hpp>

#include <vector>

namespace meshdns::kube {
class RestClient;
}

namespace meshdns::cli {

class Session;

struct RewriteRun {
  Session& session;
  ObjectSource& source;
  kube::RestClient* client;  // null offline (--from-manifests)
  DryRunMode dry_run = DryRunMode::none;
};

// Adds (Action::patch) or removes (Action::unpatch) the lines of `aliases`. Offline, or with
// `printed` set, nothing is sent: the objects that would be written are appended to `printed`.
// False when it failed: the error is printed and the exit code set on the session.
bool write_alias_rewrites(RewriteRun& run, cluster_dns::Action action,
                          std::vector<corefile::AliasRewrite> aliases,
                          std::vector<manifest::Object>* printed);

}  // namespace meshdns::cli
