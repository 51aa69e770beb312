#pragma once

// The versioned Deployment `scaffold` creates: `NAME-deployment-vN` running one container named
// NAME whose port is named `http-NAME`, so the Service can target the port by name and Istio sees
// HTTP.

#include <meshdns/manifest/object.hpp>

#include <string>

namespace meshdns::manifest {

// Kubernetes quantities as the user wrote them ("1000m", "1024Mi"); checked by the API server.
struct ResourceAmounts {
  std::string cpu;
  std::string memory;
};

// Defaults are the article's fruits-api values.
struct DeploymentOptions {
  std::string app;             // NAME: label `app`, container name, port `http-NAME`
  std::string namespace_name;  // empty: no metadata.namespace (the caller's -n applies)
  std::string image;
  int container_port = 3000;
  std::string port_name;  // empty: container_port_name(app); at most 15 characters
  unsigned version = 1;   // name suffix and label `version: vN`; env app_version "N"
  int replicas = 1;
  int min_ready_seconds = 1;
  int progress_deadline_seconds = 600;
  ResourceAmounts limits{"1000m", "1024Mi"};
  ResourceAmounts requests{"100m", "100Mi"};
};

// "NAME-deployment-vN"
std::string deployment_name(std::string_view app, unsigned version);
// "http-NAME": the container port name the Service targets. Kubernetes caps port names at 15
// characters, so a NAME over 10 characters needs an explicit port name.
std::string container_port_name(std::string_view app);

// apps/v1 Deployment. The selector matches `app` and `version`, so a v2 Deployment beside v1 never
// adopts v1's pods; the Service selects `app` only and spans both. Fails (Errc::usage) on a name
// that is not a DNS-1123 label (or too long for the derived names), an empty image, a port outside
// 1-65535, a version of 0 or negative counts.
Result<Object> build_deployment(const DeploymentOptions& options);

}  // namespace meshdns::manifest
