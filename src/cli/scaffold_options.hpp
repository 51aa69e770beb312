#pragma once

// The flags of `kubectl meshdns scaffold NAME`, filled by scaffold_command.cpp and read by
// scaffold_run.cpp.

#include <string>

namespace meshdns::cli {

struct ScaffoldOptions {
  std::string name;
  std::string image;
  int port = 3000;        // the container port
  std::string port_name;  // empty: http-NAME
  int replicas = 1;
  unsigned version = 1;
  std::string limits;    // --limits cpu=..,memory=..; empty: 1000m / 1024Mi
  std::string requests;  // --requests; empty: 100m / 100Mi
  std::string cluster_ip = "auto";
  std::string service_cidr;  // empty: ask the API server (offline: 10.96.0.0/12, kubeadm's)
  std::string api_version;   // VirtualService; empty: the newest served
  std::string dry_run = "none";
  std::string output;  // empty (one line per object), yaml or json
  bool force = false;
  std::string from_manifests;
};

}  // namespace meshdns::cli
