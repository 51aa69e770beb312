#include "kube/status.hpp"

#include <meshdns/json_depth.hpp>
#include <meshdns/text.hpp>

#include <nlohmann/json.hpp>

#include <string>

namespace meshdns::kube {
namespace {

struct Decoded {
  std::string reason;
  std::string message;
};

Errc errc_for(std::string_view reason, long status) {  // NOLINT(google-runtime-int)
  if (reason == "NotFound" || status == 404) {
    return Errc::not_found;
  }
  if (reason == "Conflict" || reason == "AlreadyExists" || status == 409) {
    return Errc::conflict;
  }
  if (reason == "Unauthorized" || reason == "Forbidden" || status == 401 || status == 403) {
    return Errc::unauthorized;
  }
  return Errc::server;
}

// A body that is not a Status, in client-go's generic wording for the code (reason, message).
Decoded generic(long status, std::string_view body) {  // NOLINT(google-runtime-int)
  const std::string text(trim(body).substr(0, 256));
  switch (status) {
    case 400:
      return {"BadRequest", "the server rejected our request for an unknown reason"};
    case 401:
      return {"Unauthorized", "the server has asked for the client to provide credentials"};
    case 403:
      return {"Forbidden", "the server does not allow access to the requested resource"};
    case 404:
      return {"NotFound", "the server could not find the requested resource"};
    case 405:
      return {"MethodNotAllowed",
              "the server does not allow this method on the requested resource"};
    case 406:
      return {"NotAcceptable",
              "the server was unable to respond with a content type that the client supports"};
    case 409:
      return {"Conflict", "the server reported a conflict"};
    case 410:
      return {"Expired", "the resource version is too old"};
    case 413:
      return {"RequestEntityTooLarge",
              "the server has rejected the request due to its size being too large"};
    case 415:
      return {"UnsupportedMediaType",
              "the server was unable to respond with a content type that the client supports"};
    case 422:
      return {"Invalid", "the server rejected our request due to an error in our request"};
    case 429:
      return {"TooManyRequests",
              "the server has received too many requests and has asked us to try again later"};
    case 503:
      return {"ServiceUnavailable", "the server is currently unable to handle the request"};
    case 504:
      return {"Timeout",
              "the server was unable to return a response in the time allotted, but may still be "
              "processing the request"};
    default:
      break;
  }
  const std::string reason = status == 500 ? "InternalError" : "";
  if (text.empty()) {
    return {reason, cat("an error on the server (HTTP ", status,
                        ") has prevented the request from succeeding")};
  }
  return {reason,
          cat("an error on the server (\"", text, "\") has prevented the request from succeeding")};
}

// A string member, or "" when absent or of another type (a hostile body must not throw).
std::string string_field(const nlohmann::json& object, const char* key) {
  const auto found = object.find(key);
  return found != object.end() && found->is_string() ? found->get<std::string>() : std::string();
}

bool is_status(const nlohmann::json& parsed) {
  return parsed.is_object() && string_field(parsed, "kind") == "Status";
}

bool always_served(std::string_view path) {
  path = path.substr(0, path.find('?'));
  return path == "/version" || path == "/api" || path == "/apis" || path == "/api/v1" ||
         starts_with(path, "/api/v1/") || path == "/apis/apps/v1" ||
         starts_with(path, "/apis/apps/v1/");
}

}  // namespace

std::optional<Error> not_kubernetes(long status, std::string_view body,  // NOLINT
                                    std::string_view path, std::string_view server) {
  if (status != 404 || !always_served(path)) {
    return std::nullopt;
  }
  if (json_nesting_depth(body) <= k_max_json_depth &&
      is_status(nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false))) {
    return std::nullopt;
  }
  return fail(Errc::config, cat("the server ", server, " is not a Kubernetes API server"),
              cat("it answered 404 without a Kubernetes Status for ", path,
                  ", which every API server serves"),
              "check --server or the kubeconfig's cluster server (with kubectl proxy, its "
              "address and port)");
}

Error status_error(long status, std::string_view body) {  // NOLINT(google-runtime-int)
  Decoded decoded;
  const nlohmann::json parsed =
      json_nesting_depth(body) > k_max_json_depth
          ? nlohmann::json()
          : nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (is_status(parsed) && !string_field(parsed, "message").empty()) {
    decoded.message = string_field(parsed, "message");
    decoded.reason = string_field(parsed, "reason");
  } else {
    decoded = generic(status, body);
  }
  const Errc code = errc_for(decoded.reason, status);
  if (decoded.reason == "Unauthorized") {
    return fail(code, cat("You must be logged in to the server (", decoded.message, ")"));
  }
  if (decoded.reason.empty()) {
    return fail(code, cat("Error from server: ", decoded.message));
  }
  return fail(code, cat("Error from server (", decoded.reason, "): ", decoded.message));
}

}  // namespace meshdns::kube
