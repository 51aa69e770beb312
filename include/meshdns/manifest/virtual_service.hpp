#pragma once

// The VirtualService `scaffold` creates: `NAME-vservice`, sending all HTTP traffic for the
// Service's host to that Service's port, the hook for later canary routing between versions.

#include <meshdns/manifest/object.hpp>

#include <string>

namespace meshdns::manifest {

struct VirtualServiceOptions {
  std::string app;             // NAME: host `NAME-service`
  std::string namespace_name;  // empty: no metadata.namespace
  int port = 80;               // the Service port traffic goes to
  IstioApiVersion api_version = IstioApiVersion::v1alpha3;
};

// "NAME-vservice"
std::string virtual_service_name(std::string_view app);

// spec: hosts [NAME-service]; http: [{route: [{destination: {host: NAME-service, port:
// {number}}}]}]. The short host name resolves in the VirtualService's own namespace, as the article
// writes it.
Result<Object> build_virtual_service(const VirtualServiceOptions& options);

}  // namespace meshdns::manifest
