#include "cli/dns_snapshot.hpp"

#include "cli/rbac_hint.hpp"

#include <meshdns/text.hpp>

#include <string>
#include <utility>
#include <vector>

namespace meshdns::cli {

Result<cluster_dns::Snapshot> read_dns_snapshot(ObjectSource& source) {
  const std::vector<cluster_dns::WatchedObject>& watched = cluster_dns::watched_objects();
  std::vector<kube::ResourceRef> refs;
  refs.reserve(watched.size());
  for (const cluster_dns::WatchedObject& object : watched) {
    refs.push_back(object.ref);
  }
  // The objects, istio-system's ConfigMaps and Istio's API group in one round of requests.
  ObjectSource::Reads reads =
      source.read_all(refs, {cluster_dns::mesh_config_collection()}, {"networking.istio.io"});
  std::vector<Result<std::optional<nlohmann::json>>>& results = reads.objects;

  cluster_dns::Snapshot snapshot;
  for (std::size_t i = 0; i < watched.size() && i < results.size(); ++i) {
    Result<std::optional<nlohmann::json>>& result = results[i];
    if (!result) {
      Error error = std::move(result).error();
      // A resource the server does not serve (an OpenShift kind on another platform) answers 404
      // like a missing object: both mean "not this platform".
      if (error.code == Errc::not_found) {
        continue;
      }
      if (is_denied(error)) {
        return explain_denied(watched[i].ref, "get", "reading the DNS configuration",
                              std::move(error));
      }
      return error;
    }
    if (result->has_value()) {
      snapshot.objects.emplace(watched[i].role, std::move(**result));
    }
  }
  // The backend choice's evidence. A user who may not list istio-system's ConfigMaps gets the
  // choice made without a mesh config (no DNS capture assumed), not an error.
  Result<std::vector<nlohmann::json>>& config_maps = reads.collections.front();
  if (config_maps) {
    for (nlohmann::json& config_map : *config_maps) {
      if (cluster_dns::is_mesh_config(config_map)) {
        snapshot.mesh_configs.push_back(std::move(config_map));
      }
    }
  } else if (config_maps.error().code != Errc::not_found &&
             config_maps.error().code != Errc::unauthorized) {
    return std::move(config_maps).error();
  }
  Result<std::vector<std::string>>& istio = reads.groups.front();
  if (!istio) {
    return std::move(istio).error();
  }
  snapshot.istio_versions = std::move(*istio);
  return snapshot;
}

}  // namespace meshdns::cli
