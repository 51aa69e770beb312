#include "manifest/metadata.hpp"

#include <meshdns/text.hpp>

namespace meshdns::manifest::detail {

namespace {
Object string_map(const Labels& entries) {
  Object map = Object::object();
  for (const auto& [key, value] : entries) {
    map[key] = value;
  }
  return map;
}
}  // namespace

Object object_skeleton(std::string_view api_version, std::string_view kind, std::string_view name,
                       std::string_view namespace_name, const Labels& labels,
                       const Labels& annotations) {
  Object metadata = Object::object();
  metadata["name"] = name;
  if (!namespace_name.empty()) {
    metadata["namespace"] = namespace_name;
  }
  if (!labels.empty()) {
    metadata["labels"] = string_map(labels);
  }
  if (!annotations.empty()) {
    metadata["annotations"] = string_map(annotations);
  }
  Object object = Object::object();
  object["apiVersion"] = api_version;
  object["kind"] = kind;
  object["metadata"] = std::move(metadata);
  return object;
}

Result<void> check_port(int port, std::string_view what) {
  if (port < 1 || port > 65535) {
    return fail(Errc::usage, cat(what, " ", port, " is not a port number"), "ports are 1-65535",
                "give a port between 1 and 65535");
  }
  return {};
}

}  // namespace meshdns::manifest::detail
