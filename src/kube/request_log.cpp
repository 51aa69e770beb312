#include "kube/request_log.hpp"

#include <meshdns/log.hpp>
#include <meshdns/text.hpp>

namespace meshdns::kube {
namespace {

std::string body_line(std::string_view label, std::string_view body, int verbosity) {
  // Cut before redacting, so -v 8 does bounded work however big the body; a secret whose value
  // runs past the cut is masked to the cut (the redactor treats an unclosed value as secret).
  std::size_t cut = 0;
  if (verbosity < 9 && body.size() > k_logged_body_limit) {
    cut = body.size() - k_logged_body_limit;
    body = body.substr(0, k_logged_body_limit);
  }
  std::string shown = log::redact_body(body);
  if (cut > 0) {
    shown += cat(" [truncated ", cut, " chars]");
  }
  return cat(label, ": ", shown);
}

}  // namespace

std::string status_text(long status) {  // NOLINT(google-runtime-int)
  switch (status) {
    case 101:
      return "Switching Protocols";
    case 200:
      return "OK";
    case 201:
      return "Created";
    case 202:
      return "Accepted";
    case 204:
      return "No Content";
    case 304:
      return "Not Modified";
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 406:
      return "Not Acceptable";
    case 409:
      return "Conflict";
    case 410:
      return "Gone";
    case 413:
      return "Request Entity Too Large";
    case 415:
      return "Unsupported Media Type";
    case 422:
      return "Unprocessable Entity";
    case 429:
      return "Too Many Requests";
    case 500:
      return "Internal Server Error";
    case 502:
      return "Bad Gateway";
    case 503:
      return "Service Unavailable";
    case 504:
      return "Gateway Timeout";
    default:
      return "";
  }
}

std::string response_line(Method method, std::string_view url, long status,  // NOLINT
                          std::chrono::milliseconds latency) {
  const std::string text = status_text(status);
  return cat(to_string(method), " ", log::redact_url(url), " ", status, text.empty() ? "" : " ",
             text, " in ", latency.count(), " milliseconds");
}

std::string failure_line(Method method, std::string_view url, std::chrono::milliseconds latency,
                         std::string_view what) {
  return cat(to_string(method), " ", log::redact_url(url), " failed in ", latency.count(),
             " milliseconds: ", what);
}

std::vector<std::string> request_detail_lines(Method method, std::string_view url,
                                              const std::vector<std::string>& headers,
                                              std::string_view body, int verbosity) {
  std::vector<std::string> lines{cat(to_string(method), " ", log::redact_url(url)),
                                 "Request Headers:"};
  for (const std::string& header : headers) {
    lines.push_back(cat("    ", log::redact_header(header)));
  }
  if (!body.empty()) {
    lines.push_back(body_line("Request Body", body, verbosity));
  }
  return lines;
}

std::vector<std::string> response_detail_lines(
    const std::vector<std::pair<std::string, std::string>>& headers, std::string_view body,
    int verbosity) {
  std::vector<std::string> lines{"Response Headers:"};
  for (const auto& [name, value] : headers) {
    lines.push_back(cat("    ", log::redact_header(cat(name, ": ", value))));
  }
  lines.push_back(body_line("Response Body", body, verbosity));
  return lines;
}

}  // namespace meshdns::kube
