#include "manifest/metadata.hpp"

#include <meshdns/manifest/names.hpp>
#include <meshdns/manifest/service.hpp>
#include <meshdns/manifest/virtual_service.hpp>
#include <meshdns/text.hpp>

namespace meshdns::manifest {

std::string virtual_service_name(std::string_view app) {
  return cat(app, "-vservice");
}

Result<Object> build_virtual_service(const VirtualServiceOptions& options) {
  if (auto checked = check_dns1123_label(options.app, "name"); !checked) {
    return std::move(checked).error();
  }
  if (!options.namespace_name.empty()) {
    if (auto checked = check_dns1123_label(options.namespace_name, "namespace"); !checked) {
      return std::move(checked).error();
    }
  }
  if (auto checked = detail::check_port(options.port, "Service port"); !checked) {
    return std::move(checked).error();
  }
  const std::string host = service_name(options.app);

  Object port = Object::object();
  port["number"] = options.port;
  Object destination = Object::object();
  destination["host"] = host;
  destination["port"] = std::move(port);
  Object route = Object::object();
  route["destination"] = std::move(destination);
  Object http_route = Object::object();
  http_route["route"] = Object::array({std::move(route)});

  Object spec = Object::object();
  spec["hosts"] = Object::array({host});
  spec["http"] = Object::array({std::move(http_route)});

  Object virtual_service = detail::object_skeleton(
      istio_api_version(options.api_version), "VirtualService", virtual_service_name(options.app),
      options.namespace_name, Labels{{"app", options.app}});
  virtual_service["spec"] = std::move(spec);
  return virtual_service;
}

}  // namespace meshdns::manifest
