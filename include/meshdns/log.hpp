#pragma once

// The one logger, with kubectl's -v levels: 6 logs each request line, 8 adds bodies. Decided once
// at start-up by the CLI; the core never logs (it returns errors), the edges do. Lines go to
// stderr. Secrets never reach it unredacted: callers pass headers and bodies through redact_*
// first.

#include <string>
#include <string_view>

namespace meshdns::log {

void set_verbosity(int level);
int verbosity();
inline bool enabled(int level) {
  return verbosity() >= level;
}

// Writes "I<time> <line>" (kubectl's klog-like prefix without pid/file) to stderr when enabled.
void write(int level, std::string_view line);

// "Authorization: Bearer abc" -> "Authorization: Bearer <masked>"; other headers unchanged.
std::string redact_header(std::string_view header);

// "http://alice:pw@host:6443/api" -> "http://alice:<masked>@host:6443/api", as Go's
// URL.Redacted(): a server URL may carry a password (libcurl sends it as Basic auth).
std::string redact_url(std::string_view url);

// Masks the values of JSON/YAML fields that carry secrets ("token", "client-key-data",
// "client-certificate-data", "password", "access_token", "id-token", "refresh-token") in a body.
std::string redact_body(std::string_view body);

}  // namespace meshdns::log
