#pragma once

// An object's content as backups see it: the children of data, binaryData and spec, by path
// ("/data/Corefile", "/spec/servers"); metadata and status are not content.

#include <nlohmann/json.hpp>

#include <map>
#include <string>

namespace meshdns::cluster_dns {

std::map<std::string, nlohmann::json> content_fields(const nlohmann::json& object);

// The sha256 of a field's value as JSON, which is what a backup records of what we wrote.
std::string content_hash(const nlohmann::json& value);

}  // namespace meshdns::cluster_dns
