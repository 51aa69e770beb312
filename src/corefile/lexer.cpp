#include "corefile/lexer.hpp"

namespace meshdns::corefile {

namespace {

constexpr std::string_view k_bom = "\xEF\xBB\xBF";

unsigned char byte_at(std::string_view source, std::size_t at) {
  return at < source.size() ? static_cast<unsigned char>(source[at]) : 0;
}

// Scans one token starting at `at` and returns its kind and end. `at_token_start` is false right
// after a word or quoted token, where CoreDNS does not open a quote (it only does so for an empty
// token) but where a closing quote has just ended a token, so a new one starts anyway.
struct Scan {
  TokenKind kind;
  std::size_t end;
};

Scan scan_comment_to_line_end(std::string_view source, std::size_t at) {
  std::size_t end = source.find('\n', at);
  if (end == std::string_view::npos) {
    return {TokenKind::comment, source.size()};
  }
  if (end > at && source[end - 1] == '\r') {
    --end;  // the \r belongs to the "\r\n" newline token
  }
  return {TokenKind::comment, end};
}

// Caddy's lexer checks for whitespace before it checks the comment flag, so a "#" in the middle of
// a token ("foo#bar baz") ends the token and hides only the bytes up to the next space: "baz" is
// lexed again on the next call.
Scan scan_comment_to_space(std::string_view source, std::size_t at) {
  std::size_t end = at;
  while (end < source.size() && space_length(source, end) == 0) {
    ++end;
  }
  return {TokenKind::comment, end};
}

Scan scan_quoted(std::string_view source, std::size_t at) {
  bool escaped = false;
  for (std::size_t i = at + 1; i < source.size(); ++i) {
    const char ch = source[i];
    if (escaped) {
      escaped = false;
    } else if (ch == '\\') {
      escaped = true;
    } else if (ch == '"') {
      return {TokenKind::quoted, i + 1};
    }
  }
  return {TokenKind::quoted, source.size()};  // unterminated: CoreDNS takes it to the end too
}

// Printable ASCII other than '#': most bytes of a word, decided without the Unicode space table.
bool is_plain_word_byte(char ch) {
  const auto byte = static_cast<unsigned char>(ch);
  return byte > ' ' && byte < 0x7F && ch != '#';
}

Scan scan_word(std::string_view source, std::size_t at) {
  std::size_t end = at;
  while (end < source.size()) {
    if (!is_plain_word_byte(source[end]) && (source[end] == '#' || space_length(source, end) > 0)) {
      break;
    }
    ++end;
  }
  const std::string_view text = source.substr(at, end - at);
  if (text == "{") {
    return {TokenKind::open_brace, end};
  }
  if (text == "}") {
    return {TokenKind::close_brace, end};
  }
  return {TokenKind::word, end};
}

}  // namespace

std::size_t space_length(std::string_view source, std::size_t at) {
  const unsigned char b0 = byte_at(source, at);
  switch (b0) {
    case ' ':
    case '\t':
    case '\n':
    case '\v':
    case '\f':
    case '\r':
      return 1;
    case 0xC2: {  // U+0085 NEL, U+00A0 NO-BREAK SPACE
      const unsigned char b1 = byte_at(source, at + 1);
      return b1 == 0x85 || b1 == 0xA0 ? 2 : 0;
    }
    case 0xE1:  // U+1680 OGHAM SPACE MARK
      return byte_at(source, at + 1) == 0x9A && byte_at(source, at + 2) == 0x80 ? 3 : 0;
    case 0xE2: {  // U+2000..U+200A, U+2028, U+2029, U+202F, U+205F
      const unsigned char b1 = byte_at(source, at + 1);
      const unsigned char b2 = byte_at(source, at + 2);
      if (b1 == 0x80 && ((b2 >= 0x80 && b2 <= 0x8A) || b2 == 0xA8 || b2 == 0xA9 || b2 == 0xAF)) {
        return 3;
      }
      return b1 == 0x81 && b2 == 0x9F ? 3 : 0;
    }
    case 0xE3:  // U+3000 IDEOGRAPHIC SPACE
      return byte_at(source, at + 1) == 0x80 && byte_at(source, at + 2) == 0x80 ? 3 : 0;
    default:
      return 0;
  }
}

std::vector<Token> lex(std::string_view source) {
  std::vector<Token> tokens;
  tokens.reserve(source.size() / 3 + 1);
  auto push = [&tokens](TokenKind kind, std::size_t begin, std::size_t end) {
    tokens.push_back(
        Token{kind, static_cast<std::uint32_t>(begin), static_cast<std::uint32_t>(end)});
  };

  std::size_t at = 0;
  if (source.substr(0, k_bom.size()) == k_bom) {
    push(TokenKind::bom, 0, k_bom.size());
    at = k_bom.size();
  }
  bool in_token = false;  // the previous token was a word or quoted token with nothing between
  while (at < source.size()) {
    const char ch = source[at];
    if (ch == '\n' || (ch == '\r' && at + 1 < source.size() && source[at + 1] == '\n')) {
      const std::size_t end = at + (ch == '\r' ? 2 : 1);
      push(TokenKind::newline, at, end);
      at = end;
      in_token = false;
      continue;
    }
    if (std::size_t length = space_length(source, at); length > 0) {
      std::size_t end = at + length;
      // A run of spaces is one token; a newline (or \r\n) ends it.
      while (end < source.size() && source[end] != '\n' &&
             !(source[end] == '\r' && end + 1 < source.size() && source[end + 1] == '\n') &&
             (length = space_length(source, end)) > 0) {
        end += length;
      }
      push(TokenKind::space, at, end);
      at = end;
      in_token = false;
      continue;
    }
    Scan scan{};
    if (ch == '#') {
      scan = in_token ? scan_comment_to_space(source, at) : scan_comment_to_line_end(source, at);
    } else if (ch == '"' && !in_token) {
      scan = scan_quoted(source, at);
    } else {
      scan = scan_word(source, at);
    }
    // A word glued to a preceding word cannot happen (scan_word stops only at space or '#'), but a
    // token can follow a closing quote directly; CoreDNS starts a new token there as well.
    push(scan.kind, at, scan.end);
    in_token = scan.kind != TokenKind::comment && scan.kind != TokenKind::quoted;
    at = scan.end;
  }
  return tokens;
}

bool quote_is_closed(std::string_view quoted_text) {
  bool escaped = false;
  for (std::size_t i = 1; i < quoted_text.size(); ++i) {
    if (escaped) {
      escaped = false;
    } else if (quoted_text[i] == '\\') {
      escaped = true;
    } else if (quoted_text[i] == '"') {
      return i + 1 == quoted_text.size();
    }
  }
  return false;
}

std::string token_value(std::string_view source, const Token& token) {
  const std::string_view text = token_text(source, token);
  if (token.kind != TokenKind::quoted) {
    return std::string(text);
  }
  // The same walk as scan_quoted: a backslash escapes the next byte, but only \" loses it.
  std::string value;
  value.reserve(text.size());
  bool escaped = false;
  for (std::size_t i = 1; i < text.size(); ++i) {
    const char ch = text[i];
    if (!escaped && ch == '\\') {
      escaped = true;
      continue;
    }
    if (!escaped && ch == '"') {
      break;
    }
    if (escaped && ch != '"') {
      value.push_back('\\');
    }
    value.push_back(ch);
    escaped = false;
  }
  return value;
}

}  // namespace meshdns::corefile
