#pragma once

// Where `corefile patch|unpatch` keeps the state an object had before it was changed, and how
// `corefile rollback` turns that state back into a write. Pure: values in, values out.
//
// One ConfigMap `coredns-meshdns-backup` per namespace (the namespace of the object; kube-system
// for cluster-scoped objects such as OpenShift's dns.operator.openshift.io/default), one key per
// object ("configmaps_coredns", "dnses.operator.openshift.io_default"). Each value is JSON:
//   {"group": "", "version": "v1", "resource": "configmaps", "namespace": "kube-system",
//    "name": "coredns", "object": {...the object as read, managedFields left out...}}
// with "object": null when the change created the object (rollback then deletes it). Each change
// overwrites the key, so rollback restores the state from before the last change.

#include <meshdns/kube/requests.hpp>
#include <meshdns/result.hpp>

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace meshdns::cli {

inline constexpr std::string_view k_backup_name = "coredns-meshdns-backup";

// The namespace holding the backup of `ref`.
std::string backup_namespace(const kube::ResourceRef& ref);

// The ConfigMap reference of the backup in `namespace_name`.
kube::ResourceRef backup_ref(const std::string& namespace_name);

// The key of `ref` in its backup ConfigMap.
std::string backup_key(const kube::ResourceRef& ref);

// The backup ConfigMap with the state `before` of `ref` recorded: `existing` as read (its
// resourceVersion kept, so the write is conditional), or a new ConfigMap when nullopt.
nlohmann::json with_saved_state(const std::optional<nlohmann::json>& existing,
                                const kube::ResourceRef& ref,
                                const std::optional<nlohmann::json>& before);

struct SavedState {
  std::string key;
  kube::ResourceRef ref;
  std::optional<nlohmann::json> object;  // nullopt: the object did not exist
};

// Every state in a backup ConfigMap, sorted by key; Errc::config naming the key that is not ours.
Result<std::vector<SavedState>> saved_states(const nlohmann::json& backup);

// The object to PUT so that `current` holds the saved content again: everything outside metadata
// (data, binaryData, spec...) and the labels and annotations come from `saved`; the rest of
// metadata (resourceVersion above all, so the write is conditional) from `current`.
nlohmann::json restored_object(const nlohmann::json& saved, const nlohmann::json& current);

// The saved object to create again when it was deleted since: server-set metadata removed.
nlohmann::json recreated_object(const nlohmann::json& saved);

// Whether `current` already holds what restored_object() would write.
bool is_restored(const nlohmann::json& saved, const nlohmann::json& current);

}  // namespace meshdns::cli
