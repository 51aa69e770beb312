// ObjectSource over the API server: GETs and LISTs through kube::RestClient, many GETs at once
// through perform_all, discovery for served versions.

#include "cli/object_source.hpp"

#include <meshdns/kube/rest_client.hpp>
#include <meshdns/manifest/json_fields.hpp>
#include <meshdns/text.hpp>

#include <nlohmann/json.hpp>

#include <utility>

namespace meshdns::cli {
namespace {

// A 404 is an answer ("it does not exist"), not a failure.
Result<std::optional<nlohmann::json>> absent_on_not_found(Result<nlohmann::json> read) {
  if (read) {
    return std::optional<nlohmann::json>(std::move(*read));
  }
  if (read.error().code == Errc::not_found) {
    return std::optional<nlohmann::json>();
  }
  return std::move(read).error();
}

// List items come without apiVersion and kind for built-in types; manifests always carry them, so
// both sources hand out objects in the same shape.
void complete_items(nlohmann::json& list, std::vector<nlohmann::json>& into) {
  const auto items = list.find("items");
  if (items == list.end() || !items->is_array()) {
    return;
  }
  const std::string api_version = manifest::string_field(list, "apiVersion");
  std::string kind = manifest::string_field(list, "kind");
  if (ends_with(kind, "List")) {
    kind.resize(kind.size() - 4);
  }
  for (nlohmann::json& item : *items) {
    if (!item.is_object()) {
      continue;
    }
    if (!item.contains("apiVersion") && !api_version.empty()) {
      item["apiVersion"] = api_version;
    }
    if (!item.contains("kind") && !kind.empty()) {
      item["kind"] = kind;
    }
    into.push_back(std::move(item));
  }
}

class ApiSource final : public ObjectSource {
 public:
  explicit ApiSource(kube::RestClient& client) : m_client(client) {}

  Result<std::optional<nlohmann::json>> get(const kube::ResourceRef& ref) override {
    return absent_on_not_found(m_client.get(kube::resource_path(ref)));
  }

  std::vector<Result<std::optional<nlohmann::json>>> get_all(
      const std::vector<kube::ResourceRef>& refs) override {
    std::vector<kube::Request> requests;
    requests.reserve(refs.size());
    for (const kube::ResourceRef& ref : refs) {
      requests.push_back(kube::get_request(kube::resource_path(ref)));
    }
    std::vector<Result<kube::Response>> responses = m_client.perform_all(requests);
    std::vector<Result<std::optional<nlohmann::json>>> out;
    out.reserve(responses.size());
    for (std::size_t i = 0; i < responses.size(); ++i) {
      if (!responses[i]) {
        out.push_back(absent_on_not_found(std::move(responses[i]).error()));
      } else {
        out.push_back(absent_on_not_found(kube::parse_json_body(requests[i], *responses[i])));
      }
    }
    return out;
  }

  Result<std::vector<nlohmann::json>> list(const kube::ResourceRef& collection,
                                           std::string_view label_selector) override {
    Result<nlohmann::json> listed = m_client.list(kube::resource_path(collection), label_selector);
    if (!listed) {
      return std::move(listed).error();
    }
    std::vector<nlohmann::json> items;
    complete_items(*listed, items);
    return items;
  }

  Result<std::vector<std::string>> served_versions(std::string_view group) override {
    Result<kube::GroupVersions> served = m_client.served_versions(group);
    if (!served) {
      if (served.error().code == Errc::not_found) {
        return std::vector<std::string>();
      }
      return std::move(served).error();
    }
    return std::move(served->versions);
  }

  bool offline() const override { return false; }

 private:
  kube::RestClient& m_client;
};

}  // namespace

std::unique_ptr<ObjectSource> make_api_source(kube::RestClient& client) {
  return std::make_unique<ApiSource>(client);
}

}  // namespace meshdns::cli
