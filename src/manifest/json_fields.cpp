#include <meshdns/manifest/json_fields.hpp>

namespace meshdns::manifest {

std::string string_field(const nlohmann::json& object, std::string_view key) {
  if (!object.is_object()) {
    return {};
  }
  const auto found = object.find(key);
  return found != object.end() && found->is_string() ? found->get<std::string>() : std::string();
}

std::string string_at(const nlohmann::json& object, const nlohmann::json::json_pointer& where) {
  // contains() walks the pointer without throwing, also through arrays and scalars.
  if (!object.contains(where)) {
    return {};
  }
  const nlohmann::json& value = object.at(where);
  return value.is_string() ? value.get<std::string>() : std::string();
}

std::string kind_of(const nlohmann::json& object) {
  return string_at(object, "/kind"_json_pointer);
}

std::string name_of(const nlohmann::json& object) {
  return string_at(object, "/metadata/name"_json_pointer);
}

std::string namespace_of(const nlohmann::json& object) {
  return string_at(object, "/metadata/namespace"_json_pointer);
}

std::string resource_version_of(const nlohmann::json& object) {
  return string_at(object, "/metadata/resourceVersion"_json_pointer);
}

}  // namespace meshdns::manifest
