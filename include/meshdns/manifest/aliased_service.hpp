#pragma once

// Reads what `alias` needs from a Service object as the API server (or a manifest file) gives it.

#include <meshdns/manifest/service_entry.hpp>

#include <nlohmann/json.hpp>

namespace meshdns::manifest {

// Takes metadata.name/namespace, spec.clusterIPs (else spec.clusterIP) and spec.ports. Errors:
// Errc::refused for a headless Service (clusterIP None) or one with no cluster IP yet (type
// ExternalName, or not allocated), Errc::config for an object that is not a v1 Service or is
// malformed. `default_namespace` fills in a missing metadata.namespace (manifests often omit it).
Result<AliasedService> aliased_service_from(const nlohmann::json& service,
                                            std::string_view default_namespace = "default");

}  // namespace meshdns::manifest
