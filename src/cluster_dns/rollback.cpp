// The rules of `corefile rollback`, one saved state at a time, in the order they must hold:
// what the live object is now against what we wrote (someone else's change is never overwritten
// silently), what to write (only the fields our write changed), and whether what we would put
// back is a Corefile CoreDNS loads.

#include "cluster_dns/content.hpp"

#include <meshdns/cluster_dns/backup.hpp>
#include <meshdns/text.hpp>
#include <meshdns/unified_diff.hpp>

#include <algorithm>
#include <array>

namespace meshdns::cluster_dns {

namespace {

// "/data/Corefile" -> "data.Corefile": how kubectl's jsonpath users read it.
std::string field_name(std::string_view path) {
  std::string out(path.substr(1));
  const std::size_t slash = out.find('/');
  if (slash != std::string::npos) {
    out[slash] = '.';
  }
  return out;
}

std::string object_label(const kube::ResourceRef& ref) {
  const std::string kind =
      ref.resource == "configmaps" ? "configmap" : cat(ref.resource, '.', ref.group);
  return ref.namespace_name.empty() ? cat(kind, '/', ref.name)
                                    : cat(kind, '/', ref.name, " -n ", ref.namespace_name);
}

// The server-set metadata a recreated object must not carry.
constexpr std::array<const char*, 7> k_server_metadata = {
    "managedFields", "resourceVersion",  "uid", "creationTimestamp", "generation",
    "selfLink",      "deletionTimestamp"};

nlohmann::json without_managed_fields(nlohmann::json object) {
  if (object.contains("metadata") && object["metadata"].is_object()) {
    object["metadata"].erase("managedFields");
  }
  return object;
}

nlohmann::json recreated(nlohmann::json object) {
  object.erase("status");
  if (object.contains("metadata") && object["metadata"].is_object()) {
    for (const char* key : k_server_metadata) {
      object["metadata"].erase(key);
    }
  }
  return object;
}

// `object` with the field at `path` set to `value`, or removed when `value` is null.
void set_field(nlohmann::json& object, std::string_view path, const nlohmann::json* value) {
  const std::size_t slash = path.find('/', 1);
  const std::string field(path.substr(1, slash - 1));
  const std::string key(path.substr(slash + 1));
  if (value != nullptr) {
    object[field][key] = *value;
    return;
  }
  if (object.contains(field) && object[field].is_object()) {
    object[field].erase(key);
    if (object[field].empty() && field != "spec") {
      object.erase(field);  // as the server shows a ConfigMap without data (omitempty)
    }
  }
}

std::vector<std::string> differences(const SavedState& state,
                                     const std::optional<nlohmann::json>& current) {
  if (!current) {
    return {"the object was deleted"};
  }
  std::vector<std::string> out;
  const std::map<std::string, nlohmann::json> live = content_fields(*current);
  for (const auto& [path, hash] : state.written) {
    const auto found = live.find(path);
    if (found == live.end()) {
      out.push_back(cat(field_name(path), " removed"));
    } else if (content_hash(found->second) != hash) {
      out.push_back(cat(field_name(path), " changed"));
    }
  }
  for (const auto& [path, value] : live) {
    if (state.written.count(path) == 0) {
      out.push_back(cat(field_name(path), " added"));
    }
  }
  return out;
}

std::string text_of(const nlohmann::json* value) {
  if (value == nullptr) {
    return {};
  }
  return value->is_string() ? value->get<std::string>() : value->dump(2) + "\n";
}

// corefile diff-style: each field that differs between the live object and the result.
std::string lost_text(const kube::ResourceRef& ref, const std::optional<nlohmann::json>& current,
                      const std::optional<nlohmann::json>& result) {
  const std::map<std::string, nlohmann::json> live =
      current ? content_fields(*current) : std::map<std::string, nlohmann::json>{};
  const std::map<std::string, nlohmann::json> next =
      result ? content_fields(*result) : std::map<std::string, nlohmann::json>{};
  std::vector<std::string> paths;
  for (const auto& [path, value] : live) {
    paths.push_back(path);
  }
  for (const auto& [path, value] : next) {
    if (live.count(path) == 0) {
      paths.push_back(path);
    }
  }
  std::sort(paths.begin(), paths.end());
  std::string out;
  for (const std::string& path : paths) {
    const auto before = live.find(path);
    const auto after = next.find(path);
    const std::string from = text_of(before == live.end() ? nullptr : &before->second);
    const std::string to = text_of(after == next.end() ? nullptr : &after->second);
    const std::string label = cat(object_label(ref), ' ', field_name(path));
    out += unified_diff(from, to, {cat(label, " (live)"), cat(label, " (after rollback)")});
  }
  return out;
}

bool is_corefile_key(const kube::ResourceRef& ref, std::string_view path) {
  if (ref.resource != "configmaps" || !starts_with(path, "/data/")) {
    return false;
  }
  const std::string_view key = path.substr(6);
  return key == "Corefile" || ends_with(key, ".server");  // .override keys are block fragments
}

Result<void> lint_restored(const SavedState& state, const nlohmann::json& after) {
  for (const std::string& path : state.restore) {
    if (!is_corefile_key(state.ref, path)) {
      continue;
    }
    const std::map<std::string, nlohmann::json> fields = content_fields(after);
    const auto found = fields.find(path);
    if (found == fields.end() || !found->second.is_string()) {
      continue;  // rollback removes the key
    }
    const std::string what =
        cat("refusing to restore ", object_label(state.ref), ' ', field_name(path));
    if (!state.coredns_version) {
      return fail(Errc::refused, what, "its backup names no CoreDNS version to check it against",
                  "restore it by hand after checking it with `corefile lint --file`");
    }
    for (const corefile::Finding& finding :
         corefile::lint(found->second.get<std::string>(), *state.coredns_version)) {
      if (finding.severity == corefile::Severity::error) {
        return fail(
            Errc::refused, what,
            cat("the saved Corefile would not load in CoreDNS ", state.coredns_version->str(),
                ": line ", finding.line, ": ", finding.message),
            "fix the saved state in the backup ConfigMap, or restore by hand");
      }
    }
  }
  return {};
}

}  // namespace

Result<Restore> plan_restore(const SavedState& state, const std::optional<nlohmann::json>& current,
                             corefile::Force force) {
  Restore out;
  out.ref = state.ref;
  out.current = current;
  // 1. What to write: only the fields our write changed go back; the rest stays as it is now.
  std::optional<nlohmann::json> result;
  if (!state.object) {
    out.action = current ? Restore::Action::remove : Restore::Action::unchanged;
  } else if (!current) {
    out.action = Restore::Action::create;
    out.after = recreated(*state.object);
    result = out.after;
  } else {
    nlohmann::json after = without_managed_fields(*current);
    const std::map<std::string, nlohmann::json> saved = content_fields(*state.object);
    for (const std::string& path : state.restore) {
      const auto found = saved.find(path);
      set_field(after, path, found == saved.end() ? nullptr : &found->second);
    }
    out.action = after == without_managed_fields(*current) ? Restore::Action::unchanged
                                                           : Restore::Action::update;
    out.after = std::move(after);
    result = out.after;
  }
  if (out.action == Restore::Action::unchanged) {
    return out;  // already as saved: whoever changed it since, nothing of theirs is overwritten
  }
  // 2. Someone changed it since we wrote it: their change is what a restore would lose.
  out.changed_since = differences(state, current);
  if (!out.changed_since.empty()) {
    out.lost = lost_text(state.ref, current, result);
    if (force == corefile::Force::no) {
      return fail(Errc::refused,
                  cat(object_label(state.ref), " changed since kubectl meshdns wrote it"),
                  cat(join(out.changed_since, ", "), "; rolling back would overwrite that"),
                  cat("see what changed with `kubectl get` or `corefile diff`, then pass --force "
                      "to restore anyway (it prints what it overwrites)"));
    }
  }
  // 3. Never put back a Corefile CoreDNS would refuse (a hand-edited backup, say).
  if (Result<void> linted = lint_restored(state, out.after); !linted) {
    return linted.error();
  }
  return out;
}

}  // namespace meshdns::cluster_dns
