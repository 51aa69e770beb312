#include "kube/request_log.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <string_view>

namespace meshdns::kube {
namespace {

using std::chrono::milliseconds;

TEST_CASE("kube::response_line", "[kube][request_log]") {
  struct Row {
    Method method;
    long status;  // NOLINT(google-runtime-int)
    std::string_view line;
  };
  const Row rows[] = {
      {Method::get, 200, "GET https://h:6443/api/v1/x 200 OK in 3 milliseconds"},
      {Method::patch, 201, "PATCH https://h:6443/api/v1/x 201 Created in 3 milliseconds"},
      {Method::put, 409, "PUT https://h:6443/api/v1/x 409 Conflict in 3 milliseconds"},
      {Method::del, 404, "DELETE https://h:6443/api/v1/x 404 Not Found in 3 milliseconds"},
      {Method::post, 599, "POST https://h:6443/api/v1/x 599 in 3 milliseconds"},
  };
  for (const Row& row : rows) {
    INFO(row.line);
    CHECK(response_line(row.method, "https://h:6443/api/v1/x", row.status, milliseconds(3)) ==
          row.line);
  }
  CHECK(failure_line(Method::get, "https://h/x", milliseconds(7), "refused") ==
        "GET https://h/x failed in 7 milliseconds: refused");
}

TEST_CASE("kube::request_detail_lines redact credentials", "[kube][request_log]") {
  const auto lines =
      request_detail_lines(Method::post, "https://h/api/v1/secrets",
                           {"Accept: application/json", "Authorization: Bearer s3cr3t-t0ken"},
                           R"({"kind":"Secret","token":"abc.def"})", 8);
  REQUIRE(lines.size() == 5);
  CHECK(lines[0] == "POST https://h/api/v1/secrets");
  CHECK(lines[1] == "Request Headers:");
  CHECK(lines[2] == "    Accept: application/json");
  CHECK(lines[3] == "    Authorization: Bearer <masked>");
  CHECK(lines[4].rfind("Request Body: ", 0) == 0);
  for (const std::string& line : lines) {
    INFO(line);
    CHECK(line.find("s3cr3t") == std::string::npos);
    CHECK(line.find("abc.def") == std::string::npos);
  }
}

TEST_CASE("kube::response_detail_lines cut long bodies below -v 9", "[kube][request_log]") {
  const std::string body(3000, 'x');
  const auto at8 = response_detail_lines({{"Content-Type", "application/json"}}, body, 8);
  REQUIRE(at8.size() == 3);
  CHECK(at8[0] == "Response Headers:");
  CHECK(at8[1] == "    Content-Type: application/json");
  CHECK(at8[2] ==
        "Response Body: " + std::string(k_logged_body_limit, 'x') + " [truncated 1976 chars]");
  const auto at9 = response_detail_lines({}, body, 9);
  CHECK(at9.back() == "Response Body: " + body);
}

TEST_CASE("kube request lines mask a password in the server URL", "[kube][request_log]") {
  using std::chrono::milliseconds;
  const std::string url = "http://alice:pw@127.0.0.1:8080/version";
  CHECK(response_line(Method::get, url, 200, milliseconds(3)) ==
        "GET http://alice:<masked>@127.0.0.1:8080/version 200 OK in 3 milliseconds");
  CHECK(failure_line(Method::get, url, milliseconds(3), "refused") ==
        "GET http://alice:<masked>@127.0.0.1:8080/version failed in 3 milliseconds: refused");
  CHECK(request_detail_lines(Method::get, url, {}, "", 8).front() ==
        "GET http://alice:<masked>@127.0.0.1:8080/version");
}

TEST_CASE("kube::response_detail_lines mask a secret cut at -v 8", "[kube][request_log]") {
  const std::string body = R"({"token":")" + std::string(3000, 's') + R"("})";
  const auto at8 = response_detail_lines({}, body, 8);
  CHECK(at8.back() == R"(Response Body: {"token":"<masked>" [truncated 1988 chars])");
  const auto at9 = response_detail_lines({}, body, 9);
  CHECK(at9.back() == R"(Response Body: {"token":"<masked>"})");
}

}  // namespace
}  // namespace meshdns::kube
