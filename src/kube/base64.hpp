#pragma once

// Standard base64 (RFC 4648, with padding), as Go's encoding/json uses for []byte fields such as
// certificate-authority-data. Private to src/kube.

#include <meshdns/result.hpp>

#include <string>
#include <string_view>

namespace meshdns::kube {

std::string base64_encode(std::string_view bytes);

// Line breaks are skipped, as Go's decoder skips them. Anything else outside the alphabet, or bad
// padding, fails with Go's wording: "illegal base64 data at input byte N".
Result<std::string> base64_decode(std::string_view text);

}  // namespace meshdns::kube
