#pragma once

// Printing objects the way kubectl does: YAML documents separated by "---", JSON with a 4-space
// indent. Output is deterministic: it depends on the objects only.

#include <meshdns/manifest/object.hpp>

#include <string>
#include <vector>

namespace meshdns::manifest {

// One YAML document per object, "---" between them (not before the first), final newline.
std::string render_yaml(const std::vector<Object>& objects);
// One object: `-o json` of a single object, final newline.
std::string render_json(const Object& object);
// Several objects as kubectl prints them with -o json: a v1 List whose items are the objects.
std::string render_json_list(const std::vector<Object>& objects);

}  // namespace meshdns::manifest
