#pragma once

// When a failed request is tried again, and after how long. Pure: the caller supplies the jitter.
//
// 429 is retried for every request: kube-apiserver's priority-and-fairness and max-in-flight
// filters reject before any handler runs, so nothing happened (client-go, too, retries 429 on any
// verb). 500/502/503/504 are retried only for idempotent requests (GET, HEAD and server-side apply,
// which converges to the same object however often it runs): a POST, PUT, merge patch or DELETE may
// have taken effect before the error, and repeating it could create twice or turn success into a
// 409/404. Network failures are not retried: libcurl already retries a request on a reused
// connection that the server had closed, and anything else is reported at once within the timeout.

#include <meshdns/kube/http.hpp>

#include <chrono>
#include <optional>
#include <string_view>

namespace meshdns::kube {

struct RetryPolicy {
  int max_attempts = 5;                               // the first try included
  std::chrono::milliseconds base_delay{200};          // doubled per attempt...
  std::chrono::milliseconds max_delay{5'000};         // ...up to this
  std::chrono::milliseconds max_retry_after{30'000};  // a longer Retry-After is cut to this
};

bool is_idempotent(const Request& request);

// Retry-After in its delta-seconds form (the only one kube-apiserver sends and client-go reads).
std::optional<std::chrono::milliseconds> parse_retry_after(std::string_view value);

// The wait before the next attempt, or nullopt when the request must not be tried again.
// attempts_made counts the attempts so far (1 after the first); jitter is uniform in [0, 1).
std::optional<std::chrono::milliseconds> retry_delay(const Request& request,
                                                     long status,  // NOLINT(google-runtime-int)
                                                     std::optional<std::string_view> retry_after,
                                                     int attempts_made, const RetryPolicy& policy,
                                                     double jitter);

}  // namespace meshdns::kube
