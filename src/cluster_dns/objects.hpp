#pragma once

// Reading and changing the Kubernetes objects of a Snapshot as JSON: the few fields plans look at
// (data keys, labels, container images, cluster IPs) and the object a write sends back.

#include <meshdns/cluster_dns/coredns_release.hpp>
#include <meshdns/cluster_dns/plan.hpp>

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace meshdns::cluster_dns {

// The watched object for a role (which must be one of watched_objects()).
const WatchedObject& watched(std::string_view role);

// "kube-system/coredns", or "default" for a cluster-scoped object.
std::string object_name(const kube::ResourceRef& ref);

// data[key] of a ConfigMap, if it is there and a string.
std::optional<std::string> data_value(const nlohmann::json& config_map, std::string_view key);

// metadata.labels[key] / metadata.annotations[key], "" when absent.
std::string label(const nlohmann::json& object, std::string_view key);
std::string annotation(const nlohmann::json& object, std::string_view key);
bool has_annotation_prefix(const nlohmann::json& object, std::string_view prefix);

// Does a metadata.managedFields entry name this manager (e.g. "eks" for EKS managed add-ons)?
bool managed_by(const nlohmann::json& object, std::string_view manager);

// coredns_image(workload): include/meshdns/cluster_dns/coredns_release.hpp.
// The image of the first container whose name or repository contains `word`, else "".
std::string container_image(const nlohmann::json& workload, std::string_view word);

// spec.clusterIP, "" when there is none (headless "None" included).
std::string cluster_ip(const nlohmann::json& service);

// The object to send back for `before`: the same object, minus metadata.managedFields (the
// server keeps them when an update leaves them out) so diffs and dry-run output show only the
// change; resourceVersion stays, which makes the PUT conditional.
nlohmann::json updated_object(const nlohmann::json& before);

// A new ConfigMap (no resourceVersion: it is created).
nlohmann::json new_config_map(const kube::ResourceRef& ref);

}  // namespace meshdns::cluster_dns
