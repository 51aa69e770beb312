#pragma once

// Turns an API server's refusal into kubectl's words. A Kubernetes Status (what kube-apiserver
// always sends) is passed on verbatim the way kubectl's cmdutil.StandardErrorMessage prints it:
//   Error from server (NotFound): services "x" not found
//   You must be logged in to the server (Unauthorized)
// Anything else (a proxy's HTML page, an empty 503) is described like client-go's
// NewGenericServerResponse does for that status code.

#include <meshdns/result.hpp>

#include <optional>
#include <string_view>

namespace meshdns::kube {

// status: the HTTP status (not 2xx); body: the response body as received.
Error status_error(long status, std::string_view body);  // NOLINT(google-runtime-int)

// A 404 without a Status where every Kubernetes API server serves (/version, /api/v1/...,
// /apis/apps/v1/...): the server is something else (a web server, a wrong kubectl proxy port).
// Unserved groups (/apis/networking.istio.io/...) do get plain "404 page not found" from a real
// kube-apiserver, so they prove nothing. Errc::config, naming the server.
std::optional<Error> not_kubernetes(long status, std::string_view body,  // NOLINT
                                    std::string_view path, std::string_view server);

}  // namespace meshdns::kube
