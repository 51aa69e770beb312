#pragma once

// The Corefile lexer. It follows CoreDNS's Caddyfile lexer (coredns/caddy caddyfile/lexer.go) for
// what is a token, but keeps every byte: spaces, newlines (with their \r), comments and a leading
// BOM are tokens too, so joining the texts of lex(s) gives s back for any bytes.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace meshdns::corefile {

enum class TokenKind : std::uint8_t {
  word,         // a run of non-space bytes; may hold {$ENV} placeholders, "{" glued to text, etc.
  quoted,       // "..." opened at the start of a token; may span lines; only \" is an escape
  open_brace,   // a "{" standing alone
  close_brace,  // a "}" standing alone
  space,        // spaces, tabs, a lone \r and the other Unicode spaces Go's unicode.IsSpace knows
  newline,      // "\n" or "\r\n"
  comment,      // "#" to the end of the line; mid-token "#" only to the next space (as in Caddy)
  bom,          // a leading UTF-8 byte order mark, which CoreDNS discards
};

struct Token {
  TokenKind kind = TokenKind::word;
  std::uint32_t begin = 0;  // byte offset into the lexed text
  std::uint32_t end = 0;    // one past the last byte
};

// Covers the input exactly: tokens are contiguous, the first begins at 0 and the last ends at
// source.size(). Never fails; linear in the input. Inputs must be smaller than 4 GiB.
std::vector<Token> lex(std::string_view source);

inline bool is_trivia(TokenKind kind) {
  return kind == TokenKind::space || kind == TokenKind::newline || kind == TokenKind::comment ||
         kind == TokenKind::bom;
}

// The token's bytes as they are in the file.
inline std::string_view token_text(std::string_view source, const Token& token) {
  return source.substr(token.begin, token.end - token.begin);
}

// The value CoreDNS sees: a quoted token without its quotes and with \" unescaped; others verbatim.
std::string token_value(std::string_view source, const Token& token);

// Does a quoted token end with its closing quote? One that runs to the end of the file does not.
bool quote_is_closed(std::string_view quoted_text);

// Length in bytes of the Unicode space (as Go's unicode.IsSpace) starting at `at`, or 0. "\n"
// counts.
std::size_t space_length(std::string_view source, std::size_t at);

}  // namespace meshdns::corefile
