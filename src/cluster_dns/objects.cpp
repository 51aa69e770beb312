#include "cluster_dns/objects.hpp"

#include <meshdns/manifest/json_fields.hpp>
#include <meshdns/text.hpp>

#include <cassert>

namespace meshdns::cluster_dns {

namespace {

const nlohmann::json* member(const nlohmann::json& object, std::string_view key) {
  if (!object.is_object()) {
    return nullptr;
  }
  const auto found = object.find(std::string(key));
  return found == object.end() ? nullptr : &*found;
}

std::string string_in(const nlohmann::json& object, std::string_view map, std::string_view key) {
  const nlohmann::json* metadata = member(object, "metadata");
  const nlohmann::json* values = metadata == nullptr ? nullptr : member(*metadata, map);
  const nlohmann::json* value = values == nullptr ? nullptr : member(*values, key);
  return value != nullptr && value->is_string() ? value->get<std::string>() : std::string();
}

const nlohmann::json* containers(const nlohmann::json& workload) {
  const nlohmann::json* spec = member(workload, "spec");
  const nlohmann::json* pod_template = spec == nullptr ? nullptr : member(*spec, "template");
  const nlohmann::json* pod_spec =
      pod_template == nullptr ? nullptr : member(*pod_template, "spec");
  const nlohmann::json* list = pod_spec == nullptr ? nullptr : member(*pod_spec, "containers");
  return list != nullptr && list->is_array() ? list : nullptr;
}

// "registry.k8s.io/coredns/coredns:v1.11.1@sha256:..." -> "coredns" (the last path element).
std::string repository_name(std::string_view image) {
  std::string_view name = image.substr(0, image.find('@'));
  const std::size_t slash = name.rfind('/');
  if (slash != std::string_view::npos) {
    name.remove_prefix(slash + 1);
  }
  return std::string(name.substr(0, name.find(':')));
}

}  // namespace

const WatchedObject& watched(std::string_view role) {
  for (const WatchedObject& object : watched_objects()) {
    if (object.role == role) {
      return object;
    }
  }
  assert(false && "not a watched role");
  return watched_objects().front();
}

std::string object_name(const kube::ResourceRef& ref) {
  return ref.namespace_name.empty() ? ref.name : cat(ref.namespace_name, '/', ref.name);
}

std::optional<std::string> data_value(const nlohmann::json& config_map, std::string_view key) {
  const nlohmann::json* data = member(config_map, "data");
  const nlohmann::json* value = data == nullptr ? nullptr : member(*data, key);
  if (value == nullptr || !value->is_string()) {
    return std::nullopt;
  }
  return value->get<std::string>();
}

std::string label(const nlohmann::json& object, std::string_view key) {
  return string_in(object, "labels", key);
}

std::string annotation(const nlohmann::json& object, std::string_view key) {
  return string_in(object, "annotations", key);
}

bool has_annotation_prefix(const nlohmann::json& object, std::string_view prefix) {
  const nlohmann::json* metadata = member(object, "metadata");
  const nlohmann::json* values = metadata == nullptr ? nullptr : member(*metadata, "annotations");
  if (values == nullptr || !values->is_object()) {
    return false;
  }
  for (const auto& [key, value] : values->items()) {
    if (starts_with(key, prefix)) {
      return true;
    }
  }
  return false;
}

bool managed_by(const nlohmann::json& object, std::string_view manager) {
  const nlohmann::json* metadata = member(object, "metadata");
  const nlohmann::json* entries =
      metadata == nullptr ? nullptr : member(*metadata, "managedFields");
  if (entries == nullptr || !entries->is_array()) {
    return false;
  }
  for (const nlohmann::json& entry : *entries) {
    if (manifest::string_field(entry, "manager") == manager) {
      return true;
    }
  }
  return false;
}

std::string coredns_image(const nlohmann::json& workload) {
  const nlohmann::json* list = containers(workload);
  if (list == nullptr || list->empty()) {
    return {};
  }
  for (const nlohmann::json& container : *list) {
    if (manifest::string_field(container, "name") == "coredns") {
      return manifest::string_field(container, "image");
    }
  }
  for (const nlohmann::json& container : *list) {
    const std::string image = manifest::string_field(container, "image");
    if (repository_name(image).find("coredns") != std::string::npos &&
        repository_name(image).find("plugin") == std::string::npos) {
      return image;
    }
  }
  return manifest::string_field(list->front(), "image");
}

std::string container_image(const nlohmann::json& workload, std::string_view word) {
  const nlohmann::json* list = containers(workload);
  if (list == nullptr) {
    return {};
  }
  for (const nlohmann::json& container : *list) {
    const std::string image = manifest::string_field(container, "image");
    if (manifest::string_field(container, "name").find(word) != std::string::npos ||
        repository_name(image).find(word) != std::string::npos) {
      return image;
    }
  }
  return {};
}

std::string cluster_ip(const nlohmann::json& service) {
  const nlohmann::json* spec = member(service, "spec");
  const std::string ip =
      spec == nullptr ? std::string() : manifest::string_field(*spec, "clusterIP");
  return ip == "None" ? std::string() : ip;
}

nlohmann::json updated_object(const nlohmann::json& before) {
  nlohmann::json after = before;
  if (after.contains("metadata") && after["metadata"].is_object()) {
    after["metadata"].erase("managedFields");
  }
  return after;
}

nlohmann::json new_config_map(const kube::ResourceRef& ref) {
  return {{"apiVersion", "v1"},
          {"kind", "ConfigMap"},
          {"metadata", {{"name", ref.name}, {"namespace", ref.namespace_name}}},
          {"data", nlohmann::json::object()}};
}

}  // namespace meshdns::cluster_dns
