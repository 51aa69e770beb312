#pragma once

// Internal to src/manifest: the skeleton every builder fills in, so the top-level and metadata
// field order is decided in one place.

#include <meshdns/manifest/object.hpp>

#include <string_view>

namespace meshdns::manifest::detail {

// {apiVersion, kind, metadata: {name, namespace?, labels?, annotations?}}; empty namespace, labels
// or annotations are left out. The caller appends "spec".
Object object_skeleton(std::string_view api_version, std::string_view kind, std::string_view name,
                       std::string_view namespace_name, const Labels& labels,
                       const Labels& annotations = {});

// Checks a port number the way the API server does (1-65535); `what` names the field.
Result<void> check_port(int port, std::string_view what);

}  // namespace meshdns::manifest::detail
