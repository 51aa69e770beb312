#pragma once

// Which pods serve a Service right now: the ready addresses of its Endpoints object (what
// kube-proxy sends traffic to), for verify --via-cluster's replica-by-replica checks.

#include <meshdns/kube/port_forward.hpp>
#include <meshdns/result.hpp>

#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <string_view>
#include <vector>

namespace meshdns::kube {

class RestClient;

// Ready pods behind Service NS/NAME, sorted by namespace and name, each once (an address listed
// under several port subsets counts once). Errc::not_found, with what to do, when the Endpoints
// object is missing or lists no ready pod.
Result<std::vector<PodPort>> ready_service_pods(RestClient& client, std::string_view ns,
                                                std::string_view service, std::uint16_t port);

// The same from an Endpoints object already read; pure.
Result<std::vector<PodPort>> ready_pods_of(const nlohmann::json& endpoints, std::string_view ns,
                                           std::string_view service, std::uint16_t port);

}  // namespace meshdns::kube
