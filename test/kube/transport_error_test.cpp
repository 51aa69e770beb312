#include "kube/transport_error.hpp"

#include <catch2/catch.hpp>

#include <string_view>

namespace meshdns::kube {
namespace {

using std::chrono::milliseconds;

TEST_CASE("kube::network_error", "[kube][transport_error]") {
  struct Row {
    NetworkFailure failure;
    milliseconds timeout;
    std::string_view formatted;
  };
  const std::string_view server = "https://127.0.0.1:6443";
  const Row rows[] = {
      {NetworkFailure::connect, milliseconds(0),
       "unable to connect to the server https://127.0.0.1:6443 (DETAIL; did you specify the right "
       "host or port? check --server or the kubeconfig's cluster server)"},
      {NetworkFailure::timeout, milliseconds(2000),
       "no answer from the server https://127.0.0.1:6443 within 2000 ms (DETAIL; check that the "
       "server is reachable, or raise --request-timeout)"},
      {NetworkFailure::timeout, milliseconds(0),
       "no answer from the server https://127.0.0.1:6443 (DETAIL; check that the server is "
       "reachable, or raise --request-timeout)"},
      {NetworkFailure::tls_verify, milliseconds(0),
       "unable to connect to the server https://127.0.0.1:6443: its TLS certificate could not be "
       "verified (DETAIL; give the cluster's CA (certificate-authority-data or "
       "--certificate-authority), or the name its certificate carries with --tls-server-name)"},
      {NetworkFailure::other, milliseconds(0),
       "unable to connect to the server https://127.0.0.1:6443 (DETAIL)"},
  };
  for (const Row& row : rows) {
    INFO(row.formatted);
    const Error error = network_error(row.failure, server, "DETAIL", row.timeout);
    CHECK(error.code == Errc::network);
    CHECK(format_error(error) == row.formatted);
  }
  // Every kind names the server and keeps libcurl's detail.
  for (const NetworkFailure failure : {NetworkFailure::resolve, NetworkFailure::tls_handshake,
                                       NetworkFailure::client_certificate, NetworkFailure::proxy}) {
    const Error error = network_error(failure, server, "DETAIL", milliseconds(0));
    INFO(format_error(error));
    CHECK(error.what.find(server) != std::string::npos);
    CHECK(error.why == "DETAIL");
    CHECK_FALSE(error.fix.empty());
  }
}

TEST_CASE("kube::timeout_detail", "[kube][transport_error]") {
  // In --request-timeout's terms, never libcurl's per-attempt count that contradicts it.
  CHECK(timeout_detail(milliseconds(5000), milliseconds(5000), 1) ==
        "no response within the 5000 ms of --request-timeout");
  CHECK(timeout_detail(milliseconds(5000), milliseconds(2002), 3) ==
        "retries took 2998 ms; attempt 3 had the last 2002 ms and got no response");
}

}  // namespace
}  // namespace meshdns::kube
