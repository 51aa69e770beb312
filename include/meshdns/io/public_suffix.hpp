#pragma once

// The Public Suffix List as Debian's libpsl builds it in (psl_builtin(): no file, no network).
// Kept out of the pure core, which takes this predicate as data (corefile::ZoneLimits).

#include <string_view>

namespace meshdns::io {

// Is `name` (lower-case, no trailing dot) a public suffix: an ICANN or private entry of the list
// ("com", "co.uk", "github.io")? Names the list does not know ("internal", "corp") are not: the
// list's implicit "*" rule is not applied.
bool is_public_suffix(std::string_view name);

}  // namespace meshdns::io
