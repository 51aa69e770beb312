#include <meshdns/verify/manifests.hpp>

#include <catch2/catch.hpp>

#include <string>
#include <vector>

namespace meshdns::verify {
namespace {

const char* const k_service_entry = R"(apiVersion: networking.istio.io/v1beta1
kind: ServiceEntry
metadata:
  name: my-fruits-internal
  namespace: shop
spec:
  hosts: [my-fruits.internal, fruits.internal]
  addresses: [10.96.0.10]
  endpoints:
  - address: fruits-api.shop.svc.cluster.local
  location: MESH_INTERNAL
  resolution: DNS
)";

std::string service(const std::string& ip) {
  return "apiVersion: v1\nkind: Service\nmetadata:\n  name: fruits-api\n  namespace: shop\n"
         "spec:\n  clusterIP: " +
         ip + "\n";
}

}  // namespace

TEST_CASE("verify::expectations_from_manifests", "[verify][manifests]") {
  struct Row {
    std::string label;
    std::vector<ManifestFile> files;
    std::vector<std::string> names;
    std::vector<std::string> addresses;  // of the first name
    std::size_t notes;                   // on the first name
    std::size_t warnings;
  };
  const Row rows[] = {
      {"a ServiceEntry alone",
       {{"se.yaml", k_service_entry}},
       {"my-fruits.internal", "fruits.internal"},
       {"10.96.0.10"},
       0,
       0},
      {"the Service agrees, in another file",
       {{"se.yaml", k_service_entry}, {"svc.yaml", service("10.96.0.10")}},
       {"my-fruits.internal", "fruits.internal"},
       {"10.96.0.10"},
       0,
       0},
      {"the Service was recreated with a new IP",
       {{"all.yaml", std::string(k_service_entry) + "---\n" + service("10.96.0.99")}},
       {"my-fruits.internal", "fruits.internal"},
       {"10.96.0.10"},
       1,
       0},
      {"a kind: List as kubectl get -o yaml prints it",
       {{"list.yaml",
         "apiVersion: v1\nkind: List\nitems:\n- kind: ServiceEntry\n  metadata: "
         "{name: x}\n  spec: {hosts: [x.internal], addresses: [10.0.0.1]}\n"}},
       {"x.internal"},
       {"10.0.0.1"},
       0,
       0},
      {"wildcard hosts and CIDR addresses are skipped with a warning",
       {{"w.yaml",
         "kind: ServiceEntry\nmetadata: {name: w}\nspec:\n  hosts: ['*.internal', "
         "ok.internal]\n  addresses: [10.0.0.0/24]\n"}},
       {"ok.internal"},
       {},
       0,
       2},
      {"other kinds are ignored",
       {{"d.yaml", "kind: Deployment\nmetadata: {name: d}\nspec: {}\n"}},
       {},
       {},
       0,
       0},
  };
  for (const Row& row : rows) {
    INFO(row.label);
    const auto read = expectations_from_manifests(row.files);
    REQUIRE(read.has_value());
    std::vector<std::string> names;
    for (const auto& expectation : read->expectations) {
      names.push_back(expectation.name);
    }
    CHECK(names == row.names);
    CHECK(read->warnings.size() == row.warnings);
    if (!read->expectations.empty()) {
      CHECK(read->expectations[0].addresses == row.addresses);
      CHECK(read->expectations[0].notes.size() == row.notes);
    }
  }
}

TEST_CASE("verify::expectations_from_manifests names the file of bad YAML", "[verify][manifests]") {
  const auto read = expectations_from_manifests({{"broken.yaml", "kind: [ServiceEntry\n"}});
  REQUIRE_FALSE(read.has_value());
  CHECK(read.error().code == Errc::config);
  CHECK(read.error().what == "cannot read broken.yaml");
  CHECK(read.error().why.rfind("line ", 0) == 0);
}

}  // namespace meshdns::verify
