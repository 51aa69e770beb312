#pragma once

// The lines -v 6 and -v 8 print for each request, in kubectl's round_trippers wording:
//   GET https://127.0.0.1:6443/api/v1/namespaces/default/services/web 200 OK in 3 milliseconds
// Headers go through log::redact_header and bodies through log::redact_body, so a token or key
// never reaches the log. Pure: the runner writes the lines with log::write.

#include <meshdns/kube/http.hpp>

#include <chrono>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace meshdns::kube {

// Bodies longer than this are cut at -v 8 and shown whole from -v 9, as kubectl does.
constexpr std::size_t k_logged_body_limit = 1024;

std::string status_text(long status);  // NOLINT(google-runtime-int): "OK", "Not Found", ...

std::string response_line(Method method, std::string_view url,
                          long status,  // NOLINT(google-runtime-int)
                          std::chrono::milliseconds latency);
// A request that got no HTTP answer.
std::string failure_line(Method method, std::string_view url, std::chrono::milliseconds latency,
                         std::string_view what);

// -v 8: the request line, "Request Headers:", each header indented, "Request Body: ...".
std::vector<std::string> request_detail_lines(Method method, std::string_view url,
                                              const std::vector<std::string>& headers,
                                              std::string_view body, int verbosity);
// -v 8: "Response Headers:", each header indented, "Response Body: ...".
std::vector<std::string> response_detail_lines(
    const std::vector<std::pair<std::string, std::string>>& headers, std::string_view body,
    int verbosity);

}  // namespace meshdns::kube
