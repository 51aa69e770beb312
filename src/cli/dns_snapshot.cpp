#include "cli/dns_snapshot.hpp"

#include <meshdns/text.hpp>

#include <string>
#include <utility>
#include <vector>

namespace meshdns::cli {
namespace {

// "configmaps" or "dnses.operator.openshift.io", as RBAC rules and kubectl name a resource.
std::string resource_name(const kube::ResourceRef& ref) {
  return ref.group.empty() ? ref.resource : cat(ref.resource, '.', ref.group);
}

// The API server's Forbidden message already names the verb, the resource and the namespace
// ("User "x" cannot get resource "configmaps" in API group "" in the namespace "kube-system""), so
// it is kept verbatim; the fix spells out the RBAC rule that is missing.
Error explain_denied(const kube::ResourceRef& ref, Error error) {
  const std::string where = ref.namespace_name.empty()
                                ? std::string("cluster-wide")
                                : cat("in the namespace ", ref.namespace_name);
  error.why =
      cat("reading the DNS configuration needs permission to get ", resource_name(ref), ' ', where);
  error.fix = cat(
      "ask for an RBAC rule with verbs [get] on ", resource_name(ref),
      ref.group.empty() ? std::string(" (core API group)") : cat(" (API group ", ref.group, ')'),
      ", or check it with `kubectl auth can-i get ", resource_name(ref),
      ref.namespace_name.empty() ? std::string() : cat(" -n ", ref.namespace_name), '`');
  return error;
}

}  // namespace

Result<cluster_dns::Snapshot> read_dns_snapshot(ObjectSource& source) {
  const std::vector<cluster_dns::WatchedObject>& watched = cluster_dns::watched_objects();
  std::vector<kube::ResourceRef> refs;
  refs.reserve(watched.size());
  for (const cluster_dns::WatchedObject& object : watched) {
    refs.push_back(object.ref);
  }
  std::vector<Result<std::optional<nlohmann::json>>> results = source.get_all(refs);

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
      if (error.code == Errc::unauthorized && starts_with(error.what, "Error from server")) {
        return explain_denied(watched[i].ref, std::move(error));
      }
      return error;
    }
    if (result->has_value()) {
      snapshot.objects.emplace(watched[i].role, std::move(**result));
    }
  }
  // The backend choice's evidence. A user who may not list istio-system's ConfigMaps gets the
  // choice made without a mesh config (no DNS capture assumed), not an error.
  Result<std::vector<nlohmann::json>> config_maps =
      source.list(cluster_dns::mesh_config_collection());
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
  Result<std::vector<std::string>> istio = source.served_versions("networking.istio.io");
  if (!istio) {
    return std::move(istio).error();
  }
  snapshot.istio_versions = std::move(*istio);
  return snapshot;
}

}  // namespace meshdns::cli
