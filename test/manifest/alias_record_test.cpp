#include <meshdns/manifest/alias_record.hpp>
#include <meshdns/manifest/workload.hpp>

#include <catch2/catch.hpp>

namespace meshdns::manifest {

namespace {

// The ServiceEntry `alias fruits-api my-fruits.internal` writes, as the API server returns it.
nlohmann::json fruits_entry() {
  const auto example = fruits_api_example();
  REQUIRE(example.has_value());
  nlohmann::json entry(example->back());
  entry["metadata"]["creationTimestamp"] = "2026-11-25T14:00:00Z";
  return entry;
}

AliasedService service_named(std::string namespace_name, std::string name) {
  AliasedService service;
  service.name = std::move(name);
  service.namespace_name = std::move(namespace_name);
  service.cluster_ips = {"10.96.0.50"};
  return service;
}

}  // namespace

TEST_CASE("manifest::alias_record_from", "[manifest][alias_record]") {
  const auto record = alias_record_from(fruits_entry());
  REQUIRE(record.has_value());
  CHECK(record->name == "my-fruits-internal");
  CHECK(record->namespace_name == "micro-shake-factory");
  CHECK(record->fqdn == "my-fruits.internal");
  CHECK(record->service == "micro-shake-factory/fruits-api-service");
  CHECK(record->addresses == std::vector<std::string>{"10.96.0.50"});
  CHECK(record->created == "2026-11-25T14:00:00Z");
  CHECK(is_managed(fruits_entry()));

  // A hand-written entry: the alias comes from hosts, nothing records the Service.
  const auto foreign = alias_record_from(nlohmann::json::parse(R"({
    "apiVersion": "networking.istio.io/v1alpha3", "kind": "ServiceEntry",
    "metadata": {"name": "exotic-fruits-service-entry", "namespace": "micro-shake-factory"},
    "spec": {"hosts": ["my-fruits.internal"], "addresses": ["10.96.0.50"]}})"));
  REQUIRE(foreign.has_value());
  CHECK(foreign->fqdn == "my-fruits.internal");
  CHECK(foreign->service.empty());

  const auto service = alias_record_from(nlohmann::json::parse(
      R"({"apiVersion": "v1", "kind": "Service", "metadata": {"name": "a"}})"));
  REQUIRE_FALSE(service.has_value());
  CHECK(service.error().what == "the object is not an Istio ServiceEntry");
  const auto hostless = alias_record_from(nlohmann::json::parse(
      R"({"apiVersion": "networking.istio.io/v1", "kind": "ServiceEntry",
          "metadata": {"name": "x", "namespace": "n"}, "spec": {}})"));
  REQUIRE_FALSE(hostless.has_value());
  CHECK(hostless.error().what == "ServiceEntry n/x has no host");
}

TEST_CASE("manifest::check_alias_owner", "[manifest][alias_record]") {
  nlohmann::json unmanaged = fruits_entry();
  unmanaged["metadata"].erase("labels");
  struct Row {
    std::string_view label;
    nlohmann::json existing;
    std::string_view fqdn;
    AliasedService service;
    Force force;
    std::string_view message;  // empty: allowed
  };
  const Row rows[] = {
      {"ours, same Service", fruits_entry(), "my-fruits.internal",
       service_named("micro-shake-factory", "fruits-api-service"), Force::no, ""},
      {"another host", fruits_entry(), "other.internal", service_named("shop", "orders"), Force::no,
       ""},
      {"ours, another Service", fruits_entry(), "my-fruits.internal",
       service_named("shop", "orders"), Force::no,
       "alias my-fruits.internal already points at Service micro-shake-factory/fruits-api-service "
       "(ServiceEntry micro-shake-factory/my-fruits-internal holds it; run kubectl meshdns alias "
       "delete my-fruits.internal first, or pass --force to move it)"},
      {"ours, another Service, forced", fruits_entry(), "my-fruits.internal",
       service_named("shop", "orders"), Force::yes, ""},
      {"not ours", unmanaged, "my-fruits.internal",
       service_named("micro-shake-factory", "fruits-api-service"), Force::no,
       "alias my-fruits.internal is already a host of ServiceEntry "
       "micro-shake-factory/my-fruits-internal (kubectl-meshdns did not create it, so it will not "
       "take the name over; pick another alias, or pass --force to take it over)"},
      {"not ours, forced", unmanaged, "my-fruits.internal",
       service_named("micro-shake-factory", "fruits-api-service"), Force::yes, ""},
  };
  for (const Row& row : rows) {
    INFO(row.label);
    const Result<void> checked = check_alias_owner(row.existing, row.fqdn, row.service, row.force);
    if (row.message.empty()) {
      CHECK(checked.has_value());
    } else {
      REQUIRE_FALSE(checked.has_value());
      CHECK(checked.error().code == Errc::conflict);
      CHECK(format_error(checked.error()) == row.message);
    }
  }
}

TEST_CASE("manifest::name_form_beside", "[manifest][alias_record]") {
  CHECK(name_form_beside(nullptr, "my-fruits.internal") == NameForm::readable);
  CHECK(name_form_beside(fruits_entry(), "my-fruits.internal") == NameForm::readable);
  // "my.fruits-internal" has the same readable name but is another alias.
  CHECK(name_form_beside(fruits_entry(), "my.fruits-internal") == NameForm::hashed);
}

}  // namespace meshdns::manifest
