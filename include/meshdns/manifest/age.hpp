#pragma once

// The AGE column of kubectl's tables: how long ago metadata.creationTimestamp was, in kubectl's
// compact form ("45s", "5m30s", "3h", "2d4h", "1y30d"). Pure: the caller passes the current time.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace meshdns::manifest {

// An RFC 3339 timestamp as the API server writes it ("2026-11-25T16:53:05Z", fractions and
// offsets accepted); nullopt for anything else.
std::optional<std::chrono::system_clock::time_point> parse_timestamp(std::string_view text);

// kubectl's precision rules (k8s.io/apimachinery's HumanDuration): seconds under 2 minutes,
// minutes and seconds under 10 minutes, minutes under 3 hours, hours and minutes under 8 hours,
// hours under 2 days, days and hours under 8 days, days under 2 years, years and days under 8
// years, then years. A small negative skew reads "0s"; more than a second in the future reads
// "<invalid>".
std::string human_duration(std::chrono::seconds elapsed);

// human_duration(now - creationTimestamp); "<unknown>" when the timestamp is missing or unreadable.
std::string object_age(std::string_view creation_timestamp,
                       std::chrono::system_clock::time_point now);

}  // namespace meshdns::manifest
