#include <meshdns/kube/endpoints.hpp>
#include <meshdns/kube/rest_client.hpp>
#include <meshdns/text.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <tuple>

namespace meshdns::kube {
namespace {

std::string text_at(const nlohmann::json& object, const char* key) {
  const auto found = object.find(key);
  return found != object.end() && found->is_string() ? found->get<std::string>() : std::string();
}

}  // namespace

Result<std::vector<PodPort>> ready_pods_of(const nlohmann::json& endpoints, std::string_view ns,
                                           std::string_view service, std::uint16_t port) {
  std::vector<PodPort> pods;
  const auto subsets = endpoints.find("subsets");
  if (subsets != endpoints.end() && subsets->is_array()) {
    for (const auto& subset : *subsets) {
      // notReadyAddresses are pods the Service does not send queries to: not what pods get.
      const auto addresses = subset.find("addresses");
      if (addresses == subset.end() || !addresses->is_array()) {
        continue;
      }
      for (const auto& address : *addresses) {
        const auto target = address.find("targetRef");
        if (target == address.end() || !target->is_object() || text_at(*target, "kind") != "Pod") {
          continue;  // an address without a pod (a manual Endpoints) cannot be port-forwarded
        }
        std::string pod_ns = text_at(*target, "namespace");
        pods.push_back(
            PodPort{pod_ns.empty() ? std::string(ns) : pod_ns, text_at(*target, "name"), port});
      }
    }
  }
  const auto key = [](const PodPort& p) { return std::tie(p.namespace_name, p.pod); };
  std::sort(pods.begin(), pods.end(),
            [&](const auto& a, const auto& b) { return key(a) < key(b); });
  pods.erase(std::unique(pods.begin(), pods.end(),
                         [&](const auto& a, const auto& b) { return key(a) == key(b); }),
             pods.end());
  if (pods.empty()) {
    return fail(Errc::not_found, cat("no ready pod serves Service ", ns, "/", service),
                "its Endpoints list no ready address with a pod behind it",
                cat("check kubectl -n ", ns,
                    " get pods,endpoints (is the DNS Deployment scaled "
                    "to zero or crash-looping?)"));
  }
  return pods;
}

Result<std::vector<PodPort>> ready_service_pods(RestClient& client, std::string_view ns,
                                                std::string_view service, std::uint16_t port) {
  Result<nlohmann::json> endpoints =
      client.get(cat("/api/v1/namespaces/", ns, "/endpoints/", service));
  if (!endpoints) {
    Error error = std::move(endpoints).error();
    if (error.code == Errc::not_found) {
      error.why = cat("verify --via-cluster asks the pods behind Service ", ns, "/", service);
      error.fix = "check --context points at the cluster, and that its DNS Service exists";
    }
    return error;
  }
  return ready_pods_of(*endpoints, ns, service, port);
}

}  // namespace meshdns::kube
