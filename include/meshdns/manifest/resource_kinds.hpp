#pragma once

// The resources the tool reads, mapped between the REST plural (`services`, what a ResourceRef
// names) and the kind a manifest declares (`Service`), so objects read from files answer the same
// questions as the API server. A small fixed table rather than discovery: offline there is no
// server to ask, and the tool only ever reads these. Pure.

#include <string>
#include <string_view>
#include <vector>

namespace meshdns::manifest {

struct ResourceKind {
  std::string_view group;     // "" for the core group
  std::string_view resource;  // the plural: "services"
  std::string_view kind;      // "Service"
  bool namespaced = true;
};

// nullptr when the table does not know the resource or the kind.
const ResourceKind* find_resource(std::string_view group, std::string_view resource);
const ResourceKind* find_kind(std::string_view group, std::string_view kind);

// The group of an apiVersion: "networking.istio.io/v1beta1" -> "networking.istio.io", "v1" -> "".
std::string_view api_group(std::string_view api_version);
// The version of an apiVersion: "apps/v1" -> "v1", "v1" -> "v1".
std::string_view api_version_of(std::string_view api_version);

// Sorts versions the way Kubernetes orders them (v1 > v1beta2 > v1beta1 > v1alpha3 ...; GA before
// beta before alpha, higher numbers first, anything else last in alphabetical order) and drops
// duplicates.
void sort_by_version_priority(std::vector<std::string>& versions);

// Every version of `group` the tool knows how to read and write, newest first; empty for a group
// it does not know.
std::vector<std::string> known_versions(std::string_view group);

}  // namespace meshdns::manifest
