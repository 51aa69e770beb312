#pragma once

// Where `corefile patch|unpatch` keeps the state an object had before it changed it, what it wrote,
// and how `corefile rollback` decides what to put back. Pure: values in, values out; the CLI reads
// and writes the objects.
//
// One ConfigMap `coredns-meshdns-backup` per namespace (the object's; kube-system for the
// cluster-scoped dnses.operator.openshift.io/default), one key per object ("configmaps_coredns").
// Each value is JSON:
//   {"group": "", "version": "v1", "resource": "configmaps", "namespace": "kube-system",
//    "name": "coredns", "object": {...as read, managedFields left out...} or null (we created it),
//    "written": {"/data/Corefile": "<sha256 of what we wrote>", ...every content field we left},
//    "restore": ["/data/Corefile"]   the fields the write changed, the only ones rollback touches,
//    "corednsVersion": "1.6.2"}     to lint the Corefiles rollback would restore
// Each change overwrites the key, so rollback restores the state from before the last change.

#include <meshdns/cluster_dns/plan.hpp>
#include <meshdns/corefile/engine.hpp>
#include <meshdns/kube/requests.hpp>
#include <meshdns/result.hpp>

#include <nlohmann/json.hpp>

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace meshdns::cluster_dns {

inline constexpr std::string_view k_backup_name = "coredns-meshdns-backup";

// The namespace holding the backup of `ref`, the backup ConfigMap there, and `ref`'s key in it.
std::string backup_namespace(const kube::ResourceRef& ref);
kube::ResourceRef backup_ref(const std::string& namespace_name);
std::string backup_key(const kube::ResourceRef& ref);

// The objects rollback may write: those the plans write (the ConfigMaps of watched_objects() and
// the OpenShift DNS operator's dnses.operator.openshift.io/default), nothing else.
bool is_restorable(const kube::ResourceRef& ref);

// The backup ConfigMap with `write` recorded: `existing` as read (its resourceVersion kept, so the
// write is conditional), or a new ConfigMap when nullopt.
nlohmann::json with_saved_state(const std::optional<nlohmann::json>& existing, const Write& write);

// Do the two objects hold the same content (data, binaryData, spec)? A server that fills in
// defaults (a CRD's) stores more than was sent: the backup must then record what it stored.
bool same_content(const nlohmann::json& sent, const nlohmann::json& stored);

struct SavedState {
  std::string key;
  kube::ResourceRef ref;
  std::optional<nlohmann::json> object;        // nullopt: the write created the object
  std::map<std::string, std::string> written;  // content field -> sha256 of what we wrote
  std::vector<std::string> restore;            // the fields the write changed
  std::optional<corefile::Version> coredns_version;
};

// Every state in a backup ConfigMap, sorted by key. Errc::refused for an entry that describes an
// object rollback does not write (another kind, namespace or name: a tampered envelope), that sits
// under another key or in another namespace's backup, or that lacks the content hashes.
Result<std::vector<SavedState>> saved_states(const nlohmann::json& backup);

// What rollback does with one saved state, given the object as it is now.
struct Restore {
  enum class Action : std::uint8_t { unchanged, update, create, remove };
  Action action = Action::unchanged;
  kube::ResourceRef ref;
  std::optional<nlohmann::json> current;  // as read now
  nlohmann::json after;                   // update / create: the whole object to send
  // How the live object differs from what we wrote ("data.Corefile changed", "data.extra added",
  // "the object was deleted"): non-empty means someone changed it since.
  std::vector<std::string> changed_since;
  // corefile diff-style: what the restore would overwrite of those changes (live -> restored).
  std::string lost;
};

// Plans the restore of `state` onto `current`. Errc::conflict naming the differences when the live
// object is no longer what we wrote, unless Force::yes; Errc::refused when a Corefile it would
// restore does not lint clean for the recorded CoreDNS version. Only the fields the write changed
// are restored; everything else in the live object stays as it is.
Result<Restore> plan_restore(const SavedState& state, const std::optional<nlohmann::json>& current,
                             corefile::Force force);

}  // namespace meshdns::cluster_dns
