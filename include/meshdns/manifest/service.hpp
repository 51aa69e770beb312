#pragma once

// The Service `scaffold` creates: `NAME-service`, port 80 to the container port named `http-NAME`,
// with a fixed cluster IP so a ServiceEntry can point an alias at an address that never changes.

#include <meshdns/manifest/deployment.hpp>
#include <meshdns/manifest/object.hpp>

#include <string>

namespace meshdns::manifest {

struct ServiceOptions {
  std::string app;             // NAME: selector `app: NAME`, target port `http-NAME`
  std::string namespace_name;  // empty: no metadata.namespace
  std::string cluster_ip;      // empty: the API server picks one (the alias then follows it)
  int port = 80;
  std::string target_port_name;  // empty: container_port_name(app), as the Deployment names it
};

// "NAME-service"
std::string service_name(std::string_view app);

// v1 Service, type ClusterIP, one TCP port named "http" (Istio reads the protocol from the name).
// Fails (Errc::usage) on a bad name, a port outside 1-65535 or a cluster IP that is not an IP
// literal.
Result<Object> build_service(const ServiceOptions& options);

}  // namespace meshdns::manifest
