#include <meshdns/kube/istio.hpp>
#include <meshdns/kube/rest_client.hpp>
#include <meshdns/text.hpp>

#include <algorithm>
#include <array>
#include <string_view>

namespace meshdns::kube {

Result<std::string> service_entry_version(RestClient& client) {
  Result<GroupVersions> served = client.served_versions("networking.istio.io");
  if (!served) {
    if (served.error().code == Errc::not_found) {
      return newest_service_entry_version({});
    }
    return std::move(served).error();
  }
  return newest_service_entry_version(served->versions);
}

Result<std::string> newest_service_entry_version(const std::vector<std::string>& served) {
  if (served.empty()) {
    return fail(Errc::not_found, "the cluster does not serve networking.istio.io",
                "ServiceEntries need Istio's CRDs", "install Istio, or check --context");
  }
  // Newest first: the same object is served at every version, and v1 is the one Istio keeps.
  constexpr std::array<std::string_view, 3> k_newest_first = {"v1", "v1beta1", "v1alpha3"};
  for (std::string_view version : k_newest_first) {
    if (std::find(served.begin(), served.end(), version) != served.end()) {
      return std::string(version);
    }
  }
  return fail(Errc::not_found, "the cluster serves no ServiceEntry version this tool knows",
              cat("networking.istio.io serves ", join(served, ", ")), "use Istio 1.1 or newer");
}

}  // namespace meshdns::kube
