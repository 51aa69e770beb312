#include <meshdns/text.hpp>

#include <algorithm>
#include <cctype>

namespace meshdns {

std::string_view trim(std::string_view text) {
  const auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!text.empty() && is_space(text.front())) {
    text.remove_prefix(1);
  }
  while (!text.empty() && is_space(text.back())) {
    text.remove_suffix(1);
  }
  return text;
}

bool starts_with(std::string_view text, std::string_view prefix) {
  return text.starts_with(prefix);
}

bool ends_with(std::string_view text, std::string_view suffix) {
  return text.ends_with(suffix);
}

std::string to_lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::vector<std::string_view> split(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (true) {
    const std::size_t end = text.find(separator, start);
    if (end == std::string_view::npos) {
      parts.push_back(text.substr(start));
      return parts;
    }
    parts.push_back(text.substr(start, end - start));
    start = end + 1;
  }
}

std::string join(const std::vector<std::string>& parts, std::string_view separator) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i != 0) {
      out.append(separator);
    }
    out.append(parts[i]);
  }
  return out;
}

std::string escape_terminal(std::string_view text, Newlines newlines) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t at = 0; at < text.size(); ++at) {
    const auto byte = static_cast<unsigned char>(text[at]);
    const bool layout = byte == '\n' || byte == '\t';
    if (layout && newlines == Newlines::keep) {
      out.push_back(text[at]);
    } else if (layout || byte == '\r') {
      out.append(byte == '\n' ? "\\n" : byte == '\t' ? "\\t" : "\\r");
    } else if (byte < 0x20 || byte == 0x7f) {
      out.push_back('^');
      out.push_back(static_cast<char>(byte ^ 0x40U));  // ESC -> '[', BEL -> 'G', DEL -> '?'
    } else if (byte == 0xc2 && at + 1 < text.size() &&
               static_cast<unsigned char>(text[at + 1]) >= 0x80 &&
               static_cast<unsigned char>(text[at + 1]) <= 0x9f) {
      constexpr std::string_view k_digits = "0123456789abcdef";
      const auto c1 = static_cast<unsigned char>(text[++at]);
      out.append("\\u00").push_back(k_digits[c1 >> 4U]);
      out.push_back(k_digits[c1 & 0xfU]);
    } else {
      out.push_back(text[at]);
    }
  }
  return out;
}

}  // namespace meshdns
