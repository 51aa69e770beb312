#include <meshdns/colour.hpp>
#include <meshdns/text.hpp>

namespace meshdns {

std::string paint(Colour colour, std::string_view code, std::string_view text) {
  return colour == Colour::on ? cat(code, text, ansi::reset) : std::string(text);
}

std::string colour_diff(Colour colour, std::string_view diff) {
  if (colour == Colour::off) {
    return std::string(diff);
  }
  std::string out;
  while (!diff.empty()) {
    const std::size_t end = diff.find('\n');
    const std::string_view line = diff.substr(0, end);
    std::string_view code;
    if (starts_with(line, "+++") || starts_with(line, "---")) {
      code = ansi::bold;
    } else if (starts_with(line, "@@")) {
      code = ansi::cyan;
    } else if (starts_with(line, "+")) {
      code = ansi::green;
    } else if (starts_with(line, "-")) {
      code = ansi::red;
    }
    out += code.empty() ? std::string(line) : paint(colour, code, line);
    if (end == std::string_view::npos) {
      break;
    }
    out += '\n';
    diff.remove_prefix(end + 1);
  }
  return out;
}

}  // namespace meshdns
