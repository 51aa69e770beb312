#pragma once

// kubectl's --request-timeout (client-go clientcmd.ParseTimeout). Private to src/kube.

#include <meshdns/result.hpp>

#include <chrono>
#include <string_view>

namespace meshdns::kube {

// A bare non-negative integer is seconds ("0" = no limit, "30"); otherwise Go's time.ParseDuration
// forms ("1s", "2m", "1h30m", "1.5s", "250ms", "10us"). A negative duration means no limit, as a
// negative http.Client timeout does in Go; anything shorter than a millisecond but above zero
// rounds up to 1 ms so it still limits. Invalid input fails with kubectl's message.
Result<std::chrono::milliseconds> parse_request_timeout(std::string_view text);

}  // namespace meshdns::kube
