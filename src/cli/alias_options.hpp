#pragma once

// The flags of `kubectl meshdns alias` and its subcommands (list, delete), filled by
// alias_command.cpp and read by the alias_*.cpp files that do the work.

#include "cli/dry_run.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace meshdns::cli {

struct AliasOptions {
  std::string service;  // SERVICE FQDN, or...
  std::string fqdn;
  std::string file;            // ... -f FILE ("-": stdin), a list of {service, namespace, fqdn}
  std::string api_version;     // --api-version: empty = the newest the cluster serves
  std::string cluster_domain;  // --cluster-domain
  std::string dry_run = "none";
  std::string output;  // -o: empty (success lines), yaml or json
  bool force = false;
  std::string from_manifests;
  std::size_t concurrency = 64;  // requests in flight at most
  std::string backend = "auto";  // --backend: auto, istiocoredns, coredns or dns-proxy
};

struct AliasListOptions {
  bool all_namespaces = false;
  std::string output = "table";
  std::string from_manifests;
};

struct AliasDeleteOptions {
  std::vector<std::string> fqdns;
  std::string dry_run = "none";
  std::string backend = "auto";
};

}  // namespace meshdns::cli
