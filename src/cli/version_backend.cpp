#include "cli/version_backend.hpp"

#include <meshdns/manifest/yaml_json.hpp>

#include <nlohmann/json.hpp>

namespace meshdns::cli {

const char* to_string(Backend backend) {
  switch (backend) {
    case Backend::istiocoredns:
      return "istiocoredns";
    case Backend::dns_proxy:
      return "dns-proxy";
    case Backend::coredns:
      return "coredns";
  }
  return "coredns";
}

bool dns_capture_enabled(std::string_view mesh_config) {
  const Result<std::vector<nlohmann::json>> documents = manifest::parse_yaml_documents(mesh_config);
  if (!documents || documents->empty()) {
    return false;
  }
  const auto pointer = "/defaultConfig/proxyMetadata/ISTIO_META_DNS_CAPTURE"_json_pointer;
  const nlohmann::json& mesh = documents->front();
  if (!mesh.is_object() || !mesh.contains(pointer)) {
    return false;
  }
  // Istio reads proxyMetadata as strings; an unquoted `true` reaches it as "true" too.
  const nlohmann::json& value = mesh.at(pointer);
  return (value.is_string() && value.get<std::string>() == "true") ||
         (value.is_boolean() && value.get<bool>());
}

BackendChoice choose_auto_backend(bool istiocoredns_service,
                                  const std::optional<std::string>& mesh_config) {
  if (istiocoredns_service) {
    return {Backend::istiocoredns, "the Service istio-system/istiocoredns exists"};
  }
  if (mesh_config && dns_capture_enabled(*mesh_config)) {
    return {Backend::dns_proxy,
            "no istiocoredns; the mesh config (ConfigMap istio-system/istio) sets "
            "ISTIO_META_DNS_CAPTURE=true"};
  }
  return {Backend::coredns,
          mesh_config ? "no istiocoredns, and the mesh config does not enable DNS proxying"
                      : "no istiocoredns and no mesh config (ConfigMap istio-system/istio)"};
}

}  // namespace meshdns::cli
