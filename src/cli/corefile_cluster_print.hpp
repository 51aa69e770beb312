#pragma once

// How cluster-mode `corefile` subcommands name and print objects: kubectl's
// "configmap/coredns patched" lines and its -o yaml|json documents.

#include "cli/corefile_cluster.hpp"

#include <meshdns/kube/requests.hpp>

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace meshdns::cli {

// "configmap/coredns", "dns.operator.openshift.io/default": kind (lower-case) and group from the
// object, or the resource from `ref` when the object has no kind.
std::string object_name(const nlohmann::json& object, const kube::ResourceRef& ref);

// A result line's subject, with the namespace as kubectl's -n would give it:
// "configmap/coredns -n kube-system", "dns.operator.openshift.io/default" (cluster-scoped).
std::string result_name(const nlohmann::json& object, const kube::ResourceRef& ref);

// "namespace/name" or "name" for cluster-scoped objects.
std::string object_path(const kube::ResourceRef& ref);

// Objects as kubectl prints them: YAML documents separated by "---", or JSON (one object, or a v1
// List for several), managedFields left out as kubectl does by default. Nothing for none.
std::string render_objects(const std::vector<nlohmann::json>& objects, OutputFormat format);

// Writes bytes to stdout as they are.
void print_out(std::string_view bytes);

}  // namespace meshdns::cli
