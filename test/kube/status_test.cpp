#include "kube/status.hpp"

#include <catch2/catch.hpp>

#include <string_view>

namespace meshdns::kube {
namespace {

TEST_CASE("kube::status_error", "[kube][status]") {
  struct Row {
    long status;  // NOLINT(google-runtime-int)
    std::string_view body;
    Errc code;
    std::string_view what;
  };
  const Row rows[] = {
      {404,
       R"({"kind":"Status","apiVersion":"v1","status":"Failure","message":"services \"x\" not found","reason":"NotFound","details":{"name":"x","kind":"services"},"code":404})",
       Errc::not_found, R"(Error from server (NotFound): services "x" not found)"},
      {409,
       R"({"kind":"Status","status":"Failure","message":"Operation cannot be fulfilled on configmaps \"coredns\": the object has been modified; please apply your changes to the latest version and try again","reason":"Conflict","code":409})",
       Errc::conflict,
       R"(Error from server (Conflict): Operation cannot be fulfilled on configmaps "coredns": the object has been modified; please apply your changes to the latest version and try again)"},
      {409,
       R"({"kind":"Status","message":"services \"web\" already exists","reason":"AlreadyExists"})",
       Errc::conflict, R"(Error from server (AlreadyExists): services "web" already exists)"},
      {401,
       R"({"kind":"Status","status":"Failure","message":"Unauthorized","reason":"Unauthorized","code":401})",
       Errc::unauthorized, "You must be logged in to the server (Unauthorized)"},
      {403,
       R"({"kind":"Status","message":"services is forbidden: User \"bob\" cannot list resource \"services\"","reason":"Forbidden"})",
       Errc::unauthorized,
       R"(Error from server (Forbidden): services is forbidden: User "bob" cannot list resource "services")"},
      {422,
       R"({"kind":"Status","message":"Service \"web\" is invalid: spec.clusterIP: Invalid value: \"1.2.3.4\": provided IP is not in the valid range. The range of valid IPs is 10.96.0.0/12","reason":"Invalid","code":422})",
       Errc::server,
       R"(Error from server (Invalid): Service "web" is invalid: spec.clusterIP: Invalid value: "1.2.3.4": provided IP is not in the valid range. The range of valid IPs is 10.96.0.0/12)"},
      // A Status without a reason: kubectl drops the parentheses.
      {500, R"({"kind":"Status","message":"etcdserver: request timed out"})", Errc::server,
       "Error from server: etcdserver: request timed out"},
      // Not a Status: client-go's generic wording for the code.
      {404, "404 page not found\n", Errc::not_found,
       "Error from server (NotFound): the server could not find the requested resource"},
      {401, "", Errc::unauthorized,
       "You must be logged in to the server (the server has asked for the client to provide "
       "credentials)"},
      {503, "<html>upstream down</html>", Errc::server,
       "Error from server (ServiceUnavailable): the server is currently unable to handle the "
       "request"},
      {500, "panic: boom", Errc::server,
       R"(Error from server (InternalError): an error on the server ("panic: boom") has prevented the request from succeeding)"},
      {502, "", Errc::server,
       "Error from server: an error on the server (HTTP 502) has prevented the request from "
       "succeeding"},
      // Hostile or odd JSON never throws.
      {400, R"({"kind":"Status","message":42,"reason":["x"]})", Errc::server,
       "Error from server (BadRequest): the server rejected our request for an unknown reason"},
      {400, R"(["kind","Status"])", Errc::server,
       "Error from server (BadRequest): the server rejected our request for an unknown reason"},
  };
  for (const Row& row : rows) {
    INFO(row.status << " " << row.body);
    const Error error = status_error(row.status, row.body);
    CHECK(error.code == row.code);
    CHECK(error.what == row.what);
    CHECK(error.why.empty());
    CHECK(exit_code(error.code) == 1);
  }
}

TEST_CASE("kube::not_kubernetes", "[kube][status]") {
  const std::string_view server = "http://127.0.0.1:8001";
  const std::string_view status =
      R"({"kind":"Status","apiVersion":"v1","status":"Failure","reason":"NotFound","code":404})";
  struct Row {
    long status;  // NOLINT(google-runtime-int)
    std::string_view body;
    std::string_view path;
    bool foreign;
  };
  const Row rows[] = {
      {404, "<html>Not Found</html>", "/api/v1/namespaces/kube-system/configmaps/coredns", true},
      {404, "404 page not found", "/version", true},
      {404, "", "/apis/apps/v1/namespaces/kube-system/deployments/coredns?x=1", true},
      {404, "404 page not found", "/apis", true},
      {404, status, "/api/v1/namespaces/kube-system/configmaps/coredns", false},
      // kube-apiserver's own answer for a group it does not serve.
      {404, "404 page not found", "/apis/networking.istio.io", false},
      {404, "404 page not found", "/apis/apps/v1beta1/deployments", false},
      {500, "<html>oops</html>", "/version", false},
  };
  for (const Row& row : rows) {
    INFO(row.path << " " << row.body);
    const std::optional<Error> error = not_kubernetes(row.status, row.body, row.path, server);
    REQUIRE(error.has_value() == row.foreign);
    if (error) {
      CHECK(error->code == Errc::config);
      CHECK(error->what == "the server http://127.0.0.1:8001 is not a Kubernetes API server");
    }
  }
}

}  // namespace
}  // namespace meshdns::kube
