#pragma once

// What `alias` will write: for each requested alias, the ServiceEntry (or the reason it is
// refused), worked out from what the source holds. Reads only, through ObjectSource, so the
// cluster mode and --from-manifests build exactly the same objects.

#include "cli/object_source.hpp"

#include <meshdns/kube/requests.hpp>
#include <meshdns/manifest/alias_record.hpp>
#include <meshdns/manifest/alias_request.hpp>
#include <meshdns/manifest/object.hpp>
#include <meshdns/result.hpp>

#include <string>
#include <vector>

namespace meshdns::cli {

struct AliasPlanOptions {
  std::string cluster_domain = "cluster.local";
  manifest::IstioApiVersion api_version = manifest::IstioApiVersion::v1;
  manifest::Force force = manifest::Force::no;
  // False when the backend writes no ServiceEntry (coredns without Istio, ambient): the Services
  // are still found and checked, no ServiceEntry is read or built.
  bool service_entries = true;
};

struct PlannedAlias {
  manifest::AliasRequest request;
  // The ServiceEntry to apply (null without service_entries), or why this alias is refused.
  Result<manifest::Object> entry;
  // The Service found for it (by name or app label): what the coredns backend rewrites to.
  std::string service;
  // Our ServiceEntries that hold the alias for another Service (only with --force): the alias
  // moves, so they are deleted once the new entry is applied.
  std::vector<kube::ResourceRef> moved_from;
  std::vector<std::string> warnings;
};

// One read pass for all requests, whatever their number: the Services by name (concurrently),
// the Services of a namespace only when a name is missing (the `app: SERVICE` selector fallback),
// and the ServiceEntries once (every namespace; only the requests' namespaces when listing all is
// forbidden). A failure that concerns one alias (missing or headless Service, bad FQDN, an alias
// owned by another Service) stays in that alias's entry; the outer error is for failures that
// concern them all (the ServiceEntry list cannot be read).
Result<std::vector<PlannedAlias>> plan_aliases(ObjectSource& source,
                                               const std::vector<manifest::AliasRequest>& requests,
                                               const AliasPlanOptions& options);

// Where a ServiceEntry is read and written.
kube::ResourceRef service_entry_ref(manifest::IstioApiVersion version, std::string namespace_name,
                                    std::string name);

}  // namespace meshdns::cli
