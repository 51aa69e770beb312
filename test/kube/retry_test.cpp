#include "kube/retry.hpp"

#include <meshdns/kube/requests.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <optional>
#include <string_view>

namespace meshdns::kube {
namespace {

using std::chrono::milliseconds;

TEST_CASE("kube::is_idempotent", "[kube][retry]") {
  struct Row {
    Request request;
    bool idempotent;
  };
  const Row rows[] = {
      {get_request("/api/v1/namespaces"), true},
      {Request{Method::head, "/healthz", {}, {}}, true},
      {apply_request("/api/v1/namespaces/a/services/b", "{}"), true},
      {merge_patch_request("/api/v1/namespaces/a/services/b", nlohmann::json::object()), false},
      {create_request("/api/v1/namespaces/a/services", nlohmann::json::object()), false},
      {Request{Method::put, "/api/v1/namespaces/a/services/b", "{}", "application/json"}, false},
      {delete_request("/api/v1/namespaces/a/services/b"), false},
  };
  for (const Row& row : rows) {
    INFO(to_string(row.request.method) << " " << row.request.content_type);
    CHECK(is_idempotent(row.request) == row.idempotent);
  }
}

TEST_CASE("kube::parse_retry_after", "[kube][retry]") {
  struct Row {
    std::string_view value;
    std::optional<milliseconds> parsed;
  };
  const Row rows[] = {
      {"1", milliseconds(1000)},
      {" 3 ", milliseconds(3000)},
      {"0", milliseconds(0)},
      {"-1", std::nullopt},
      {"1.5", std::nullopt},
      {"", std::nullopt},
      {"Wed, 21 Oct 2026 07:28:00 GMT", std::nullopt},
      {"999999999", std::nullopt},
  };
  for (const Row& row : rows) {
    INFO('"' << row.value << '"');
    CHECK(parse_retry_after(row.value) == row.parsed);
  }
}

TEST_CASE("kube::retry_delay", "[kube][retry]") {
  const RetryPolicy policy;  // 5 attempts, 200 ms doubling to 5 s, Retry-After up to 30 s
  const Request get = get_request("/api/v1/namespaces/default/services/web");
  const Request put{Method::put, "/api/v1/namespaces/default/services/web", "{}",
                    "application/json"};
  const Request post =
      create_request("/api/v1/namespaces/default/services", nlohmann::json::object());
  const Request apply = apply_request("/api/v1/namespaces/default/services/web", "{}");
  struct Row {
    std::string_view name;
    const Request& request;
    long status;  // NOLINT(google-runtime-int)
    std::optional<std::string_view> retry_after;
    int attempts_made;
    double jitter;
    std::optional<milliseconds> delay;
  };
  const Row rows[] = {
      {"500 on GET: first backoff, no jitter", get, 500, std::nullopt, 1, 0.0, milliseconds(100)},
      {"500 on GET: full jitter", get, 500, std::nullopt, 1, 0.999, milliseconds(199)},
      {"503 on GET: doubles", get, 503, std::nullopt, 3, 0.0, milliseconds(400)},
      {"504 on apply: idempotent", apply, 504, std::nullopt, 1, 0.5, milliseconds(150)},
      {"backoff is capped", get, 502, std::nullopt, 4, 1.0, milliseconds(1600)},
      {"500 on PUT: never", put, 500, std::nullopt, 1, 0.0, std::nullopt},
      {"503 on POST: never", post, 503, std::nullopt, 1, 0.0, std::nullopt},
      {"429 on POST: always", post, 429, std::nullopt, 1, 0.0, milliseconds(100)},
      {"429 honours Retry-After", put, 429, "2", 1, 0.7, milliseconds(2000)},
      {"Retry-After on 503 GET", get, 503, "1", 2, 0.0, milliseconds(1000)},
      {"Retry-After is capped", get, 429, "600", 1, 0.0, milliseconds(30'000)},
      {"bad Retry-After falls back", get, 429, "soon", 1, 0.0, milliseconds(100)},
      {"attempts exhausted", get, 500, std::nullopt, 5, 0.0, std::nullopt},
      {"501 is not transient", get, 501, std::nullopt, 1, 0.0, std::nullopt},
      {"404 is final", get, 404, std::nullopt, 1, 0.0, std::nullopt},
      {"409 is final", put, 409, std::nullopt, 1, 0.0, std::nullopt},
  };
  for (const Row& row : rows) {
    INFO(row.name);
    CHECK(retry_delay(row.request, row.status, row.retry_after, row.attempts_made, policy,
                      row.jitter) == row.delay);
  }
  RetryPolicy small;
  small.max_delay = milliseconds(300);
  CHECK(retry_delay(get, 500, std::nullopt, 4, small, 1.0) == milliseconds(300));
}

}  // namespace
}  // namespace meshdns::kube
