#pragma once

// UTF-8 for messages about names: a user's non-ASCII or control characters are shown as what they
// are, and a non-ASCII DNS name gets the ASCII form IDNA gives it (punycode, RFC 3492).

#include <optional>
#include <string>
#include <string_view>

namespace meshdns {

// The text as a terminal can show it: valid UTF-8 stays, control characters (and DEL) and bytes
// that are not UTF-8 become \xNN. "my\x01fruits" -> "my\\x01fruits".
std::string printable(std::string_view text);

// The first character of `text` whose byte is not ASCII, whole ("ü", not "\xc3"); "" when the
// text is ASCII, and the escaped byte (printable) when it is not valid UTF-8.
std::string first_non_ascii(std::string_view text);

// A dotted name with each non-ASCII label written "xn--" + its punycode (RFC 3492), as IDNA's
// ToASCII does: "my-früits.internal" -> "xn--my-frits-b6a.internal". ASCII letters are lowered;
// other characters are taken as given (no Unicode case folding or normalisation). nullopt when the
// text is not valid UTF-8 or holds control characters.
std::optional<std::string> punycode_name(std::string_view name);

}  // namespace meshdns
