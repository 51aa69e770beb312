#pragma once

// Cluster state read from manifests (`--from-manifests`): objects indexed by group, kind,
// namespace and name, answering get and list the way the API server would, so a command gives the
// same answer offline as against the cluster. Pure: the caller reads and parses the files.

#include <meshdns/manifest/label_selector.hpp>
#include <meshdns/result.hpp>

#include <nlohmann/json.hpp>

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

namespace meshdns::manifest {

class ObjectSet {
 public:
  // Adds one parsed document; the items of a `kind: List` are added one by one. An object of a
  // namespaced kind without metadata.namespace gets `default_namespace` written into it, as the
  // API server would. A later object with the same group, kind, namespace and name replaces the
  // earlier one (the last `kubectl apply` wins). Errc::config when the document is not an object
  // with apiVersion, kind and metadata.name; the caller adds the file name.
  Result<void> add(nlohmann::json document, std::string_view default_namespace);

  // Looks up by the REST plural (`services`), as a ResourceRef names it; nullptr when absent or
  // when the resource is not in resource_kinds' table. The version is not compared: an object is
  // returned as its manifest wrote it.
  const nlohmann::json* find(std::string_view group, std::string_view resource,
                             std::string_view namespace_name, std::string_view name) const;

  // The objects of a collection sorted by namespace then name (the API server's order); an empty
  // namespace_name lists every namespace.
  std::vector<nlohmann::json> list(std::string_view group, std::string_view resource,
                                   std::string_view namespace_name,
                                   const LabelSelector& selector = {}) const;

  // The versions of `group` the manifests use, newest first: the apiVersions of its objects and
  // the served versions of CustomResourceDefinitions for it. Empty when nothing mentions it.
  std::vector<std::string> versions(std::string_view group) const;

  std::size_t size() const { return m_objects.size(); }

 private:
  using Key = std::tuple<std::string, std::string, std::string, std::string>;  // group kind ns name
  std::map<Key, nlohmann::json> m_objects;
};

}  // namespace meshdns::manifest
