// The refusals of the Namespace, Deployment, Service and VirtualService builders, and the choices
// the golden files only show implicitly.

#include <meshdns/manifest/deployment.hpp>
#include <meshdns/manifest/namespace.hpp>
#include <meshdns/manifest/service.hpp>
#include <meshdns/manifest/virtual_service.hpp>
#include <meshdns/manifest/workload.hpp>

#include <catch2/catch.hpp>

#include <functional>

namespace meshdns::manifest {

namespace {

DeploymentOptions valid_deployment() {
  DeploymentOptions options;
  options.app = "fruits-api";
  options.namespace_name = "micro-shake-factory";
  options.image = "istiosuccinctly/fruits-api:1.0.0";
  return options;
}

}  // namespace

TEST_CASE("manifest::build_deployment refusals", "[manifest][deployment]") {
  struct Row {
    std::string_view label;
    std::function<void(DeploymentOptions&)> change;
    std::string_view what;  // empty: accepted
  };
  const Row rows[] = {
      {"valid", [](DeploymentOptions&) {}, ""},
      {"upper-case name", [](DeploymentOptions& o) { o.app = "Fruits"; },
       "name \"Fruits\" is not a valid DNS-1123 label"},
      {"bad namespace", [](DeploymentOptions& o) { o.namespace_name = "a.b"; },
       "namespace \"a.b\" is not a valid DNS-1123 label"},
      {"no namespace", [](DeploymentOptions& o) { o.namespace_name.clear(); }, ""},
      {"empty image", [](DeploymentOptions& o) { o.image.clear(); },
       "the container image is empty"},
      {"port 0", [](DeploymentOptions& o) { o.container_port = 0; },
       "container port 0 is not a port number"},
      {"port 65536", [](DeploymentOptions& o) { o.container_port = 65536; },
       "container port 65536 is not a port number"},
      // "http-" + 11 characters is 16, over Kubernetes' 15-character port-name limit.
      {"long name", [](DeploymentOptions& o) { o.app = "inventories"; },
       "port name \"http-inventories\" is not valid"},
      {"long name, short port name",
       [](DeploymentOptions& o) {
         o.app = "inventories";
         o.port_name = "http-inv";
       },
       ""},
      {"version 0", [](DeploymentOptions& o) { o.version = 0; }, "version 0 is not allowed"},
      {"negative replicas", [](DeploymentOptions& o) { o.replicas = -1; },
       "replicas and durations cannot be negative"},
      {"zero replicas", [](DeploymentOptions& o) { o.replicas = 0; }, ""},
  };
  for (const Row& row : rows) {
    INFO(row.label);
    DeploymentOptions options = valid_deployment();
    row.change(options);
    const Result<Object> built = build_deployment(options);
    if (row.what.empty()) {
      CHECK(built.has_value());
    } else {
      REQUIRE_FALSE(built.has_value());
      CHECK(built.error().code == Errc::usage);
      CHECK(built.error().what == row.what);
      CHECK_FALSE(built.error().fix.empty());
    }
  }
}

TEST_CASE("manifest::build_deployment names", "[manifest][deployment]") {
  CHECK(deployment_name("fruits-api", 1) == "fruits-api-deployment-v1");
  CHECK(deployment_name("orders", 12) == "orders-deployment-v12");
  CHECK(container_port_name("fruits-api") == "http-fruits-api");

  DeploymentOptions options = valid_deployment();
  options.version = 2;
  const Result<Object> built = build_deployment(options);
  REQUIRE(built.has_value());
  // v2 must not adopt v1's pods: the selector carries the version.
  CHECK(built->at("spec").at("selector").at("matchLabels") ==
        Object{{"app", "fruits-api"}, {"version", "v2"}});
  // Env values are strings in Kubernetes, so the version is "2", not 2.
  CHECK(built->at("spec")
            .at("template")
            .at("spec")
            .at("containers")
            .at(0)
            .at("env")
            .at(0)
            .at("value") == "2");
}

TEST_CASE("manifest::build_service refusals", "[manifest][service]") {
  struct Row {
    ServiceOptions options;
    std::string what;  // owns its text: some rows build it
  };
  const Row rows[] = {
      {{"fruits-api", "micro-shake-factory", "10.96.0.50", 80, ""}, ""},
      {{"fruits-api", "", "", 80, ""}, ""},
      {{"fruits-api", "micro-shake-factory", "None", 80, ""},
       "cluster IP \"None\" makes a headless Service"},
      {{"fruits-api", "micro-shake-factory", "10.96.0", 80, ""},
       "cluster IP \"10.96.0\" is not an IP address"},
      {{"fruits-api", "micro-shake-factory", "", 0, ""}, "Service port 0 is not a port number"},
      {{"3d-api", "", "", 80, "http-3d"}, "Service name \"3d-api-service\" starts with a digit"},
      {{std::string(56, 'a'), "", "", 80, "http"},
       "Service name \"" + std::string(56, 'a') + "-service\" is not a valid DNS-1123 label"},
      {{"inventories", "", "", 80, ""}, "port name \"http-inventories\" is not valid"},
  };
  for (const Row& row : rows) {
    INFO(row.options.app << " " << row.options.cluster_ip << " " << row.options.port);
    const Result<Object> built = build_service(row.options);
    if (row.what.empty()) {
      CHECK(built.has_value());
    } else {
      REQUIRE_FALSE(built.has_value());
      CHECK(built.error().code == Errc::usage);
      CHECK(built.error().what == row.what);
    }
  }
}

TEST_CASE("manifest::build_service targets the Deployment's port", "[manifest][service]") {
  // The Service reaches the pods through the container port's name, so the two builders must
  // agree on it, default or not.
  for (const std::string port_name : {"", "http-fa"}) {
    INFO(port_name);
    DeploymentOptions deployment = valid_deployment();
    deployment.port_name = port_name;
    const auto built_deployment = build_deployment(deployment);
    const auto built_service =
        build_service({"fruits-api", "micro-shake-factory", "10.96.0.50", 80, port_name});
    REQUIRE(built_deployment.has_value());
    REQUIRE(built_service.has_value());
    const Object& container =
        built_deployment->at("spec").at("template").at("spec").at("containers").at(0);
    CHECK(built_service->at("spec").at("ports").at(0).at("targetPort") ==
          container.at("ports").at(0).at("name"));
  }
}

TEST_CASE("manifest::build_namespace", "[manifest][namespace]") {
  const auto enabled = build_namespace({"shop", IstioInjection::enabled, {}});
  REQUIRE(enabled.has_value());
  CHECK(enabled->at("metadata").at("labels") == Object{{"istio-injection", "enabled"}});
  // The injection setting wins over a conflicting extra label.
  const auto disabled =
      build_namespace({"shop", IstioInjection::disabled, {{"istio-injection", "enabled"}}});
  REQUIRE(disabled.has_value());
  CHECK(disabled->at("metadata").at("labels").at("istio-injection") == "disabled");
  const auto bad = build_namespace({"Shop", IstioInjection::enabled, {}});
  REQUIRE_FALSE(bad.has_value());
  CHECK(bad.error().what == "namespace \"Shop\" is not a valid DNS-1123 label");
}

TEST_CASE("manifest::build_virtual_service", "[manifest][virtual_service]") {
  CHECK(virtual_service_name("fruits-api") == "fruits-api-vservice");
  const auto built =
      build_virtual_service({"fruits-api", "micro-shake-factory", 80, IstioApiVersion::v1beta1});
  REQUIRE(built.has_value());
  CHECK(built->at("apiVersion") == "networking.istio.io/v1beta1");
  CHECK(built->at("spec").at("hosts") == Object::array({"fruits-api-service"}));
  const auto bad = build_virtual_service({"fruits-api", "", 70000, IstioApiVersion::v1});
  REQUIRE_FALSE(bad.has_value());
  CHECK(bad.error().what == "Service port 70000 is not a port number");
}

TEST_CASE("manifest::build_workload", "[manifest][workload]") {
  WorkloadOptions options = fruits_api_workload();
  const auto built = build_workload(options);
  REQUIRE(built.has_value());
  std::vector<std::string> kinds;
  for (const Object& object : *built) {
    kinds.push_back(object.at("kind").get<std::string>());
  }
  // Apply order: the Namespace must exist before anything is created in it.
  CHECK(kinds == std::vector<std::string>{"Namespace", "Deployment", "Service", "VirtualService"});

  options.cluster_ip = "auto";  // the caller resolves auto; a literal "auto" is an error here
  const auto refused = build_workload(options);
  REQUIRE_FALSE(refused.has_value());
  CHECK(refused.error().what == "cluster IP \"auto\" is not an IP address");
}

}  // namespace meshdns::manifest
