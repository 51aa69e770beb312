#pragma once

// The Namespace `scaffold` creates. Sidecar injection is what puts the workload in the mesh, so it
// is on unless asked otherwise.

#include <meshdns/manifest/object.hpp>

#include <string>

namespace meshdns::manifest {

enum class IstioInjection : bool { disabled, enabled };

struct NamespaceOptions {
  std::string name;
  IstioInjection injection = IstioInjection::enabled;
  Labels labels;  // extra labels; `istio-injection` is set from `injection`
};

// apiVersion v1, kind Namespace, label `istio-injection: enabled|disabled`. Fails (Errc::usage)
// when the name is not a DNS-1123 label.
Result<Object> build_namespace(const NamespaceOptions& options);

}  // namespace meshdns::manifest
