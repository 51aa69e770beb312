#pragma once

// String helpers shared by every module. No std::format in libstdc++ 12, so cat() concatenates.

#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace meshdns {

namespace detail {
inline void append_one(std::string& out, std::string_view piece) {
  out.append(piece);
}
inline void append_one(std::string& out, char piece) {
  out.push_back(piece);
}
template <typename Number>
requires std::is_arithmetic_v<Number>
inline void append_one(std::string& out, Number number) {
  out.append(std::to_string(number));
}
}  // namespace detail

// cat("line ", 14, ": ", name) == "line 14: " + name
template <typename... Pieces>
std::string cat(const Pieces&... pieces) {
  std::string out;
  (detail::append_one(out, pieces), ...);
  return out;
}

std::string_view trim(std::string_view text);
bool starts_with(std::string_view text, std::string_view prefix);
bool ends_with(std::string_view text, std::string_view suffix);
std::string to_lower(std::string_view text);
std::vector<std::string_view> split(std::string_view text, char separator);
std::string join(const std::vector<std::string>& parts, std::string_view separator);

enum class Newlines : bool { keep, escape };
// Text from a server or a tenant, made safe to print on a terminal, as kubectl's printers do
// (cli-runtime printers.EscapeTerminal, kubernetes#101695): ESC becomes "^[" so no escape sequence
// (retitling the window, clearing the screen, OSC 8 links) reaches the terminal; CR becomes "\r";
// the other C0 controls and DEL become caret notation ("^G"), C1 controls (U+0080..U+009F, which
// some terminals obey as ESC sequences) "\u009b". Tabs and newlines are kept or, for a table
// cell or a one-line field, escaped as "\t" and "\n".
std::string escape_terminal(std::string_view text, Newlines newlines = Newlines::keep);

}  // namespace meshdns
