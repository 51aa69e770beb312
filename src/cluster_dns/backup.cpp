// The backup envelope: what is saved before a write, and the checks that make rollback trust only
// what patch and unpatch could have written.

#include "cluster_dns/content.hpp"

#include <meshdns/cluster_dns/backup.hpp>
#include <meshdns/cluster_dns/plan.hpp>
#include <meshdns/sha256.hpp>
#include <meshdns/text.hpp>

#include <algorithm>
#include <array>

namespace meshdns::cluster_dns {

namespace {

constexpr std::array<const char*, 3> k_content = {"data", "binaryData", "spec"};

std::string string_or_empty(const nlohmann::json& object, const char* key) {
  const auto found = object.find(key);
  return found != object.end() && found->is_string() ? found->get<std::string>() : std::string();
}

}  // namespace

std::map<std::string, nlohmann::json> content_fields(const nlohmann::json& object) {
  std::map<std::string, nlohmann::json> out;
  for (const char* field : k_content) {
    const auto found = object.find(field);
    if (found == object.end() || !found->is_object()) {
      continue;
    }
    for (auto it = found->begin(); it != found->end(); ++it) {
      out.emplace(cat('/', field, '/', it.key()), *it);
    }
  }
  return out;
}

std::string content_hash(const nlohmann::json& value) {
  return sha256_hex(value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

bool same_content(const nlohmann::json& sent, const nlohmann::json& stored) {
  return content_fields(sent) == content_fields(stored);
}

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

bool is_restorable(const kube::ResourceRef& ref) {
  const auto same = [&](const kube::ResourceRef& other) {
    return other.group == ref.group && other.version == ref.version &&
           other.resource == ref.resource && other.namespace_name == ref.namespace_name &&
           other.name == ref.name;
  };
  const std::vector<WatchedObject>& watched = watched_objects();
  return std::any_of(watched.begin(), watched.end(), [&](const WatchedObject& object) {
    const bool written_by_plans =
        object.ref.resource == "configmaps" || object.ref.group == "operator.openshift.io";
    return written_by_plans && same(object.ref);
  });
}

nlohmann::json with_saved_state(const std::optional<nlohmann::json>& existing, const Write& write) {
  nlohmann::json backup;
  if (existing) {
    backup = *existing;
  } else {
    backup = {{"apiVersion", "v1"},
              {"kind", "ConfigMap"},
              {"metadata",
               {{"name", std::string(k_backup_name)},
                {"namespace", backup_namespace(write.ref)},
                {"labels", {{"app.kubernetes.io/managed-by", "kubectl-meshdns"}}},
                {"annotations",
                 {{"meshdns.io/purpose",
                   "states saved by kubectl meshdns corefile patch|unpatch for corefile "
                   "rollback"}}}}}};
  }
  nlohmann::json saved;  // null: the write creates the object
  std::map<std::string, nlohmann::json> before;
  if (write.before) {
    saved = *write.before;
    if (saved.contains("metadata") && saved["metadata"].is_object()) {
      saved["metadata"].erase("managedFields");
    }
    before = content_fields(saved);
  }
  const std::map<std::string, nlohmann::json> after = content_fields(write.after);
  nlohmann::json written = nlohmann::json::object();
  nlohmann::json restore = nlohmann::json::array();
  for (const auto& [path, value] : after) {
    written[path] = content_hash(value);
    const auto old = before.find(path);
    if (old == before.end() || old->second != value) {
      restore.push_back(path);
    }
  }
  for (const auto& [path, value] : before) {
    if (after.count(path) == 0) {
      restore.push_back(path);  // the write removed it (unpatch dropping a coredns-custom key)
    }
  }
  nlohmann::json value = {{"group", write.ref.group},
                          {"version", write.ref.version},
                          {"resource", write.ref.resource},
                          {"namespace", write.ref.namespace_name},
                          {"name", write.ref.name},
                          {"object", saved},
                          {"written", written},
                          {"restore", restore}};
  if (write.coredns_version) {
    value["corednsVersion"] = write.coredns_version->str();
  }
  if (!backup.contains("data") || !backup["data"].is_object()) {
    backup["data"] = nlohmann::json::object();
  }
  backup["data"][backup_key(write.ref)] =
      value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return backup;
}

Result<std::vector<SavedState>> saved_states(const nlohmann::json& backup) {
  std::vector<SavedState> states;
  const auto data = backup.find("data");
  if (data == backup.end() || !data->is_object()) {
    return states;
  }
  const nlohmann::json metadata = backup.value("metadata", nlohmann::json::object());
  const std::string backup_ns = metadata.is_object() ? string_or_empty(metadata, "namespace") : "";
  const std::string where = cat("configmap/", k_backup_name, " -n ", backup_ns);
  const std::string fix =
      cat("remove that key (kubectl -n ", backup_ns, " edit configmap ", k_backup_name,
          "): someone who can write it may be trying to make "
          "rollback write something else");
  for (auto it = data->begin(); it != data->end(); ++it) {
    const nlohmann::json value = it->is_string()
                                     ? nlohmann::json::parse(it->get<std::string>(), nullptr, false)
                                     : nlohmann::json();
    const auto refuse = [&](std::string why) {
      return fail(Errc::refused, cat(where, ": key ", it.key(), " is not a state we saved"),
                  std::move(why), fix);
    };
    if (!value.is_object() || !value.contains("object") ||
        !(value["object"].is_null() || value["object"].is_object())) {
      return refuse("it is not the JSON corefile patch and unpatch write");
    }
    SavedState state;
    state.key = it.key();
    state.ref = {string_or_empty(value, "group"), string_or_empty(value, "version"),
                 string_or_empty(value, "resource"), string_or_empty(value, "namespace"),
                 string_or_empty(value, "name")};
    const std::string described = cat(
        state.ref.group.empty() ? "" : cat(state.ref.group, '/'), state.ref.version, ' ',
        state.ref.resource, ' ',
        state.ref.namespace_name.empty() ? "" : cat(state.ref.namespace_name, '/'), state.ref.name);
    if (!is_restorable(state.ref)) {
      return refuse(cat("it describes ", described,
                        ", which corefile patch and unpatch never write (rollback restores only "
                        "the DNS ConfigMaps of the platform plans and the DNS operator)"));
    }
    if (backup_key(state.ref) != state.key || backup_namespace(state.ref) != backup_ns) {
      return refuse(cat("it describes ", described, ", whose state is kept under key ",
                        backup_key(state.ref), " in namespace ", backup_namespace(state.ref)));
    }
    if (value["object"].is_object()) {
      const nlohmann::json& object = value["object"];
      const nlohmann::json saved_metadata = object.value("metadata", nlohmann::json::object());
      if (!saved_metadata.is_object() ||
          string_or_empty(saved_metadata, "name") != state.ref.name) {
        return refuse(cat("its saved object is not ", described));
      }
      state.object = object;
    }
    const auto written = value.find("written");
    const auto restore = value.find("restore");
    if (written == value.end() || !written->is_object() || restore == value.end() ||
        !restore->is_array()) {
      return refuse(
          "it has no content hashes (an older kubectl-meshdns wrote it, or it was edited), so "
          "rollback cannot tell whether the live object is still what was written");
    }
    for (auto hash = written->begin(); hash != written->end(); ++hash) {
      if (!hash->is_string()) {
        return refuse("a content hash is not a string");
      }
      state.written.emplace(hash.key(), hash->get<std::string>());
    }
    for (const nlohmann::json& path : *restore) {
      const std::string text = path.is_string() ? path.get<std::string>() : std::string();
      const bool content = std::any_of(k_content.begin(), k_content.end(), [&](const char* field) {
        return starts_with(text, cat('/', field, '/'));
      });
      if (!content) {
        return refuse(cat("it would restore ", path.dump(), ", which patch never writes"));
      }
      state.restore.push_back(text);
    }
    if (const std::string version = string_or_empty(value, "corednsVersion"); !version.empty()) {
      Result<corefile::Version> parsed = corefile::parse_version(version);
      if (!parsed) {
        return refuse(cat("corednsVersion \"", version, "\" is not a CoreDNS release"));
      }
      state.coredns_version = *parsed;
    }
    states.push_back(std::move(state));
  }
  return states;  // nlohmann::json objects iterate in key order
}

}  // namespace meshdns::cluster_dns
