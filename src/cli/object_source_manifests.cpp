// The manifest side of ObjectSource (object_source.hpp): `--from-manifests PATH` read once into an
// in-memory set that answers get and list like the API server.

#include "cli/manifest_files.hpp"
#include "cli/object_source.hpp"

#include <meshdns/manifest/label_selector.hpp>
#include <meshdns/manifest/object_set.hpp>
#include <meshdns/manifest/resource_kinds.hpp>
#include <meshdns/manifest/yaml_json.hpp>
#include <meshdns/text.hpp>

namespace meshdns::cli {
namespace {

class ManifestSource final : public ObjectSource {
 public:
  explicit ManifestSource(manifest::ObjectSet objects) : m_objects(std::move(objects)) {}

  Result<std::optional<nlohmann::json>> get(const kube::ResourceRef& ref) override {
    const nlohmann::json* found =
        m_objects.find(ref.group, ref.resource, ref.namespace_name, ref.name);
    if (found == nullptr) {
      return std::optional<nlohmann::json>();
    }
    return std::optional<nlohmann::json>(*found);
  }

  std::vector<Result<std::optional<nlohmann::json>>> get_all(
      const std::vector<kube::ResourceRef>& refs) override {
    std::vector<Result<std::optional<nlohmann::json>>> out;
    out.reserve(refs.size());
    for (const auto& ref : refs) {
      out.push_back(get(ref));
    }
    return out;
  }

  Result<std::vector<nlohmann::json>> list(const kube::ResourceRef& collection,
                                           std::string_view label_selector) override {
    auto selector = manifest::LabelSelector::parse(label_selector);
    if (!selector) {
      return std::move(selector).error();
    }
    return m_objects.list(collection.group, collection.resource, collection.namespace_name,
                          *selector);
  }

  Result<std::vector<std::string>> served_versions(std::string_view group) override {
    std::vector<std::string> versions = m_objects.versions(group);
    if (versions.empty()) {
      return manifest::known_versions(group);
    }
    return versions;
  }

  bool offline() const override { return true; }

 private:
  manifest::ObjectSet m_objects;
};

}  // namespace

Result<std::unique_ptr<ObjectSource>> make_manifest_source(const std::string& path,
                                                           const std::string& default_namespace) {
  auto files = read_manifest_files(path);
  if (!files) {
    return std::move(files).error();
  }
  manifest::ObjectSet objects;
  for (const auto& file : *files) {
    auto documents = manifest::parse_yaml_documents(file.text);
    if (!documents) {
      Error error = documents.error();
      error.what = cat(file.path, ": ", error.what);
      return error;
    }
    for (std::size_t index = 0; index < documents->size(); ++index) {
      if (auto added = objects.add(std::move((*documents)[index]), default_namespace); !added) {
        Error error = added.error();
        error.what = cat(file.path, ": document ", index + 1, ": ", error.what);
        return error;
      }
    }
  }
  return std::unique_ptr<ObjectSource>(std::make_unique<ManifestSource>(std::move(objects)));
}

}  // namespace meshdns::cli
