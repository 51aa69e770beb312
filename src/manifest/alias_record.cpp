#include <meshdns/manifest/alias_record.hpp>
#include <meshdns/manifest/json_fields.hpp>
#include <meshdns/text.hpp>

namespace meshdns::manifest {

namespace {

const nlohmann::json& member(const nlohmann::json& object, std::string_view key) {
  static const nlohmann::json k_null;
  if (!object.is_object()) {
    return k_null;
  }
  const auto found = object.find(key);
  return found == object.end() ? k_null : *found;
}

std::vector<std::string> strings_member(const nlohmann::json& object, std::string_view key) {
  std::vector<std::string> out;
  const nlohmann::json& values = member(object, key);
  if (values.is_array()) {
    for (const nlohmann::json& value : values) {
      if (value.is_string()) {
        out.push_back(value.get<std::string>());
      }
    }
  }
  return out;
}

std::string annotation(const nlohmann::json& object, std::string_view key) {
  return string_field(member(member(object, "metadata"), "annotations"), key);
}

bool lists_host(const nlohmann::json& entry, std::string_view fqdn) {
  for (const std::string& host : strings_member(member(entry, "spec"), "hosts")) {
    if (host == fqdn) {
      return true;
    }
  }
  return false;
}

}  // namespace

bool is_managed(const nlohmann::json& object) {
  return string_field(member(member(object, "metadata"), "labels"), k_managed_by_key) ==
         k_managed_by_value;
}

Result<AliasRecord> alias_record_from(const nlohmann::json& entry) {
  const nlohmann::json& metadata = member(entry, "metadata");
  if (string_field(entry, "kind") != "ServiceEntry" ||
      !starts_with(string_field(entry, "apiVersion"), "networking.istio.io/")) {
    return fail(Errc::config, "the object is not an Istio ServiceEntry",
                "aliases are stored as networking.istio.io ServiceEntries",
                "give ServiceEntry objects");
  }
  AliasRecord record;
  record.name = string_field(metadata, "name");
  record.namespace_name = string_field(metadata, "namespace");
  record.fqdn = annotation(entry, k_alias_annotation);
  const std::vector<std::string> hosts = strings_member(member(entry, "spec"), "hosts");
  if (record.fqdn.empty() && !hosts.empty()) {
    record.fqdn = hosts.front();
  }
  if (record.fqdn.empty()) {
    return fail(Errc::config,
                cat("ServiceEntry ", record.namespace_name, "/", record.name, " has no host"),
                "spec.hosts is empty", "fix or delete the ServiceEntry");
  }
  record.service = annotation(entry, k_service_annotation);
  record.addresses = strings_member(member(entry, "spec"), "addresses");
  record.created = string_field(metadata, "creationTimestamp");
  return record;
}

Result<void> check_alias_owner(const nlohmann::json& existing, std::string_view fqdn,
                               const AliasedService& service, Force force) {
  if (!lists_host(existing, fqdn) || force == Force::yes) {
    return {};
  }
  const std::string ours = cat(service.namespace_name, "/", service.name);
  const std::string owner = annotation(existing, k_service_annotation);
  if (is_managed(existing) && owner == ours) {
    return {};
  }
  const nlohmann::json& metadata = member(existing, "metadata");
  const std::string where = cat("ServiceEntry ", string_field(metadata, "namespace"), "/",
                                string_field(metadata, "name"));
  if (!is_managed(existing)) {
    return fail(Errc::conflict, cat("alias ", fqdn, " is already a host of ", where),
                "kubectl-meshdns did not create it, so it will not take the name over",
                "pick another alias, or pass --force to take it over");
  }
  return fail(Errc::conflict, cat("alias ", fqdn, " already points at Service ", owner),
              cat(where, " holds it"),
              cat("run kubectl meshdns alias delete ", fqdn, " first, or pass --force to move it"));
}

NameForm name_form_beside(const nlohmann::json& same_named, std::string_view fqdn) {
  if (same_named.is_null()) {
    return NameForm::readable;
  }
  const std::string held = annotation(same_named, k_alias_annotation);
  const bool other_alias = held.empty() ? !lists_host(same_named, fqdn) : held != fqdn;
  return other_alias ? NameForm::hashed : NameForm::readable;
}

}  // namespace meshdns::manifest
