#pragma once

// Durations as kubectl's flags take them: Go's time.ParseDuration. One parser for every flag
// (--request-timeout, verify's --timeout, --interval...), so they all accept the same forms.

#include <optional>
#include <string_view>

namespace meshdns {

// [-+]? then one or more "number[.fraction]unit" parts with units ns, us (µs), ms, s, m, h, or a
// bare "0": "1h30m", "1.5s", "-2m", "250ms". In nanoseconds, as a double so fractions survive;
// nullopt for anything else (a bare "5", "5 s", "5d", "").
std::optional<double> parse_go_duration(std::string_view text);

}  // namespace meshdns
