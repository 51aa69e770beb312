#include "kube/retry.hpp"

#include <meshdns/text.hpp>

#include <algorithm>
#include <charconv>

namespace meshdns::kube {

bool is_idempotent(const Request& request) {
  switch (request.method) {
    case Method::get:
    case Method::head:
      return true;
    case Method::patch:
      return request.content_type == "application/apply-patch+yaml";
    case Method::post:
    case Method::put:
    case Method::del:
      return false;
  }
  return false;
}

std::optional<std::chrono::milliseconds> parse_retry_after(std::string_view value) {
  value = trim(value);
  long long seconds = 0;
  const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), seconds);
  if (value.empty() || ec != std::errc() || end != value.data() + value.size() || seconds < 0 ||
      seconds > 86'400) {
    return std::nullopt;
  }
  return std::chrono::seconds(seconds);
}

std::optional<std::chrono::milliseconds> retry_delay(const Request& request,
                                                     long status,  // NOLINT(google-runtime-int)
                                                     std::optional<std::string_view> retry_after,
                                                     int attempts_made, const RetryPolicy& policy,
                                                     double jitter) {
  if (attempts_made >= policy.max_attempts) {
    return std::nullopt;
  }
  const bool transient_server_error =
      status == 500 || status == 502 || status == 503 || status == 504;
  if (status != 429 && !(transient_server_error && is_idempotent(request))) {
    return std::nullopt;
  }
  if (retry_after) {
    if (const auto asked = parse_retry_after(*retry_after)) {
      return std::min(*asked, policy.max_retry_after);
    }
  }
  // Exponential with "equal jitter": at least half the step, so clients that failed together do
  // not all come back at the same instant, yet none comes back at once.
  const int doublings = std::clamp(attempts_made - 1, 0, 20);
  const long long step_ms =
      std::min<long long>(policy.base_delay.count() * (1LL << doublings), policy.max_delay.count());
  const double unit = std::clamp(jitter, 0.0, 1.0);
  return std::chrono::milliseconds(step_ms / 2 +
                                   static_cast<long long>(unit * static_cast<double>(step_ms) / 2));
}

}  // namespace meshdns::kube
