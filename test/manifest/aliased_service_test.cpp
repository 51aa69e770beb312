#include <meshdns/manifest/aliased_service.hpp>

#include <catch2/catch.hpp>

namespace meshdns::manifest {

TEST_CASE("manifest::aliased_service_from", "[manifest][aliased_service]") {
  const auto service = aliased_service_from(nlohmann::json::parse(R"({
    "apiVersion": "v1", "kind": "Service",
    "metadata": {"name": "orders", "namespace": "shop"},
    "spec": {
      "clusterIP": "10.96.12.7", "clusterIPs": ["10.96.12.7", "fd00::7"],
      "ports": [
        {"name": "http", "port": 80, "targetPort": 8080},
        {"name": "dns", "port": 53, "protocol": "UDP", "appProtocol": "dns"}
      ]
    }
  })"));
  REQUIRE(service.has_value());
  CHECK(service->name == "orders");
  CHECK(service->namespace_name == "shop");
  CHECK(service->cluster_ips == std::vector<std::string>{"10.96.12.7", "fd00::7"});
  REQUIRE(service->ports.size() == 2);
  CHECK(service->ports[0].name == "http");
  CHECK(service->ports[0].port == 80);
  CHECK(service->ports[0].protocol == "TCP");  // defaulted as the API server does
  CHECK(service->ports[1].protocol == "UDP");
  CHECK(service->ports[1].app_protocol == "dns");
}

TEST_CASE("manifest::aliased_service_from cases", "[manifest][aliased_service]") {
  struct Row {
    std::string_view label;
    std::string_view json;
    Errc code;
    std::string_view message;  // empty: accepted
  };
  const Row rows[] = {
      {"clusterIP only, no namespace",
       R"({"apiVersion":"v1","kind":"Service","metadata":{"name":"a"},"spec":{"clusterIP":"10.0.0.1"}})",
       Errc::usage, ""},
      {"headless",
       R"({"apiVersion":"v1","kind":"Service","metadata":{"name":"a","namespace":"n"},"spec":{"clusterIP":"None","clusterIPs":["None"]}})",
       Errc::refused,
       "Service n/a is headless (it has no cluster IP for the alias to answer with; alias a "
       "Service with a cluster IP, or give this one a fixed spec.clusterIP)"},
      {"ExternalName",
       R"({"apiVersion":"v1","kind":"Service","metadata":{"name":"a","namespace":"n"},"spec":{"type":"ExternalName","externalName":"x.example"}})",
       Errc::refused,
       "Service n/a is of type ExternalName (it is only a CNAME to x.example and has no cluster "
       "IP for the alias to answer with; alias a Service of type ClusterIP, NodePort or "
       "LoadBalancer)"},
      // Refused by its type, not by the leftover cluster IP fields.
      {"ExternalName with clusterIP None",
       R"({"apiVersion":"v1","kind":"Service","metadata":{"name":"a","namespace":"n"},"spec":{"type":"ExternalName","externalName":"x.example","clusterIP":"None"}})",
       Errc::refused,
       "Service n/a is of type ExternalName (it is only a CNAME to x.example and has no cluster "
       "IP for the alias to answer with; alias a Service of type ClusterIP, NodePort or "
       "LoadBalancer)"},
      {"ExternalName with a clusterIP",
       R"({"apiVersion":"v1","kind":"Service","metadata":{"name":"a","namespace":"n"},"spec":{"type":"ExternalName","externalName":"x.example","clusterIP":"10.96.0.9"}})",
       Errc::refused,
       "Service n/a is of type ExternalName (it is only a CNAME to x.example and has no cluster "
       "IP for the alias to answer with; alias a Service of type ClusterIP, NodePort or "
       "LoadBalancer)"},
      {"not allocated",
       R"({"apiVersion":"v1","kind":"Service","metadata":{"name":"a","namespace":"n"},"spec":{}})",
       Errc::refused,
       "Service n/a has no cluster IP (none has been allocated to it; alias a Service of type "
       "ClusterIP, NodePort or LoadBalancer)"},
      {"a Deployment", R"({"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"a"}})",
       Errc::config,
       "the object is not a v1 Service (an alias points at a Service's cluster IP; "
       "give a Service)"},
      {"not an object", R"([1, 2])", Errc::config,
       "the object is not a v1 Service (an alias points at a Service's cluster IP; give a "
       "Service)"},
      {"no name", R"({"apiVersion":"v1","kind":"Service","metadata":{}})", Errc::config,
       "Service (unnamed) cannot be read (metadata.name is missing; check the object with "
       "kubectl get service -o yaml)"},
      {"port as a string",
       R"({"apiVersion":"v1","kind":"Service","metadata":{"name":"a"},"spec":{"clusterIP":"10.0.0.1","ports":[{"port":"80"}]}})",
       Errc::config,
       "Service default/a cannot be read (a port in spec.ports has no integer port; check the "
       "object with kubectl get service -o yaml)"},
      {"port out of range",
       R"({"apiVersion":"v1","kind":"Service","metadata":{"name":"a"},"spec":{"clusterIP":"10.0.0.1","ports":[{"port":4294967376}]}})",
       Errc::config,
       "Service default/a cannot be read (spec.ports has port 4294967376, outside 1-65535; check "
       "the object with kubectl get service -o yaml)"},
  };
  for (const Row& row : rows) {
    INFO(row.label);
    const auto service = aliased_service_from(nlohmann::json::parse(row.json));
    if (row.message.empty()) {
      CHECK(service.has_value());
    } else {
      REQUIRE_FALSE(service.has_value());
      CHECK(service.error().code == row.code);
      CHECK(format_error(service.error()) == row.message);
    }
  }
}

}  // namespace meshdns::manifest
