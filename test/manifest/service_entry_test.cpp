#include <meshdns/manifest/names.hpp>
#include <meshdns/manifest/service_entry.hpp>

#include <catch2/catch.hpp>

#include <set>

namespace meshdns::manifest {

namespace {

AliasedService fruits_service() {
  AliasedService service;
  service.name = "fruits-api-service";
  service.namespace_name = "micro-shake-factory";
  service.cluster_ips = {"10.96.0.50"};
  service.ports = {{"http", 80, "TCP", ""}};
  return service;
}

ServiceEntryOptions fruits_entry() {
  ServiceEntryOptions options;
  options.fqdn = "my-fruits.internal";
  options.service = fruits_service();
  return options;
}

}  // namespace

TEST_CASE("manifest::service_entry_name", "[manifest][service_entry]") {
  struct Row {
    std::string fqdn;
    NameForm form;
    std::string name;
  };
  const std::string long_alias = std::string(40, 'a') + "." + std::string(40, 'b') + ".internal";
  // Hash suffixes are FNV-1a 32 of the FQDN, worked out independently (Python) for these rows.
  const Row rows[] = {
      {"my-fruits.internal", NameForm::readable, "my-fruits-internal"},
      {"a.b.c.example", NameForm::readable, "a-b-c-example"},
      {"my-fruits.internal", NameForm::hashed, "my-fruits-internal-a48d5890"},
      // Cut to 54 characters (no dash left at the end) and made unique by the hash.
      {long_alias, NameForm::readable,
       std::string(40, 'a') + "-" + std::string(13, 'b') + "-" + "a9bb2810"},
  };
  for (const Row& row : rows) {
    INFO(row.fqdn);
    const std::string name = service_entry_name(row.fqdn, row.form);
    CHECK(name == row.name);
    CHECK(is_dns1123_label(name));
  }
}

TEST_CASE("manifest::service_entry_name tells colliding aliases apart",
          "[manifest][service_entry]") {
  // Readable names collide when dots and dashes trade places; the hashed form must not.
  const std::string first = "a-b.c.internal";
  const std::string second = "a.b-c.internal";
  CHECK(service_entry_name(first) == service_entry_name(second));
  CHECK(service_entry_name(first, NameForm::hashed) !=
        service_entry_name(second, NameForm::hashed));
  // Deterministic: `alias delete FQDN` recomputes the name instead of listing.
  CHECK(service_entry_name(first, NameForm::hashed) == service_entry_name(first, NameForm::hashed));
}

TEST_CASE("manifest::istio_protocol", "[manifest][service_entry]") {
  struct Row {
    ServicePort port;
    std::string_view protocol;
  };
  const Row rows[] = {
      {{"http", 80, "TCP", ""}, "HTTP"},
      {{"http-web", 80, "TCP", ""}, "HTTP"},
      {{"HTTP2-api", 80, "TCP", ""}, "HTTP2"},
      {{"https", 443, "TCP", ""}, "HTTPS"},
      {{"grpc", 9090, "TCP", ""}, "GRPC"},
      {{"grpc-web", 9090, "TCP", ""}, "GRPC-WEB"},
      {{"grpc-web-ui", 9090, "TCP", ""}, "GRPC-WEB"},
      {{"grpc-api", 9090, "TCP", ""}, "GRPC"},
      {{"tls-db", 5432, "TCP", ""}, "TLS"},
      {{"mongo", 27017, "TCP", ""}, "MONGO"},
      {{"redis-cache", 6379, "TCP", ""}, "REDIS"},
      {{"web", 8080, "TCP", ""}, "TCP"},
      {{"", 8080, "TCP", ""}, "TCP"},
      {{"httpx", 8080, "TCP", ""}, "TCP"},
      {{"api", 8080, "TCP", "http"}, "HTTP"},
      {{"http", 8080, "TCP", "grpc"}, "GRPC"},  // appProtocol wins over the name
      {{"api", 8080, "TCP", "kubernetes.io/h2c"}, "HTTP2"},
      {{"api", 8080, "TCP", "example.com/custom"}, "TCP"},
      {{"http", 53, "UDP", "http"}, "UDP"},  // the transport wins over everything
      {{"dns", 53, "udp", ""}, "UDP"},
  };
  for (const Row& row : rows) {
    INFO(row.port.name << " " << row.port.protocol << " " << row.port.app_protocol);
    CHECK(istio_protocol(row.port) == row.protocol);
  }
}

TEST_CASE("manifest::build_service_entry", "[manifest][service_entry]") {
  const auto built = build_service_entry(fruits_entry());
  REQUIRE(built.has_value());
  const Object want = Object::parse(R"({
    "apiVersion": "networking.istio.io/v1",
    "kind": "ServiceEntry",
    "metadata": {
      "name": "my-fruits-internal",
      "namespace": "micro-shake-factory",
      "labels": {"app.kubernetes.io/managed-by": "kubectl-meshdns"},
      "annotations": {
        "meshdns.io/alias": "my-fruits.internal",
        "meshdns.io/service": "micro-shake-factory/fruits-api-service"
      }
    },
    "spec": {
      "hosts": ["my-fruits.internal"],
      "location": "MESH_INTERNAL",
      "addresses": ["10.96.0.50"],
      "endpoints": [{"address": "fruits-api-service.micro-shake-factory.svc.cluster.local"}],
      "resolution": "DNS",
      "ports": [{"number": 80, "name": "http", "protocol": "HTTP"}]
    }
  })");
  CHECK(built->dump() == want.dump());  // dump() compares key order too
}

TEST_CASE("manifest::build_service_entry ports", "[manifest][service_entry]") {
  ServiceEntryOptions options = fruits_entry();
  options.service.ports = {
      {"", 8080, "TCP", ""},      {"", 8443, "TCP", "https"}, {"dns", 53, "TCP", ""},
      {"dns-udp", 53, "UDP", ""}, {"sctp", 9999, "SCTP", ""},
  };
  const auto built = build_service_entry(options);
  REQUIRE(built.has_value());
  CHECK(built->at("spec").at("ports") == Object::parse(R"([
    {"number": 8080, "name": "tcp-8080", "protocol": "TCP"},
    {"number": 8443, "name": "https-8443", "protocol": "HTTPS"},
    {"number": 53, "name": "dns", "protocol": "TCP"}
  ])"));

  options.service.ports.clear();
  const auto portless = build_service_entry(options);
  REQUIRE(portless.has_value());
  CHECK_FALSE(portless->at("spec").contains("ports"));  // optional in the schema; [] is noise
}

TEST_CASE("manifest::build_service_entry refusals", "[manifest][service_entry]") {
  struct Row {
    std::string_view label;
    void (*change)(ServiceEntryOptions&);
    Errc code;
    std::string_view message;
  };
  const Row rows[] = {
      {"alias in the cluster domain",
       [](ServiceEntryOptions& o) { o.fqdn = "fruits.svc.cluster.local"; }, Errc::usage,
       "alias \"fruits.svc.cluster.local\" is not a usable DNS name (it is inside the cluster "
       "domain cluster.local, which the cluster DNS answers itself; pick a zone outside it, e.g. "
       "my-fruits.internal)"},
      {"alias in a custom cluster domain",
       [](ServiceEntryOptions& o) {
         o.fqdn = "fruits.corp.example";
         o.cluster_domain = "corp.example";
       },
       Errc::usage,
       "alias \"fruits.corp.example\" is not a usable DNS name (it is inside the cluster domain "
       "corp.example, which the cluster DNS answers itself; pick a zone outside it, e.g. "
       "my-fruits.internal)"},
      {"no cluster IP", [](ServiceEntryOptions& o) { o.service.cluster_ips.clear(); },
       Errc::refused,
       "Service micro-shake-factory/fruits-api-service has no cluster IP (istiocoredns answers "
       "only ServiceEntries that have addresses; alias a Service with a cluster IP (not headless, "
       "not ExternalName))"},
      {"headless", [](ServiceEntryOptions& o) { o.service.cluster_ips = {"None"}; }, Errc::refused,
       "Service micro-shake-factory/fruits-api-service has cluster IP \"None\" (an alias needs "
       "the Service's IP address to answer with; alias a Service with a cluster IP (not "
       "headless, not ExternalName))"},
      {"bad port",
       [](ServiceEntryOptions& o) {
         o.service.ports = {{"http", 0, "TCP", ""}};
       },
       Errc::usage,
       "Service port 0 is not a port number (ports are 1-65535; give a port between "
       "1 and 65535)"},
      {"bad explicit name", [](ServiceEntryOptions& o) { o.name = "Fruits"; }, Errc::usage,
       "ServiceEntry name \"Fruits\" is not a valid DNS-1123 subdomain (it has upper-case "
       "letters; use a-z, 0-9 and '-', starting and ending with a letter or digit, e.g. "
       "my-name)"},
  };
  for (const Row& row : rows) {
    INFO(row.label);
    ServiceEntryOptions options = fruits_entry();
    row.change(options);
    const auto built = build_service_entry(options);
    REQUIRE_FALSE(built.has_value());
    CHECK(built.error().code == row.code);
    CHECK(format_error(built.error()) == row.message);
  }
}

}  // namespace meshdns::manifest
