#pragma once

// verify's flags as parsed, before any is checked; verify_run.cpp turns them into the core's types.

#include <cstddef>
#include <string>
#include <vector>

namespace meshdns::cli {

struct VerifyOptions {
  std::vector<std::string> names;  // positional FQDNs
  std::string file;                // -f: NAME [IP...] lines; "-" for stdin
  std::vector<std::string> expect;
  std::string from_manifests;  // a YAML file or a folder of them
  bool all_namespaces = false;
  std::vector<std::string> servers;
  bool tcp = false;
  bool via_cluster = false;       // ask each ready kube-dns pod through a port-forward
  std::vector<std::string> pods;  // --pod NS/NAME: ask these pods' Istio agent DNS proxy
  int pod_port = 15053;           // where --pod's DNS proxy listens (istio-agent's default)
  // dnsperf's default too. Local servers (knot, CoreDNS on a node) start dropping UDP queries
  // at a few hundred in flight, and each drop costs a whole --query-timeout.
  std::size_t concurrency = 100;
  std::string query_timeout = "2s";
  int tries = 2;
  std::string timeout = "0";
  std::string interval = "5s";
  std::string output = "text";
};

}  // namespace meshdns::cli
