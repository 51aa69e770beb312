#include "kube/transport_error.hpp"

#include <meshdns/log.hpp>
#include <meshdns/text.hpp>

#include <string>

namespace meshdns::kube {

Error network_error(NetworkFailure failure, std::string_view server_url, std::string_view detail,
                    std::chrono::milliseconds timeout) {
  const std::string server = log::redact_url(server_url);  // errors print at every -v
  const std::string unable = cat("unable to connect to the server ", server);
  const std::string why(detail);
  switch (failure) {
    case NetworkFailure::connect:
      return fail(Errc::network, unable, why,
                  "did you specify the right host or port? check --server or the kubeconfig's "
                  "cluster server");
    case NetworkFailure::resolve:
      return fail(Errc::network, unable, why,
                  "check the host name in --server or the kubeconfig's cluster server");
    case NetworkFailure::timeout:
      return fail(Errc::network,
                  timeout.count() > 0 ? cat("no answer from the server ", server, " within ",
                                            timeout.count(), " ms")
                                      : cat("no answer from the server ", server),
                  why, "check that the server is reachable, or raise --request-timeout");
    case NetworkFailure::tls_verify:
      return fail(Errc::network, cat(unable, ": its TLS certificate could not be verified"), why,
                  "give the cluster's CA (certificate-authority-data or --certificate-authority), "
                  "or the name its certificate carries with --tls-server-name");
    case NetworkFailure::tls_handshake:
      return fail(Errc::network, cat(unable, ": the TLS handshake failed"), why,
                  "check that the server speaks TLS and accepts the client certificate");
    case NetworkFailure::client_certificate:
      return fail(Errc::network, cat(unable, ": the client certificate or key is unusable"), why,
                  "check client-certificate-data and client-key-data in the kubeconfig");
    case NetworkFailure::proxy:
      return fail(Errc::network, cat(unable, " through the proxy"), why,
                  "check the cluster's proxy-url or HTTPS_PROXY/NO_PROXY");
    case NetworkFailure::other:
      break;
  }
  return fail(Errc::network, unable, why);
}

std::string timeout_detail(std::chrono::milliseconds request_timeout,
                           std::chrono::milliseconds attempt_timeout, int attempt_number) {
  if (attempt_number <= 1 || attempt_timeout >= request_timeout) {
    return cat("no response within the ", request_timeout.count(), " ms of --request-timeout");
  }
  return cat("retries took ", (request_timeout - attempt_timeout).count(), " ms; attempt ",
             attempt_number, " had the last ", attempt_timeout.count(), " ms and got no response");
}

}  // namespace meshdns::kube
