#pragma once

// Durations as kubectl and Go write them on the command line: "500ms", "5s", "2m", "1h", "1m30s",
// and a bare "0". Pure.

#include <meshdns/result.hpp>

#include <chrono>
#include <string>
#include <string_view>

namespace meshdns::verify {

// Fails with Errc::usage naming the accepted units; `flag` ("--timeout") names the culprit.
Result<std::chrono::milliseconds> parse_duration(std::string_view text, std::string_view flag);

// 90'500ms -> "1m30.5s", 0 -> "0s": short, for progress lines and reports.
std::string format_duration(std::chrono::milliseconds duration);

}  // namespace meshdns::verify
