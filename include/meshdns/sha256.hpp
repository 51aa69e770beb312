#pragma once

// SHA-256 (FIPS 180-4) of a byte string, as 64 lower-case hex digits. For content hashes (the
// backups record what patch wrote, so rollback can tell whether the live object still holds it);
// small enough not to pull a crypto library into the pure core.

#include <string>
#include <string_view>

namespace meshdns {

std::string sha256_hex(std::string_view bytes);

}  // namespace meshdns
