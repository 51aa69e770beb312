#include "manifest/golden_cases.hpp"

#include <meshdns/manifest/namespace.hpp>
#include <meshdns/manifest/service.hpp>
#include <meshdns/manifest/service_entry.hpp>
#include <meshdns/manifest/virtual_service.hpp>
#include <meshdns/manifest/workload.hpp>

#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>
#include <sstream>

namespace meshdns::manifest::test {

namespace {

Result<std::vector<Object>> one(Result<Object> object) {
  if (!object) {
    return std::move(object).error();
  }
  return std::vector<Object>{std::move(object).value()};
}

AliasedService dual_stack_service() {
  AliasedService service;
  service.name = "orders";
  service.namespace_name = "shop";
  service.cluster_ips = {"10.96.12.7", "fd00:10:96::c07"};
  service.ports = {
      {"http-web", 80, "TCP", ""}, {"api", 9090, "TCP", "grpc"}, {"", 5432, "TCP", ""},
      {"dns-tcp", 53, "TCP", ""},  {"dns-udp", 53, "UDP", ""},
  };
  return service;
}

}  // namespace

std::vector<GoldenCase> golden_cases() {
  std::vector<GoldenCase> cases;
  const WorkloadOptions fruits = fruits_api_workload();

  cases.push_back(
      {"namespace", one(build_namespace({"micro-shake-factory", IstioInjection::enabled, {}}))});
  cases.push_back({"namespace-injection-disabled",
                   one(build_namespace({"legacy", IstioInjection::disabled, {{"team", "core"}}}))});

  DeploymentOptions deployment;
  deployment.app = "orders";
  deployment.namespace_name = "shop";
  deployment.image = "registry.example/orders:2.3.1";
  deployment.container_port = 8080;
  deployment.version = 2;
  deployment.replicas = 3;
  deployment.limits = {"500m", "256Mi"};
  deployment.requests = {"50m", "64Mi"};
  cases.push_back({"deployment", one(build_deployment(deployment))});

  cases.push_back({"service", one(build_service({"orders", "shop", "10.96.12.7", 80, ""}))});
  cases.push_back({"service-allocated-ip", one(build_service({"orders", "", "", 8080, ""}))});

  cases.push_back({"virtual-service-v1",
                   one(build_virtual_service({"orders", "shop", 80, IstioApiVersion::v1}))});

  ServiceEntryOptions entry;
  entry.fqdn = "orders.shop.internal";
  entry.service = dual_stack_service();
  entry.api_version = IstioApiVersion::v1beta1;
  cases.push_back({"service-entry-dual-stack", one(build_service_entry(entry))});

  entry.fqdn = "a-very-long-alias-name-for-the-orders-service.team-commerce.corp.internal";
  entry.service.ports = {};
  entry.cluster_domain = "cluster.example";
  entry.api_version = IstioApiVersion::v1;
  cases.push_back({"service-entry-long-name", one(build_service_entry(entry))});

  WorkloadOptions scaffold = fruits;
  scaffold.app = "juice";
  scaffold.namespace_name = "juice-bar";
  scaffold.image = "registry.example/juice:0.1.0";
  scaffold.container_port = 8000;
  scaffold.version = 3;
  scaffold.cluster_ip = "fd00:10:96::50";
  scaffold.api_version = IstioApiVersion::v1;
  cases.push_back({"workload-juice", build_workload(scaffold)});

  cases.push_back({"fruits-api-example", fruits_api_example()});
  return cases;
}

std::vector<ExampleFile> example_files() {
  return {
      {"01-namespace.yaml", 0},       {"02-deployment.yaml", 1},    {"03-service.yaml", 2},
      {"04-virtual-service.yaml", 3}, {"05-service-entry.yaml", 4},
  };
}

std::string source_path(const std::string& relative) {
  return std::string(MESHDNS_SOURCE_DIR) + "/" + relative;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

namespace {

bool update_requested() {
  const char* update = std::getenv("MESHDNS_UPDATE_GOLDEN");
  return update != nullptr && std::string(update) == "1";
}

bool file_exists(const std::string& path) {
  return std::ifstream(path).good();
}

void write_file(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  REQUIRE(out.good());
}

// The first line where the two differ, for a failure message that points at the change.
std::string first_difference(const std::string& expected, const std::string& actual) {
  std::istringstream want(expected);
  std::istringstream got(actual);
  std::string want_line;
  std::string got_line;
  for (int line = 1;; ++line) {
    const bool more_want = static_cast<bool>(std::getline(want, want_line));
    const bool more_got = static_cast<bool>(std::getline(got, got_line));
    if (!more_want && !more_got) {
      return "the files differ only in their final newline";
    }
    if (!more_want || !more_got || want_line != got_line) {
      return "line " + std::to_string(line) + ":\n- " + (more_want ? want_line : "<end>") + "\n+ " +
             (more_got ? got_line : "<end>");
    }
  }
}

}  // namespace

void check_golden(const std::string& path, const std::string& actual) {
  INFO(path);
  if (update_requested()) {
    write_file(path, actual);
    return;
  }
  if (!file_exists(path)) {
    write_file(path, actual);
    FAIL_CHECK("no golden file yet: wrote it; review it and run the test again");
    return;
  }
  const std::string expected = read_file(path);
  if (expected != actual) {
    FAIL_CHECK(
        "output differs from the golden file (MESHDNS_UPDATE_GOLDEN=1 rewrites it), first at "
        << first_difference(expected, actual));
  }
}

}  // namespace meshdns::manifest::test
