#include <meshdns/manifest/json_fields.hpp>
#include <meshdns/manifest/object_set.hpp>
#include <meshdns/manifest/resource_kinds.hpp>
#include <meshdns/text.hpp>

namespace meshdns::manifest {
namespace {

// The versions a CRD serves: spec.versions[] with served: true, or the single spec.version of
// apiextensions v1beta1 CRDs (Kubernetes < 1.16, the era of istiocoredns).
void add_crd_versions(const nlohmann::json& crd, std::string_view group,
                      std::vector<std::string>& out) {
  const auto spec = crd.find("spec");
  if (spec == crd.end() || !spec->is_object() || string_field(*spec, "group") != group) {
    return;
  }
  if (const auto versions = spec->find("versions");
      versions != spec->end() && versions->is_array()) {
    for (const auto& version : *versions) {
      if (version.is_object() && version.value("served", true)) {
        if (std::string name = string_field(version, "name"); !name.empty()) {
          out.push_back(std::move(name));
        }
      }
    }
  }
  if (std::string version = string_field(*spec, "version"); !version.empty()) {
    out.push_back(std::move(version));
  }
}

}  // namespace

Result<void> ObjectSet::add(nlohmann::json document, std::string_view default_namespace) {
  auto refuse = [](std::string why) {
    return fail(Errc::config, "a document is not a Kubernetes object", std::move(why),
                "give --from-manifests only Kubernetes manifests");
  };
  if (!document.is_object()) {
    return refuse("it is not a mapping");
  }
  const std::string api_version = string_field(document, "apiVersion");
  const std::string kind = string_field(document, "kind");
  if (api_version.empty() || kind.empty()) {
    return refuse("it has no apiVersion or no kind");
  }
  if (kind == "List") {
    const auto items = document.find("items");
    if (items == document.end() || items->is_null()) {
      return {};
    }
    if (!items->is_array()) {
      return refuse("the items of a List are not a sequence");
    }
    for (auto& item : *items) {
      if (auto added = add(std::move(item), default_namespace); !added) {
        return added;
      }
    }
    return {};
  }
  auto metadata = document.find("metadata");
  if (metadata == document.end() || !metadata->is_object() ||
      string_field(*metadata, "name").empty()) {
    return refuse(cat(kind, " without metadata.name"));
  }
  const std::string group(api_group(api_version));
  const ResourceKind* known = find_kind(group, kind);
  std::string namespace_name = string_field(*metadata, "namespace");
  if (known != nullptr && !known->namespaced) {
    namespace_name.clear();
  } else if (namespace_name.empty() && known != nullptr) {
    namespace_name = std::string(default_namespace);
    (*metadata)["namespace"] = namespace_name;
  }
  Key key{group, kind, namespace_name, string_field(*metadata, "name")};
  m_objects.insert_or_assign(std::move(key), std::move(document));
  return {};
}

const nlohmann::json* ObjectSet::find(std::string_view group, std::string_view resource,
                                      std::string_view namespace_name,
                                      std::string_view name) const {
  const ResourceKind* known = find_resource(group, resource);
  if (known == nullptr) {
    return nullptr;
  }
  const Key key{std::string(group), std::string(known->kind),
                known->namespaced ? std::string(namespace_name) : std::string(), std::string(name)};
  const auto found = m_objects.find(key);
  return found == m_objects.end() ? nullptr : &found->second;
}

std::vector<nlohmann::json> ObjectSet::list(std::string_view group, std::string_view resource,
                                            std::string_view namespace_name,
                                            const LabelSelector& selector) const {
  std::vector<nlohmann::json> out;
  const ResourceKind* known = find_resource(group, resource);
  if (known == nullptr) {
    return out;
  }
  for (const auto& [key, object] : m_objects) {
    const auto& [object_group, kind, object_namespace, name] = key;
    if (object_group != group || kind != known->kind) {
      continue;
    }
    if (known->namespaced && !namespace_name.empty() && object_namespace != namespace_name) {
      continue;
    }
    const nlohmann::json& metadata = object.at("metadata");
    const auto labels = metadata.find("labels");
    if (selector.matches(labels == metadata.end() ? nlohmann::json() : *labels)) {
      out.push_back(object);
    }
  }
  return out;
}

std::vector<std::string> ObjectSet::versions(std::string_view group) const {
  std::vector<std::string> out;
  for (const auto& [key, object] : m_objects) {
    const auto& [object_group, kind, object_namespace, name] = key;
    if (object_group == group) {
      out.emplace_back(api_version_of(object.at("apiVersion").get<std::string>()));
    }
    if (object_group == "apiextensions.k8s.io" && kind == "CustomResourceDefinition") {
      add_crd_versions(object, group, out);
    }
  }
  sort_by_version_priority(out);
  return out;
}

}  // namespace meshdns::manifest
