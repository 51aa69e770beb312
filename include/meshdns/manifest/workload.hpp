#pragma once

// The whole `scaffold NAME` set in one call, and the article's fruits-api example built from it.

#include <meshdns/manifest/deployment.hpp>
#include <meshdns/manifest/object.hpp>

#include <string>
#include <vector>

namespace meshdns::manifest {

struct WorkloadOptions {
  std::string app;  // NAME
  std::string namespace_name;
  std::string image;
  int container_port = 3000;
  std::string port_name;  // empty: "http-NAME"
  unsigned version = 1;
  int replicas = 1;
  ResourceAmounts limits{"1000m", "1024Mi"};
  ResourceAmounts requests{"100m", "100Mi"};
  std::string cluster_ip;  // a literal; `--cluster-ip auto` is resolved by the caller first
  int service_port = 80;
  IstioApiVersion api_version = IstioApiVersion::v1alpha3;
};

// Namespace, Deployment, Service, VirtualService, in the order they must be applied.
Result<std::vector<Object>> build_workload(const WorkloadOptions& options);

// The article's values: fruits-api in micro-shake-factory, istiosuccinctly/fruits-api:1.0.0 on
// port 3000, cluster IP 10.96.0.50, networking.istio.io/v1alpha3 (the version every Istio with
// istiocoredns, 1.1-1.8, serves).
WorkloadOptions fruits_api_workload();
inline constexpr std::string_view k_fruits_api_alias = "my-fruits.internal";

// examples/fruits-api/: the workload plus the ServiceEntry that aliases my-fruits.internal to
// fruits-api-service, in apply order.
Result<std::vector<Object>> fruits_api_example();

}  // namespace meshdns::manifest
