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

// A response's JSON body, or the failure (a transport error or a Status).
Result<nlohmann::json> body_of(const kube::Request& request, Result<kube::Response> response) {
  if (!response) {
    return std::move(response).error();
  }
  return kube::parse_json_body(request, *response);
}

Result<std::vector<nlohmann::json>> items_of(Result<nlohmann::json> listed) {
  if (!listed) {
    return std::move(listed).error();
  }
  std::vector<nlohmann::json> items;
  complete_items(*listed, items);
  return items;
}

class ApiSource final : public ObjectSource {
 public:
  explicit ApiSource(kube::RestClient& client) : m_client(client) {}

  Result<std::optional<nlohmann::json>> get(const kube::ResourceRef& ref) override {
    return absent_on_not_found(m_client.get(kube::resource_path(ref)));
  }

  std::vector<Result<std::optional<nlohmann::json>>> get_all(
      const std::vector<kube::ResourceRef>& refs) override {
    return read_all(refs, {}, {}).objects;
  }

  Result<std::vector<nlohmann::json>> list(const kube::ResourceRef& collection,
                                           std::string_view label_selector) override {
    return items_of(m_client.list(kube::resource_path(collection), label_selector));
  }

  Reads read_all(const std::vector<kube::ResourceRef>& objects,
                 const std::vector<kube::ResourceRef>& collections,
                 const std::vector<std::string>& groups) override {
    std::vector<kube::Request> requests;
    requests.reserve(objects.size() + collections.size() + groups.size());
    for (const kube::ResourceRef& ref : objects) {
      requests.push_back(kube::get_request(kube::resource_path(ref)));
    }
    for (const kube::ResourceRef& collection : collections) {
      requests.push_back(kube::list_request(kube::resource_path(collection)));
    }
    for (const std::string& group : groups) {
      requests.push_back(kube::get_request(kube::group_path(group)));
    }
    std::vector<Result<kube::Response>> responses = m_client.perform_all(requests);
    Reads out;
    std::size_t next = 0;
    const auto body = [&]() {
      Result<nlohmann::json> answer = body_of(requests[next], std::move(responses[next]));
      ++next;
      return answer;
    };
    for (std::size_t i = 0; i < objects.size(); ++i) {
      out.objects.push_back(absent_on_not_found(body()));
    }
    for (std::size_t i = 0; i < collections.size(); ++i) {
      out.collections.push_back(items_of(body()));
    }
    for (const std::string& group : groups) {
      Result<nlohmann::json> discovery = body();
      if (discovery) {
        Result<kube::GroupVersions> served = kube::group_versions(group, *discovery);
        out.groups.push_back(served ? Result<std::vector<std::string>>(std::move(served->versions))
                                    : Result<std::vector<std::string>>(std::move(served).error()));
      } else {
        // Not served, or not a Kubernetes server at all: served_versions tells them apart.
        out.groups.push_back(served_versions(group));
      }
    }
    return out;
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
