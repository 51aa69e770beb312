#pragma once

// Where a command reads the cluster's objects: the API server, or a set of manifests
// (`--from-manifests PATH`, the GitOps/offline mode of SPEC §3 and issue #4). Commands ask the same
// questions either way, so the offline mode produces exactly the objects the cluster mode would
// apply. Writes are not here: in offline mode nothing is written, the result is printed.

#include <meshdns/kube/requests.hpp>
#include <meshdns/result.hpp>

#include <nlohmann/json.hpp>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace meshdns::kube {
class RestClient;
}

namespace meshdns::cli {

class ObjectSource {
 public:
  virtual ~ObjectSource() = default;

  // One object (ref.name set); nullopt when it does not exist (404, or not in the manifests).
  virtual Result<std::optional<nlohmann::json>> get(const kube::ResourceRef& ref) = 0;

  // Many objects at once, results in the order of `refs`: the API source sends them concurrently
  // (RestClient::perform_all), so reading a dozen objects costs one round trip, not twelve.
  virtual std::vector<Result<std::optional<nlohmann::json>>> get_all(
      const std::vector<kube::ResourceRef>& refs) = 0;

  // The objects of a collection (ref.name empty; ref.namespace_name empty = all namespaces for a
  // namespaced resource), filtered by a label selector in kubectl's syntax.
  virtual Result<std::vector<nlohmann::json>> list(const kube::ResourceRef& collection,
                                                   std::string_view label_selector = {}) = 0;

  // The versions of an API group the source serves, preferred first; empty when the group is not
  // served. Manifests serve the versions their objects use (none: every version the tool knows).
  virtual Result<std::vector<std::string>> served_versions(std::string_view group) = 0;

  // Objects, collections and API groups read together: the API source asks for all of them in
  // one round of concurrent requests (a command that needs all three waits one latency, not
  // three). Results in the order asked, as get_all, list and served_versions give them.
  struct Reads {
    std::vector<Result<std::optional<nlohmann::json>>> objects;
    std::vector<Result<std::vector<nlohmann::json>>> collections;
    std::vector<Result<std::vector<std::string>>> groups;
  };
  virtual Reads read_all(const std::vector<kube::ResourceRef>& objects,
                         const std::vector<kube::ResourceRef>& collections,
                         const std::vector<std::string>& groups);

  // True for manifests: commands print instead of writing.
  virtual bool offline() const = 0;
};

// The API server behind `client` (which must outlive the source).
std::unique_ptr<ObjectSource> make_api_source(kube::RestClient& client);

// A file, or every *.yaml / *.yml / *.json in a folder (sorted, not recursive); `kind: List` is
// opened. Objects without metadata.namespace belong to `default_namespace` when namespaced.
// Errc::config for unreadable files or YAML that does not parse, naming the file and line.
Result<std::unique_ptr<ObjectSource>> make_manifest_source(const std::string& path,
                                                           const std::string& default_namespace);

}  // namespace meshdns::cli
