#pragma once

// Fields of objects read from an API server or a manifest, whatever shape they arrive in: a field
// that is missing, or not a string, reads as "". Callers that must tell those cases apart (to name
// a malformed object in an error) check the JSON themselves.

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

namespace meshdns::manifest {

// object[key] of a JSON object; "" for any other value.
std::string string_field(const nlohmann::json& object, std::string_view key);
std::string string_at(const nlohmann::json& object, const nlohmann::json::json_pointer& where);
std::string kind_of(const nlohmann::json& object);
std::string name_of(const nlohmann::json& object);
std::string namespace_of(const nlohmann::json& object);
std::string resource_version_of(const nlohmann::json& object);

}  // namespace meshdns::manifest
