// Every golden manifest and every file of examples/fruits-api/ through the real Kubernetes OpenAPI
// and Istio CRD schemas (test/manifest/validate-manifests). The golden test proves the files are
// what the builders print today, so together they check the builders against the schemas.

#include "manifest/golden_cases.hpp"
#include "support/process.hpp"
#include "support/test_data.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <sstream>

namespace meshdns::manifest {

namespace {

std::string validator_path() {
  return ::meshdns::test::manifest_validator();
}

std::vector<std::string> output_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    lines.push_back(line);
  }
  return lines;
}

}  // namespace

TEST_CASE("manifest::schemas", "[manifest][schema]") {
  std::vector<std::string> argv{validator_path()};
  for (const test::GoldenCase& golden : test::golden_cases()) {
    argv.push_back(test::source_path("test/manifest/golden/" + golden.name + ".yaml"));
  }
  for (const test::ExampleFile& file : test::example_files()) {
    argv.push_back(test::source_path("examples/fruits-api/" + file.file));
  }
  const ::meshdns::test::ProcessResult result = ::meshdns::test::run_process(argv);
  INFO("stdout:\n" << result.out << "stderr:\n" << result.err);
  REQUIRE_FALSE(result.err.find("ModuleNotFoundError") != std::string::npos);  // test/install-deps
  CHECK(result.exit_code == 0);
  std::size_t documents = 0;
  for (const test::GoldenCase& golden : test::golden_cases()) {
    documents += golden.objects.has_value() ? golden.objects->size() : 0;
  }
  documents += test::example_files().size();
  const auto lines = output_lines(result.out);
  CHECK(lines.size() == documents);
  for (const std::string& line : lines) {
    INFO(line);
    CHECK(line.rfind("OK ", 0) == 0);
  }
}

TEST_CASE("manifest::schemas refuse a broken object", "[manifest][schema]") {
  // The control: the same validator must fail an object the builders would never make, or the
  // test above proves nothing.
  const std::string broken =
      "apiVersion: networking.istio.io/v1\nkind: ServiceEntry\nmetadata:\n  name: x\n"
      "spec:\n  location: MESH_INTERNAL\n  ports:\n  - number: 80\n";
  ::meshdns::test::ProcessOptions options;
  options.input = broken;
  const ::meshdns::test::ProcessResult result =
      ::meshdns::test::run_process({validator_path(), "-"}, options);
  INFO("stdout:\n" << result.out << "stderr:\n" << result.err);
  CHECK(result.exit_code == 1);
  CHECK(result.out.rfind("FAIL networking.istio.io/v1 ServiceEntry x", 0) == 0);
}

}  // namespace meshdns::manifest
