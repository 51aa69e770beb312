#pragma once

// One HTTP exchange with the API server, as the REST client sends and receives it. Paths are
// relative to the cluster's server URL (which may carry a prefix such as /k8s/clusters/c-1),
// queries included.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace meshdns::kube {

enum class Method : std::uint8_t { get, head, post, put, patch, del };
const char* to_string(Method method);  // "GET", ..., "DELETE"

struct Request {
  Method method = Method::get;
  std::string path;          // "/api/v1/namespaces/default/services?labelSelector=app%3Dx"
  std::string body;          // sent only when content_type is set
  std::string content_type;  // "application/json", "application/apply-patch+yaml", ...
};

struct Response {
  long status = 0;  // NOLINT(google-runtime-int): libcurl's type for the status code
  std::vector<std::pair<std::string, std::string>> headers;  // in arrival order, names as sent
  std::string body;
  std::chrono::milliseconds latency{0};

  // The first header with this name (case-insensitive), if any.
  std::optional<std::string_view> header(std::string_view name) const;
};

}  // namespace meshdns::kube
