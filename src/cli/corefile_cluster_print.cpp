#include "cli/corefile_cluster_print.hpp"

#include <meshdns/manifest/json_fields.hpp>
#include <meshdns/manifest/yaml_json.hpp>
#include <meshdns/text.hpp>

#include <iostream>

namespace meshdns::cli {
namespace {

nlohmann::json without_managed_fields(nlohmann::json object) {
  if (object.is_object() && object.contains("metadata") && object["metadata"].is_object()) {
    object["metadata"].erase("managedFields");
  }
  return object;
}

}  // namespace

std::string object_name(const nlohmann::json& object, const kube::ResourceRef& ref) {
  const std::string kind = manifest::kind_of(object);
  if (kind.empty()) {
    return cat(ref.group.empty() ? ref.resource : cat(ref.resource, '.', ref.group), '/', ref.name);
  }
  const std::string api_version = manifest::string_field(object, "apiVersion");
  const std::size_t slash = api_version.find('/');
  const std::string group =
      slash == std::string::npos ? std::string() : api_version.substr(0, slash);
  return cat(to_lower(kind), group.empty() ? std::string() : cat('.', group), '/', ref.name);
}

std::string result_name(const nlohmann::json& object, const kube::ResourceRef& ref) {
  const std::string name = object_name(object, ref);
  return ref.namespace_name.empty() ? name : cat(name, " -n ", ref.namespace_name);
}

std::string object_path(const kube::ResourceRef& ref) {
  return ref.namespace_name.empty() ? ref.name : cat(ref.namespace_name, '/', ref.name);
}

std::string render_objects(const std::vector<nlohmann::json>& objects, OutputFormat format) {
  std::string out;
  switch (format) {
    case OutputFormat::none:
      break;
    case OutputFormat::yaml:
      for (const nlohmann::json& object : objects) {
        if (!out.empty()) {
          out += "---\n";
        }
        out += manifest::to_yaml(without_managed_fields(object));
      }
      break;
    case OutputFormat::json:
      if (objects.size() == 1) {
        out = without_managed_fields(objects.front()).dump(4) + "\n";
      } else {
        nlohmann::json list = {{"apiVersion", "v1"},
                               {"kind", "List"},
                               {"items", nlohmann::json::array()},
                               {"metadata", {{"resourceVersion", ""}}}};
        for (const nlohmann::json& object : objects) {
          list["items"].push_back(without_managed_fields(object));
        }
        out = list.dump(4) + "\n";
      }
      break;
  }
  return out;
}

void print_out(std::string_view bytes) {
  std::cout.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  std::cout.flush();
}

}  // namespace meshdns::cli
