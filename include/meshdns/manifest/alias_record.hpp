#pragma once

// Reading back the ServiceEntries `alias` wrote: what `alias list` prints and what the "alias
// already owned by another Service" check compares. Pure: the caller fetches the objects.

#include <meshdns/manifest/service_entry.hpp>

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace meshdns::manifest {

// True when the object carries app.kubernetes.io/managed-by: kubectl-meshdns.
bool is_managed(const nlohmann::json& object);

// One row of `alias list`.
struct AliasRecord {
  std::string name;                    // metadata.name
  std::string namespace_name;          // metadata.namespace
  std::string fqdn;                    // the meshdns.io/alias annotation, else spec.hosts[0]
  std::string service;                 // the meshdns.io/service annotation, "NS/NAME"; may be empty
  std::vector<std::string> addresses;  // spec.addresses
  std::string created;                 // metadata.creationTimestamp, for AGE; may be empty
};

// Errc::config when the object is not a networking.istio.io ServiceEntry or has no host.
Result<AliasRecord> alias_record_from(const nlohmann::json& entry);

enum class Force : bool { no, yes };

// May `alias` point `fqdn` at `service` when `existing` (any ServiceEntry, in any namespace) is
// already there? Yes when `existing` does not list fqdn in spec.hosts, when it is ours for the same
// Service (re-applying is idempotent), or with Force::yes. Otherwise Errc::conflict naming the
// owner, so one alias never answers for two Services.
Result<void> check_alias_owner(const nlohmann::json& existing, std::string_view fqdn,
                               const AliasedService& service, Force force = Force::no);

// The name form to use when `same_named` is the object already stored under the readable name:
// hashed when it holds another alias (two FQDNs with one readable name), readable otherwise.
NameForm name_form_beside(const nlohmann::json& same_named, std::string_view fqdn);

}  // namespace meshdns::manifest
