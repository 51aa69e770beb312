#pragma once

// Colour for people at a terminal, as `kubectl diff` users expect: decided once at start-up
// (TTY, --no-color, NO_COLOR; cli/session.cpp) and passed down as a value, so the pure modules
// stay pure and print the same bytes as ever when it is off.

#include <string>
#include <string_view>

namespace meshdns {

enum class Colour : bool { off, on };

namespace ansi {
inline constexpr std::string_view red = "\033[31m";
inline constexpr std::string_view green = "\033[32m";
inline constexpr std::string_view yellow = "\033[33m";
inline constexpr std::string_view cyan = "\033[36m";
inline constexpr std::string_view bold = "\033[1m";
inline constexpr std::string_view reset = "\033[0m";
}  // namespace ansi

// text wrapped in `code` and a reset when colour is on; text itself when off.
std::string paint(Colour colour, std::string_view code, std::string_view text);

// A unified diff with kubectl diff's colours: headers bold, hunks cyan, '-' red, '+' green.
std::string colour_diff(Colour colour, std::string_view diff);

}  // namespace meshdns
