#pragma once

// Internal to src/manifest: what a plain (unquoted, untagged) YAML scalar means under the YAML 1.1
// rules kubectl applies through go-yaml v2. The parser uses it to type scalars and the emitter to
// decide which strings need quotes, so the two can never disagree.

#include <nlohmann/json.hpp>

#include <string_view>

namespace meshdns::manifest::detail {

// null for "", "~", "null"; a bool for true/false/yes/no/on/off/y/n in their usual spellings; an
// integer (decimal, 0x, 0o, 0b, leading-0 octal, '_' separators; int64, else uint64); a float; a
// string for everything else, including timestamps and .inf/.nan (JSON has no infinity).
nlohmann::json resolve_plain_scalar(std::string_view text);

// True when `text` written as a plain scalar would read back as something other than this string:
// it resolves to a non-string, or YAML 1.1 readers (PyYAML, go-yaml) give it a meaning of their own
// (timestamps, "<<", "=", .inf).
bool needs_quotes(std::string_view text);

}  // namespace meshdns::manifest::detail
