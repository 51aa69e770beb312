#include "cli/corefile_backup.hpp"

#include <meshdns/manifest/object.hpp>
#include <meshdns/text.hpp>

#include <algorithm>
#include <array>

namespace meshdns::cli {
namespace {

// Top-level fields that are not the object's content: restore never copies them.
constexpr std::array<std::string_view, 4> k_envelope = {"apiVersion", "kind", "metadata", "status"};

bool is_envelope(std::string_view key) {
  return std::find(k_envelope.begin(), k_envelope.end(), key) != k_envelope.end();
}

// Server-set metadata that must not travel with a saved or recreated object.
constexpr std::array<const char*, 7> k_server_metadata = {
    "managedFields", "resourceVersion",  "uid", "creationTimestamp", "generation",
    "selfLink",      "deletionTimestamp"};

nlohmann::json string_or_empty(const nlohmann::json& object, const char* key) {
  const auto found = object.find(key);
  return found != object.end() && found->is_string() ? *found : nlohmann::json("");
}

void copy_or_erase(const nlohmann::json& from, nlohmann::json& into, const char* key) {
  const auto found = from.find(key);
  if (found != from.end() && !found->is_null()) {
    into[key] = *found;
  } else {
    into.erase(key);
  }
}

nlohmann::json metadata_of(const nlohmann::json& object) {
  const auto found = object.find("metadata");
  return found != object.end() && found->is_object() ? *found : nlohmann::json::object();
}

}  // namespace

std::string backup_namespace(const kube::ResourceRef& ref) {
  return ref.namespace_name.empty() ? std::string("kube-system") : ref.namespace_name;
}

kube::ResourceRef backup_ref(const std::string& namespace_name) {
  return {"", "v1", "configmaps", namespace_name, std::string(k_backup_name)};
}

std::string backup_key(const kube::ResourceRef& ref) {
  // ConfigMap keys allow [-._a-zA-Z0-9]; resource, group and name are DNS names, so '_' cannot
  // occur in them and separates them unambiguously.
  return ref.group.empty() ? cat(ref.resource, '_', ref.name)
                           : cat(ref.resource, '.', ref.group, '_', ref.name);
}

nlohmann::json with_saved_state(const std::optional<nlohmann::json>& existing,
                                const kube::ResourceRef& ref,
                                const std::optional<nlohmann::json>& before) {
  nlohmann::json backup;
  if (existing) {
    backup = *existing;
  } else {
    const std::string namespace_name = backup_namespace(ref);
    backup = {
        {"apiVersion", "v1"},
        {"kind", "ConfigMap"},
        {"metadata",
         {{"name", std::string(k_backup_name)},
          {"namespace", namespace_name},
          {"labels",
           {{std::string(manifest::k_managed_by_key), std::string(manifest::k_managed_by_value)}}},
          {"annotations",
           {{"meshdns.io/purpose",
             "states saved by kubectl meshdns corefile patch|unpatch for corefile "
             "rollback"}}}}}};
  }
  nlohmann::json saved;
  if (before) {
    saved = *before;
    if (saved.contains("metadata") && saved["metadata"].is_object()) {
      saved["metadata"].erase("managedFields");
    }
  }
  const nlohmann::json value = {{"group", ref.group},       {"version", ref.version},
                                {"resource", ref.resource}, {"namespace", ref.namespace_name},
                                {"name", ref.name},         {"object", saved}};
  if (!backup.contains("data") || !backup["data"].is_object()) {
    backup["data"] = nlohmann::json::object();
  }
  backup["data"][backup_key(ref)] =
      value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return backup;
}

Result<std::vector<SavedState>> saved_states(const nlohmann::json& backup) {
  std::vector<SavedState> states;
  const auto data = backup.find("data");
  if (data == backup.end() || !data->is_object()) {
    return states;
  }
  const std::string where =
      cat("configmap ", metadata_of(backup).value("namespace", ""), '/', k_backup_name);
  for (auto it = data->begin(); it != data->end(); ++it) {
    const nlohmann::json value = it->is_string()
                                     ? nlohmann::json::parse(it->get<std::string>(), nullptr, false)
                                     : nlohmann::json();
    const bool valid = value.is_object() && value.contains("object") &&
                       string_or_empty(value, "resource") != "" &&
                       string_or_empty(value, "name") != "" &&
                       (value["object"].is_null() || value["object"].is_object());
    if (!valid) {
      return fail(Errc::config, cat(where, ": key ", it.key(), " is not a saved state"),
                  "rollback restores only what corefile patch or unpatch saved",
                  cat("remove the key with `kubectl edit` or delete the ConfigMap"));
    }
    SavedState state;
    state.key = it.key();
    state.ref = {string_or_empty(value, "group").get<std::string>(),
                 string_or_empty(value, "version").get<std::string>(),
                 string_or_empty(value, "resource").get<std::string>(),
                 string_or_empty(value, "namespace").get<std::string>(),
                 string_or_empty(value, "name").get<std::string>()};
    if (!value["object"].is_null()) {
      state.object = value["object"];
    }
    states.push_back(std::move(state));
  }
  return states;  // nlohmann::json objects iterate in key order
}

nlohmann::json restored_object(const nlohmann::json& saved, const nlohmann::json& current) {
  nlohmann::json restored = current;
  for (auto it = current.begin(); it != current.end(); ++it) {
    if (!is_envelope(it.key()) && !saved.contains(it.key())) {
      restored.erase(it.key());
    }
  }
  for (auto it = saved.begin(); it != saved.end(); ++it) {
    if (!is_envelope(it.key())) {
      restored[it.key()] = *it;
    }
  }
  const nlohmann::json saved_metadata = metadata_of(saved);
  nlohmann::json metadata = metadata_of(current);
  copy_or_erase(saved_metadata, metadata, "labels");
  copy_or_erase(saved_metadata, metadata, "annotations");
  restored["metadata"] = std::move(metadata);
  return restored;
}

nlohmann::json recreated_object(const nlohmann::json& saved) {
  nlohmann::json object = saved;
  object.erase("status");
  if (object.contains("metadata") && object["metadata"].is_object()) {
    for (const char* key : k_server_metadata) {
      object["metadata"].erase(key);
    }
  }
  return object;
}

bool is_restored(const nlohmann::json& saved, const nlohmann::json& current) {
  return restored_object(saved, current) == current;
}

}  // namespace meshdns::cli
