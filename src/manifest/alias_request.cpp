#include <meshdns/manifest/alias_request.hpp>
#include <meshdns/manifest/yaml_json.hpp>
#include <meshdns/text.hpp>

#include <nlohmann/json.hpp>

#include <map>

namespace meshdns::manifest {

namespace {

constexpr std::string_view k_fix = "give a list of {service, namespace, fqdn} mappings";

Error item_error(std::string_view origin, std::size_t index, std::string why) {
  return fail(Errc::config, cat(origin, ": alias ", index + 1, " cannot be read"), std::move(why),
              std::string(k_fix));
}

}  // namespace

Result<std::vector<AliasRequest>> parse_alias_requests(std::string_view text,
                                                       std::string_view origin,
                                                       std::string_view default_namespace) {
  Result<std::vector<nlohmann::json>> documents = parse_yaml_documents(text);
  if (!documents) {
    Error error = std::move(documents).error();
    error.what = cat(origin, ": ", error.what);
    return error;
  }
  if (documents->size() > 1) {
    return fail(Errc::config, cat(origin, " holds ", documents->size(), " YAML documents"),
                "the aliases are one list in one document", std::string(k_fix));
  }
  if (documents->empty() || !documents->front().is_array()) {
    return fail(Errc::config, cat(origin, " is not a list of aliases"),
                documents->empty() ? std::string("it is empty")
                                   : cat("it holds a ", documents->front().type_name()),
                std::string(k_fix));
  }
  const nlohmann::json& items = documents->front();
  if (items.empty()) {
    return fail(Errc::config, cat(origin, " lists no aliases"), "the list is empty",
                std::string(k_fix));
  }

  std::vector<AliasRequest> out;
  std::map<std::string, std::size_t, std::less<>> first_index;  // fqdn -> item
  for (std::size_t i = 0; i < items.size(); ++i) {
    const nlohmann::json& item = items[i];
    if (!item.is_object()) {
      return item_error(origin, i, cat("it is a ", item.type_name(), ", not a mapping"));
    }
    AliasRequest request;
    request.namespace_name = std::string(default_namespace);
    for (const auto& [key, value] : item.items()) {
      std::string* field = key == "service"     ? &request.service
                           : key == "namespace" ? &request.namespace_name
                           : key == "fqdn"      ? &request.fqdn
                                                : nullptr;
      if (field == nullptr) {
        return item_error(origin, i, cat("unknown key \"", key, "\""));
      }
      if (!value.is_string() || value.get<std::string>().empty()) {
        return item_error(origin, i, cat(key, " is not a non-empty string"));
      }
      *field = value.get<std::string>();
    }
    for (const auto& [key, value] :
         {std::pair{"service", &request.service}, std::pair{"fqdn", &request.fqdn}}) {
      if (value->empty()) {
        return item_error(origin, i, cat(key, " is missing"));
      }
    }
    if (const auto seen = first_index.find(request.fqdn); seen != first_index.end()) {
      return item_error(origin, i,
                        cat("fqdn ", request.fqdn, " is already alias ", seen->second + 1));
    }
    first_index.emplace(request.fqdn, i);
    out.push_back(std::move(request));
  }
  return out;
}

}  // namespace meshdns::manifest
