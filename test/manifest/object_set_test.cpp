#include <meshdns/manifest/object_set.hpp>
#include <meshdns/manifest/resource_kinds.hpp>
#include <meshdns/manifest/yaml_json.hpp>

#include <catch2/catch.hpp>

#include <string>
#include <vector>

namespace meshdns::manifest {
namespace {

ObjectSet load(const std::string& yaml, const std::string& default_namespace = "default") {
  auto documents = parse_yaml_documents(yaml);
  REQUIRE(documents.has_value());
  ObjectSet objects;
  for (auto& document : *documents) {
    const auto added = objects.add(std::move(document), default_namespace);
    REQUIRE(added.has_value());
  }
  return objects;
}

std::vector<std::string> names(const std::vector<nlohmann::json>& objects) {
  std::vector<std::string> out;
  for (const auto& object : objects) {
    out.push_back(object["metadata"]["namespace"].get<std::string>() + "/" +
                  object["metadata"]["name"].get<std::string>());
  }
  return out;
}

constexpr const char* k_cluster = R"(apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop, labels: {app: web}}
spec: {clusterIP: 10.96.0.10}
---
apiVersion: v1
kind: Service
metadata: {name: db, labels: {app: db}}
spec: {clusterIP: 10.96.0.11}
---
apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: Service
    metadata: {name: api, namespace: shop, labels: {app: api}}
  - apiVersion: v1
    kind: Namespace
    metadata: {name: shop, namespace: ignored}
---
apiVersion: networking.istio.io/v1alpha3
kind: ServiceEntry
metadata: {name: fruits, namespace: shop}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: coredns, namespace: kube-system}
)";

}  // namespace

TEST_CASE("manifest::ObjectSet finds objects by resource, namespace and name",
          "[manifest][object_set]") {
  const ObjectSet objects = load(k_cluster, "team");
  CHECK(objects.size() == 6);
  const nlohmann::json* web = objects.find("", "services", "shop", "web");
  REQUIRE(web != nullptr);
  CHECK((*web)["spec"]["clusterIP"] == "10.96.0.10");
  CHECK(objects.find("", "services", "default", "web") == nullptr);
  CHECK(objects.find("apps", "services", "shop", "web") == nullptr);  // wrong group
  CHECK(objects.find("", "pods", "shop", "web") == nullptr);          // not in the table

  // Namespaced objects without a namespace get the default one written in.
  const nlohmann::json* db = objects.find("", "services", "team", "db");
  REQUIRE(db != nullptr);
  CHECK((*db)["metadata"]["namespace"] == "team");

  // List items are opened; cluster-scoped objects ignore any namespace.
  CHECK(objects.find("", "services", "shop", "api") != nullptr);
  CHECK(objects.find("", "namespaces", "", "shop") != nullptr);
  CHECK(objects.find("", "namespaces", "anything", "shop") != nullptr);
  CHECK(objects.find("networking.istio.io", "serviceentries", "shop", "fruits") != nullptr);
  CHECK(objects.find("apps", "deployments", "kube-system", "coredns") != nullptr);
}

TEST_CASE("manifest::ObjectSet lists like the API server", "[manifest][object_set]") {
  const ObjectSet objects = load(k_cluster);
  CHECK(names(objects.list("", "services", "")) ==
        std::vector<std::string>{"default/db", "shop/api", "shop/web"});
  CHECK(names(objects.list("", "services", "shop")) ==
        std::vector<std::string>{"shop/api", "shop/web"});
  const auto selector = LabelSelector::parse("app in (web,db)");
  REQUIRE(selector.has_value());
  CHECK(names(objects.list("", "services", "", *selector)) ==
        std::vector<std::string>{"default/db", "shop/web"});
  CHECK(objects.list("", "configmaps", "").empty());
  CHECK(objects.list("", "pods", "").empty());
}

TEST_CASE("manifest::ObjectSet: the last object of a name wins", "[manifest][object_set]") {
  const ObjectSet objects = load(R"(apiVersion: v1
kind: ConfigMap
metadata: {name: coredns, namespace: kube-system}
data: {Corefile: old}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: coredns, namespace: kube-system}
data: {Corefile: new}
)");
  CHECK(objects.size() == 1);
  CHECK((*objects.find("", "configmaps", "kube-system", "coredns"))["data"]["Corefile"] == "new");
}

TEST_CASE("manifest::ObjectSet versions: objects and CRDs", "[manifest][object_set]") {
  const ObjectSet objects = load(R"(apiVersion: networking.istio.io/v1alpha3
kind: VirtualService
metadata: {name: a, namespace: x}
---
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: serviceentries.networking.istio.io}
spec:
  group: networking.istio.io
  versions:
    - {name: v1alpha3, served: true}
    - {name: v1beta1, served: true}
    - {name: v1, served: false}
---
apiVersion: apiextensions.k8s.io/v1beta1
kind: CustomResourceDefinition
metadata: {name: dnses.operator.openshift.io}
spec: {group: operator.openshift.io, version: v1}
)");
  CHECK(objects.versions("networking.istio.io") == std::vector<std::string>{"v1beta1", "v1alpha3"});
  CHECK(objects.versions("operator.openshift.io") == std::vector<std::string>{"v1"});
  CHECK(objects.versions("apiextensions.k8s.io") == std::vector<std::string>{"v1", "v1beta1"});
  CHECK(objects.versions("apps").empty());
}

TEST_CASE("manifest::ObjectSet refuses documents that are not objects", "[manifest][object_set]") {
  struct Row {
    nlohmann::json document;
    std::string why;
  };
  const Row rows[] = {
      {nlohmann::json::array({1}), "it is not a mapping"},
      {{{"kind", "Service"}, {"metadata", {{"name", "a"}}}}, "it has no apiVersion or no kind"},
      {{{"apiVersion", "v1"}, {"kind", "Service"}}, "Service without metadata.name"},
      {{{"apiVersion", "v1"}, {"kind", "List"}, {"items", "x"}},
       "the items of a List are not a sequence"},
  };
  for (const auto& row : rows) {
    ObjectSet objects;
    const auto added = objects.add(row.document, "default");
    REQUIRE_FALSE(added.has_value());
    CHECK(added.error().code == Errc::config);
    CHECK(added.error().what == "a document is not a Kubernetes object");
    CHECK(added.error().why == row.why);
  }
}

TEST_CASE("manifest::resource kinds and version priority", "[manifest][resource_kinds]") {
  struct Row {
    std::string group, resource, kind;
    bool namespaced;
  };
  const Row rows[] = {
      {"", "namespaces", "Namespace", false},
      {"", "services", "Service", true},
      {"", "configmaps", "ConfigMap", true},
      {"apps", "deployments", "Deployment", true},
      {"apps", "daemonsets", "DaemonSet", true},
      {"networking.istio.io", "serviceentries", "ServiceEntry", true},
      {"networking.istio.io", "virtualservices", "VirtualService", true},
      {"operator.openshift.io", "dnses", "DNS", false},
      {"networking.k8s.io", "servicecidrs", "ServiceCIDR", false},
  };
  for (const auto& row : rows) {
    const ResourceKind* by_resource = find_resource(row.group, row.resource);
    REQUIRE(by_resource != nullptr);
    CHECK(by_resource->kind == row.kind);
    CHECK(by_resource->namespaced == row.namespaced);
    CHECK(find_kind(row.group, row.kind) == by_resource);
  }
  CHECK(find_resource("", "deployments") == nullptr);
  CHECK(api_group("networking.istio.io/v1beta1") == "networking.istio.io");
  CHECK(api_group("v1").empty());
  CHECK(api_version_of("apps/v1") == "v1");
  CHECK(api_version_of("v1") == "v1");

  std::vector<std::string> versions{"v1alpha3", "foo", "v1",      "v2beta1",  "v1beta1",
                                    "v1alpha3", "v2",  "v1beta2", "v10alpha1"};
  sort_by_version_priority(versions);
  CHECK(versions == std::vector<std::string>{"v2", "v1", "v2beta1", "v1beta2", "v1beta1",
                                             "v10alpha1", "v1alpha3", "foo"});
  CHECK(known_versions("networking.istio.io") ==
        std::vector<std::string>{"v1", "v1beta1", "v1alpha3"});
  CHECK(known_versions("example.com").empty());
}

}  // namespace meshdns::manifest
