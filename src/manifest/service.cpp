#include "manifest/metadata.hpp"

#include <meshdns/manifest/names.hpp>
#include <meshdns/manifest/service.hpp>
#include <meshdns/text.hpp>

namespace meshdns::manifest {

std::string service_name(std::string_view app) {
  return cat(app, "-service");
}

Result<Object> build_service(const ServiceOptions& options) {
  if (auto checked = check_dns1123_label(options.app, "name"); !checked) {
    return std::move(checked).error();
  }
  // Service names are DNS-1035 labels (63 characters at most), and "-service" takes 8 of them.
  const std::string name = service_name(options.app);
  if (auto checked = check_dns1123_label(name, "Service name"); !checked) {
    return std::move(checked).error();
  }
  if (name.front() >= '0' && name.front() <= '9') {
    return fail(Errc::usage, cat("Service name \"", name, "\" starts with a digit"),
                "Service names are DNS-1035 labels, which start with a letter",
                "pick a name that starts with a letter");
  }
  if (!options.namespace_name.empty()) {
    if (auto checked = check_dns1123_label(options.namespace_name, "namespace"); !checked) {
      return std::move(checked).error();
    }
  }
  if (auto checked = detail::check_port(options.port, "Service port"); !checked) {
    return std::move(checked).error();
  }
  const std::string target = options.target_port_name.empty() ? container_port_name(options.app)
                                                              : options.target_port_name;
  if (auto checked = check_port_name(target); !checked) {
    return std::move(checked).error();
  }
  if (!options.cluster_ip.empty()) {
    if (auto checked = check_cluster_ip(options.cluster_ip); !checked) {
      return std::move(checked).error();
    }
  }

  Object port = Object::object();
  port["name"] = "http";  // Istio picks the protocol from the port name's prefix
  port["protocol"] = "TCP";
  port["port"] = options.port;
  port["targetPort"] = target;
  Object selector = Object::object();
  selector["app"] = options.app;

  Object spec = Object::object();
  spec["type"] = "ClusterIP";
  if (!options.cluster_ip.empty()) {
    spec["clusterIP"] = options.cluster_ip;
  }
  spec["selector"] = std::move(selector);
  spec["ports"] = Object::array({std::move(port)});

  Object service = detail::object_skeleton("v1", "Service", name, options.namespace_name,
                                           Labels{{"app", options.app}});
  service["spec"] = std::move(spec);
  return service;
}

}  // namespace meshdns::manifest
