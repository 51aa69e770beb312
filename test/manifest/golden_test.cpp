// Every builder's output, byte for byte, as YAML and as JSON; and examples/fruits-api/ as the
// builders make it today.

#include "manifest/golden_cases.hpp"

#include <meshdns/manifest/render.hpp>
#include <meshdns/manifest/workload.hpp>

#include <catch2/catch.hpp>

namespace meshdns::manifest {

TEST_CASE("manifest::golden", "[manifest][golden]") {
  for (const test::GoldenCase& golden : test::golden_cases()) {
    INFO(golden.name);
    REQUIRE(golden.objects.has_value());
    const std::vector<Object>& objects = *golden.objects;
    const std::string base = test::source_path("test/manifest/golden/" + golden.name);
    test::check_golden(base + ".yaml", render_yaml(objects));
    test::check_golden(base + ".json", objects.size() == 1 ? render_json(objects.front())
                                                           : render_json_list(objects));
  }
}

TEST_CASE("manifest::fruits_api_example", "[manifest][golden]") {
  const auto objects = fruits_api_example();
  REQUIRE(objects.has_value());
  const auto files = test::example_files();
  REQUIRE(files.size() == objects->size());
  for (const test::ExampleFile& file : files) {
    test::check_golden(test::source_path("examples/fruits-api/" + file.file),
                       render_yaml({objects->at(file.index)}));
  }
}

TEST_CASE("manifest::fruits_api_example matches the article", "[manifest][example]") {
  // Checked field by field, independently of the golden files, so a rewritten golden cannot hide a
  // departure from the article's objects.
  const auto objects = fruits_api_example();
  REQUIRE(objects.has_value());
  REQUIRE(objects->size() == 5);
  struct Row {
    std::size_t object;
    std::string_view pointer;
    nlohmann::ordered_json want;
  };
  const Row rows[] = {
      {0, "/kind", "Namespace"},
      {0, "/metadata/name", "micro-shake-factory"},
      {0, "/metadata/labels/istio-injection", "enabled"},
      {1, "/kind", "Deployment"},
      {1, "/metadata/name", "fruits-api-deployment-v1"},
      {1, "/metadata/namespace", "micro-shake-factory"},
      {1, "/spec/replicas", 1},
      {1, "/spec/minReadySeconds", 1},
      {1, "/spec/progressDeadlineSeconds", 600},
      {1, "/spec/template/metadata/labels/app", "fruits-api"},
      {1, "/spec/template/metadata/labels/version", "v1"},
      {1, "/spec/template/spec/containers/0/image", "istiosuccinctly/fruits-api:1.0.0"},
      {1, "/spec/template/spec/containers/0/ports/0/containerPort", 3000},
      {1, "/spec/template/spec/containers/0/ports/0/name", "http-fruits-api"},
      {1, "/spec/template/spec/containers/0/resources/limits/cpu", "1000m"},
      {1, "/spec/template/spec/containers/0/resources/limits/memory", "1024Mi"},
      {1, "/spec/template/spec/containers/0/resources/requests/cpu", "100m"},
      {1, "/spec/template/spec/containers/0/resources/requests/memory", "100Mi"},
      {1, "/spec/template/spec/containers/0/env/0/name", "app_version"},
      {1, "/spec/template/spec/containers/0/env/0/value", "1"},
      {2, "/metadata/name", "fruits-api-service"},
      {2, "/spec/clusterIP", "10.96.0.50"},
      {2, "/spec/ports/0/port", 80},
      {2, "/spec/ports/0/targetPort", "http-fruits-api"},
      {2, "/spec/selector/app", "fruits-api"},
      {3, "/metadata/name", "fruits-api-vservice"},
      {3, "/spec/http/0/route/0/destination/host", "fruits-api-service"},
      {4, "/kind", "ServiceEntry"},
      {4, "/metadata/name", "my-fruits-internal"},
      {4, "/spec/hosts/0", "my-fruits.internal"},
      {4, "/spec/addresses/0", "10.96.0.50"},
      {4, "/spec/location", "MESH_INTERNAL"},
      {4, "/spec/resolution", "DNS"},
      {4, "/spec/endpoints/0/address", "fruits-api-service.micro-shake-factory.svc.cluster.local"},
      {4, "/metadata/labels/app.kubernetes.io~1managed-by", "kubectl-meshdns"},
  };
  for (const Row& row : rows) {
    INFO(row.object << " " << row.pointer);
    const auto pointer = nlohmann::ordered_json::json_pointer(std::string(row.pointer));
    REQUIRE(objects->at(row.object).contains(pointer));
    CHECK(objects->at(row.object).at(pointer) == row.want);
  }
}

}  // namespace meshdns::manifest
