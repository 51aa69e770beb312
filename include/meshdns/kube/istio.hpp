#pragma once

// Typed questions about Istio's API in a cluster.

#include <meshdns/result.hpp>

#include <string>
#include <vector>

namespace meshdns::kube {

class RestClient;

// The networking.istio.io version to use for ServiceEntries: the newest the cluster serves
// (v1 > v1beta1 > v1alpha3). Errc::not_found when the group is not served (Istio not installed).
Result<std::string> service_entry_version(RestClient& client);

// The same choice from the versions a source serves (discovery, or the objects of
// --from-manifests); an empty list means the group is not served.
Result<std::string> newest_service_entry_version(const std::vector<std::string>& served);

}  // namespace meshdns::kube
