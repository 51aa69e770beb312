#include <meshdns/manifest/aliased_service.hpp>
#include <meshdns/manifest/namespace.hpp>
#include <meshdns/manifest/service.hpp>
#include <meshdns/manifest/service_entry.hpp>
#include <meshdns/manifest/virtual_service.hpp>
#include <meshdns/manifest/workload.hpp>

#include <algorithm>

namespace meshdns::manifest {

Result<std::vector<Object>> build_workload(const WorkloadOptions& options) {
  DeploymentOptions deployment;
  deployment.app = options.app;
  deployment.namespace_name = options.namespace_name;
  deployment.image = options.image;
  deployment.container_port = options.container_port;
  deployment.port_name = options.port_name;
  deployment.version = options.version;
  deployment.replicas = options.replicas;
  deployment.limits = options.limits;
  deployment.requests = options.requests;

  ServiceOptions service;
  service.app = options.app;
  service.namespace_name = options.namespace_name;
  service.cluster_ip = options.cluster_ip;
  service.port = options.service_port;
  service.target_port_name = options.port_name;

  VirtualServiceOptions virtual_service;
  virtual_service.app = options.app;
  virtual_service.namespace_name = options.namespace_name;
  virtual_service.port = options.service_port;
  virtual_service.api_version = options.api_version;

  NamespaceOptions namespace_options;
  namespace_options.name = options.namespace_name;

  std::vector<Object> objects;
  for (Result<Object> built : {build_namespace(namespace_options), build_deployment(deployment),
                               build_service(service), build_virtual_service(virtual_service)}) {
    if (!built) {
      return std::move(built).error();
    }
    objects.push_back(std::move(built).value());
  }
  return objects;
}

WorkloadOptions fruits_api_workload() {
  WorkloadOptions options;
  options.app = "fruits-api";
  options.namespace_name = "micro-shake-factory";
  options.image = "istiosuccinctly/fruits-api:1.0.0";
  options.container_port = 3000;
  options.version = 1;
  options.replicas = 1;
  options.limits = {"1000m", "1024Mi"};
  options.requests = {"100m", "100Mi"};
  options.cluster_ip = "10.96.0.50";
  options.service_port = 80;
  options.api_version = IstioApiVersion::v1alpha3;
  return options;
}

Result<std::vector<Object>> fruits_api_example() {
  const WorkloadOptions workload = fruits_api_workload();
  auto objects = build_workload(workload);
  if (!objects) {
    return objects;
  }
  // The alias is built from the Service object exactly as `alias` reads one from the cluster or
  // from --from-manifests, so the example exercises the same path.
  const auto is_service = [](const Object& object) { return object["kind"] == "Service"; };
  const auto service_object = std::find_if(objects->begin(), objects->end(), is_service);
  auto service = aliased_service_from(nlohmann::json(*service_object));
  if (!service) {
    return std::move(service).error();
  }
  ServiceEntryOptions entry;
  entry.fqdn = std::string(k_fruits_api_alias);
  entry.service = std::move(service).value();
  entry.api_version = workload.api_version;
  auto built = build_service_entry(entry);
  if (!built) {
    return std::move(built).error();
  }
  objects->push_back(std::move(built).value());
  return objects;
}

}  // namespace meshdns::manifest
