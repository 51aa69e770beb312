#include "kube/request_runner.hpp"

#include <meshdns/json_depth.hpp>
#include <meshdns/kube/rest_client.hpp>
#include <meshdns/text.hpp>

#include <nlohmann/json.hpp>

#include <utility>

namespace meshdns::kube {

RestClient::RestClient(ClientConfig config, std::unique_ptr<CredentialProvider> credentials)
    : m_runner(std::make_unique<RequestRunner>(std::move(config), std::move(credentials))) {}

RestClient::~RestClient() = default;
RestClient::RestClient(RestClient&&) noexcept = default;
RestClient& RestClient::operator=(RestClient&&) noexcept = default;

const ClientConfig& RestClient::config() const {
  return m_runner->config();
}

Result<Response> RestClient::perform(Request request) {
  std::vector<Request> one;
  one.push_back(std::move(request));
  return std::move(m_runner->run(std::move(one), 1).front());
}

void RestClient::set_progress(ProgressHook hook) {
  m_runner->set_progress(std::move(hook));
}

std::vector<Result<Response>> RestClient::perform_all(std::vector<Request> requests,
                                                      std::size_t max_in_flight) {
  return m_runner->run(std::move(requests), max_in_flight);
}

Result<nlohmann::json> parse_json_body(const Request& request, const Response& response) {
  if (trim(response.body).empty()) {
    return nlohmann::json();  // 204 No Content and the like
  }
  if (json_nesting_depth(response.body) > k_max_json_depth) {
    return fail(Errc::server,
                cat("the server's answer to ", to_string(request.method), " ", request.path,
                    " nests deeper than ", k_max_json_depth, " levels"),
                "Kubernetes API servers refuse such objects themselves",
                "check that --server points at a Kubernetes API server");
  }
  nlohmann::json parsed = nlohmann::json::parse(response.body, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded()) {
    return fail(Errc::server,
                cat("the server's answer to ", to_string(request.method), " ", request.path,
                    " is not JSON"),
                cat("it starts with \"", trim(response.body).substr(0, 64), "\""),
                "check that --server points at a Kubernetes API server");
  }
  return parsed;
}

Result<nlohmann::json> RestClient::perform_json(Request request) {
  Result<Response> response = perform(request);
  if (!response) {
    return std::move(response).error();
  }
  return parse_json_body(request, *response);
}

Result<nlohmann::json> RestClient::get(std::string_view path) {
  return perform_json(get_request(path));
}

Result<nlohmann::json> RestClient::list(std::string_view collection_path,
                                        std::string_view label_selector) {
  return perform_json(list_request(collection_path, label_selector));
}

Result<nlohmann::json> RestClient::create(std::string_view collection_path,
                                          const nlohmann::json& object, DryRun dry_run) {
  return perform_json(create_request(collection_path, object, dry_run));
}

Result<nlohmann::json> RestClient::apply(std::string_view object_path,
                                         std::string_view yaml_or_json,
                                         const ApplyOptions& options) {
  return perform_json(apply_request(object_path, yaml_or_json, options));
}

Result<nlohmann::json> RestClient::replace(std::string_view object_path,
                                           const nlohmann::json& object, DryRun dry_run) {
  Result<Request> request = replace_request(object_path, object, dry_run);
  if (!request) {
    return std::move(request).error();
  }
  return perform_json(std::move(*request));
}

Result<nlohmann::json> RestClient::merge_patch(std::string_view object_path,
                                               const nlohmann::json& patch, DryRun dry_run) {
  return perform_json(merge_patch_request(object_path, patch, dry_run));
}

Result<nlohmann::json> RestClient::remove(std::string_view object_path, DryRun dry_run) {
  return perform_json(delete_request(object_path, dry_run));
}

std::string group_path(std::string_view group) {
  return group.empty() ? std::string("/api") : cat("/apis/", group);
}

Result<GroupVersions> group_versions(std::string_view group, const nlohmann::json& body) {
  // /api answers APIVersions {"versions": ["v1"]}; /apis/G answers APIGroup {"versions":
  // [{"groupVersion": "G/v1", "version": "v1"}], "preferredVersion": {...}}.
  GroupVersions served;
  if (const auto versions = body.find("versions"); versions != body.end() && versions->is_array()) {
    for (const nlohmann::json& entry : *versions) {
      if (entry.is_string()) {
        served.versions.push_back(entry.get<std::string>());
      } else if (entry.is_object() && entry.contains("version") && entry["version"].is_string()) {
        served.versions.push_back(entry["version"].get<std::string>());
      }
    }
  }
  if (const auto preferred = body.find("preferredVersion");
      preferred != body.end() && preferred->is_object() && preferred->contains("version") &&
      (*preferred)["version"].is_string()) {
    served.preferred = (*preferred)["version"].get<std::string>();
  } else if (!served.versions.empty()) {
    served.preferred = served.versions.front();
  }
  if (served.versions.empty()) {
    return fail(Errc::server, cat("the server lists no versions for the API group \"", group, "\""),
                "its discovery answer has no versions");
  }
  return served;
}

Result<GroupVersions> RestClient::served_versions(std::string_view group) {
  Result<nlohmann::json> answer = get(group_path(group));
  if (!answer) {
    if (answer.error().code == Errc::not_found) {
      // A server that is not Kubernetes at all 404s the group too: /version, which every API
      // server serves, tells the two apart before the group is called missing (one request, and
      // only on this failure path).
      if (Result<nlohmann::json> version = get("/version");
          !version && version.error().code == Errc::config) {
        return std::move(version).error();
      }
    }
    return std::move(answer).error();
  }
  return group_versions(group, *answer);
}

}  // namespace meshdns::kube
