#include "kube/http_transport.hpp"

#include <catch2/catch.hpp>

#include <string_view>

namespace meshdns::kube {
namespace {

TEST_CASE("kube::parse_server_url", "[kube][http_transport]") {
  struct Row {
    std::string_view server;
    std::string_view scheme, host;
    int port;
    std::string_view prefix;
  };
  const Row rows[] = {
      {"https://127.0.0.1:6443", "https", "127.0.0.1", 6443, ""},
      {"https://kubernetes.default.svc", "https", "kubernetes.default.svc", 443, ""},
      {"http://localhost:8080/", "http", "localhost", 8080, ""},
      {"https://[::1]:6443", "https", "[::1]", 6443, ""},
      {"https://[fd00::1]", "https", "[fd00::1]", 443, ""},
      {"HTTPS://rancher.example.com/k8s/clusters/c-1/", "https", "rancher.example.com", 443,
       "/k8s/clusters/c-1"},
  };
  for (const Row& row : rows) {
    INFO(row.server);
    const Result<ServerUrl> url = parse_server_url(row.server);
    REQUIRE(url);
    CHECK(url->scheme == row.scheme);
    CHECK(url->host == row.host);
    CHECK(url->port == row.port);
    CHECK(url->prefix == row.prefix);
  }
  for (const std::string_view bad :
       {"127.0.0.1:6443", "ftp://h", "https://", "https://h:0", "https://h:70000", "https://h:x"}) {
    INFO(bad);
    const Result<ServerUrl> url = parse_server_url(bad);
    REQUIRE_FALSE(url);
    CHECK(url.error().code == Errc::config);
  }
}

}  // namespace
}  // namespace meshdns::kube
