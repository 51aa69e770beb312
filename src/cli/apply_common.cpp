#include "cli/apply_common.hpp"

#include "cli/session.hpp"

#include <meshdns/kube/istio.hpp>
#include <meshdns/kube/rest_client.hpp>
#include <meshdns/manifest/render.hpp>

#include <utility>

namespace meshdns::cli {

Result<ApplyContext> open_apply_context(Session& session, const std::string& from_manifests) {
  ApplyContext context;
  if (!from_manifests.empty()) {
    context.namespace_name = session.options().kube.namespace_name.value_or("default");
    Result<std::unique_ptr<ObjectSource>> source =
        make_manifest_source(from_manifests, context.namespace_name);
    if (!source) {
      return std::move(source).error();
    }
    context.source = std::move(*source);
    return context;
  }
  Result<kube::RestClient*> client = session.kube();
  if (!client) {
    return std::move(client).error();
  }
  context.client = *client;
  context.namespace_name = (*client)->config().namespace_name;
  context.source = make_api_source(**client);
  return context;
}

Result<manifest::IstioApiVersion> choose_service_entry_version(ObjectSource& source,
                                                               const std::string& flag) {
  if (!flag.empty()) {
    return manifest::parse_istio_api_version(flag);
  }
  Result<std::vector<std::string>> served = source.served_versions("networking.istio.io");
  if (!served) {
    return std::move(served).error();
  }
  return choose_service_entry_version(*served, flag);
}

Result<manifest::IstioApiVersion> choose_service_entry_version(
    const std::vector<std::string>& served, const std::string& flag) {
  if (!flag.empty()) {
    return manifest::parse_istio_api_version(flag);
  }
  Result<std::string> newest = kube::newest_service_entry_version(served);
  if (!newest) {
    return std::move(newest).error();
  }
  return manifest::parse_istio_api_version(*newest);
}

std::string render_objects(const std::vector<manifest::Object>& objects,
                           const std::string& output) {
  if (output == "json") {
    return objects.size() == 1 ? manifest::render_json(objects.front())
                               : manifest::render_json_list(objects);
  }
  return manifest::render_yaml(objects);
}

}  // namespace meshdns::cli
