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
  return snapshot;
}

}  // namespace meshdns::cli
