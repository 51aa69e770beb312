#include <meshdns/kube/requests.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <string_view>

namespace meshdns::kube {
namespace {

TEST_CASE("kube::resource_path", "[kube][requests]") {
  struct Row {
    ResourceRef ref;
    std::string_view path;
  };
  const Row rows[] = {
      {{"", "v1", "services", "default", "web"}, "/api/v1/namespaces/default/services/web"},
      {{"", "v1", "services", "default", ""}, "/api/v1/namespaces/default/services"},
      {{"", "v1", "namespaces", "", "kube-system"}, "/api/v1/namespaces/kube-system"},
      {{"", "v1", "services", "", ""}, "/api/v1/services"},
      {{"apps", "v1", "deployments", "kube-system", "coredns"},
       "/apis/apps/v1/namespaces/kube-system/deployments/coredns"},
      {{"networking.istio.io", "v1beta1", "serviceentries", "istio-system", ""},
       "/apis/networking.istio.io/v1beta1/namespaces/istio-system/serviceentries"},
      {{"apiextensions.k8s.io", "v1", "customresourcedefinitions", "", "x.example.com"},
       "/apis/apiextensions.k8s.io/v1/customresourcedefinitions/x.example.com"},
      {{"apps", "v1", "", "", ""}, "/apis/apps/v1"},
      {{"", "v1", "configmaps", "a b", "c/d"}, "/api/v1/namespaces/a%20b/configmaps/c%2Fd"},
  };
  for (const Row& row : rows) {
    INFO(row.path);
    CHECK(resource_path(row.ref) == row.path);
  }
}

TEST_CASE("kube::with_query", "[kube][requests]") {
  struct Row {
    std::string_view path, key, value, result;
  };
  const Row rows[] = {
      {"/api/v1/services", "labelSelector", "app=web", "/api/v1/services?labelSelector=app%3Dweb"},
      {"/api/v1/services?limit=5", "labelSelector", "app in (a, b),!x",
       "/api/v1/services?limit=5&labelSelector=app+in+%28a%2C+b%29%2C%21x"},
      {"/x", "fieldManager", "kubectl-meshdns", "/x?fieldManager=kubectl-meshdns"},
      {"/x", "k", "ü~._-", "/x?k=%C3%BC~._-"},
  };
  for (const Row& row : rows) {
    INFO(row.result);
    CHECK(with_query(row.path, row.key, row.value) == row.result);
  }
}

TEST_CASE("kube::request builders", "[kube][requests]") {
  const std::string svc = "/api/v1/namespaces/default/services/web";
  const nlohmann::json object = {{"metadata", {{"name", "web"}, {"resourceVersion", "42"}}}};
  struct Row {
    std::string_view name;
    Request request;
    Method method;
    std::string_view path;
    std::string_view content_type;
  };
  const Row rows[] = {
      {"get", get_request(svc), Method::get, svc, ""},
      {"list", list_request("/api/v1/services", "app=web"), Method::get,
       "/api/v1/services?labelSelector=app%3Dweb", ""},
      {"list all", list_request("/api/v1/services"), Method::get, "/api/v1/services", ""},
      {"create", create_request("/api/v1/namespaces/default/services", object), Method::post,
       "/api/v1/namespaces/default/services", "application/json"},
      {"create dry-run", create_request("/api/v1/namespaces/default/services", object, DryRun::yes),
       Method::post, "/api/v1/namespaces/default/services?dryRun=All", "application/json"},
      {"apply", apply_request(svc, "kind: Service\n"), Method::patch,
       "/api/v1/namespaces/default/services/web?fieldManager=kubectl-meshdns",
       "application/apply-patch+yaml"},
      {"apply forced dry-run",
       apply_request(svc, "{}", ApplyOptions{"mine", Force::yes, DryRun::yes}), Method::patch,
       "/api/v1/namespaces/default/services/web?fieldManager=mine&force=true&dryRun=All",
       "application/apply-patch+yaml"},
      {"replace", *replace_request(svc, object), Method::put, svc, "application/json"},
      {"merge patch", merge_patch_request(svc, {{"spec", {{"type", "ClusterIP"}}}}, DryRun::yes),
       Method::patch, "/api/v1/namespaces/default/services/web?dryRun=All",
       "application/merge-patch+json"},
      {"delete", delete_request(svc), Method::del, svc, ""},
      {"delete dry-run", delete_request(svc, DryRun::yes), Method::del,
       "/api/v1/namespaces/default/services/web?dryRun=All", ""},
  };
  for (const Row& row : rows) {
    INFO(row.name);
    CHECK(row.request.method == row.method);
    CHECK(row.request.path == row.path);
    CHECK(row.request.content_type == row.content_type);
    CHECK(row.request.body.empty() == row.content_type.empty());
  }
  CHECK(nlohmann::json::parse(create_request("/c", object).body) == object);
  CHECK(apply_request(svc, "kind: Service\n").body == "kind: Service\n");
}

TEST_CASE("kube::replace_request needs a resourceVersion", "[kube][requests]") {
  const nlohmann::json objects[] = {
      {{"metadata", {{"name", "web"}}}},
      {{"metadata", {{"name", "web"}, {"resourceVersion", ""}}}},
      {{"metadata", {{"name", "web"}, {"resourceVersion", 42}}}},
      nlohmann::json::object(),
  };
  for (const nlohmann::json& object : objects) {
    INFO(object.dump());
    const Result<Request> request = replace_request("/api/v1/namespaces/a/services/web", object);
    REQUIRE_FALSE(request);
    CHECK(request.error().code == Errc::refused);
    CHECK(request.error().what ==
          "refusing to replace /api/v1/namespaces/a/services/web without a resourceVersion");
  }
}

}  // namespace
}  // namespace meshdns::kube
