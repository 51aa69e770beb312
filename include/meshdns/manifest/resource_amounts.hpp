#pragma once

// `scaffold --limits cpu=1000m,memory=1024Mi` and `--requests ...`, spelled as `kubectl set
// resources` spells them. Pure.

#include <meshdns/manifest/deployment.hpp>
#include <meshdns/result.hpp>

#include <string_view>

namespace meshdns::manifest {

// Comma-separated NAME=QUANTITY pairs, NAME cpu or memory; a name left out keeps its value in
// `defaults`. The quantities are the API server's to check (it knows every suffix); an empty one is
// refused here. Errc::usage naming `flag`.
Result<ResourceAmounts> parse_resource_amounts(std::string_view text,
                                               const ResourceAmounts& defaults,
                                               std::string_view flag);

}  // namespace meshdns::manifest
