#include "manifest/metadata.hpp"

#include <meshdns/manifest/names.hpp>
#include <meshdns/manifest/namespace.hpp>

namespace meshdns::manifest {

Result<Object> build_namespace(const NamespaceOptions& options) {
  if (auto checked = check_dns1123_label(options.name, "namespace"); !checked) {
    return std::move(checked).error();
  }
  Labels labels = options.labels;
  labels["istio-injection"] = options.injection == IstioInjection::enabled ? "enabled" : "disabled";
  return detail::object_skeleton("v1", "Namespace", options.name, {}, labels);
}

}  // namespace meshdns::manifest
