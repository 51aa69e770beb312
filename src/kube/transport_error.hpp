#pragma once

// Network and TLS failures in plain words: which server, what failed (libcurl's own detail), what
// to do. Pure, so every wording is unit-tested; http_transport.cpp maps libcurl's codes onto the
// kinds.

#include <meshdns/result.hpp>

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

namespace meshdns::kube {

enum class NetworkFailure : std::uint8_t {
  connect,             // refused, unreachable, no route
  resolve,             // the host name does not resolve
  timeout,             // nothing (complete) within --request-timeout
  tls_verify,          // the server's certificate chain or name did not verify
  tls_handshake,       // the handshake failed (protocol, client certificate rejected)
  client_certificate,  // our certificate or key could not be loaded
  proxy,               // the proxy could not be reached or refused the tunnel
  other,
};

// detail: libcurl's error buffer, e.g. "SSL certificate problem: unable to get local issuer
// certificate"; timeout: the limit in force (0: none).
Error network_error(NetworkFailure failure, std::string_view server, std::string_view detail,
                    std::chrono::milliseconds timeout);

// Why a request ran out of time, in the terms of --request-timeout (libcurl's own text counts only
// the last attempt's share): "no response within the 5000 ms of --request-timeout" or "retries
// took 2998 ms; attempt 3 had 2002 ms left and got no response".
std::string timeout_detail(std::chrono::milliseconds request_timeout,
                           std::chrono::milliseconds attempt_timeout, int attempt_number);

}  // namespace meshdns::kube
