#pragma once

// A lossless syntax tree over the token stream of one Corefile. Blocks and directives only index
// tokens; the tokens cover every byte, so print(parse(s)) == s for any bytes, valid Corefile or
// not. The structure follows CoreDNS's Caddyfile parser (coredns/caddy caddyfile/parse.go): a
// server block is a line of keys and a { } body; a directive is a name and every token up to the
// end of its line, where a "{" anywhere in it (even on the next line) opens a sub-block that runs
// to its "}".

#include "corefile/lexer.hpp"

#include <meshdns/corefile/engine.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace meshdns::corefile {

using TokenIndex = std::size_t;  // into Document::tokens

struct Directive {
  TokenIndex name = 0;
  std::vector<TokenIndex> args;     // significant tokens of the line(s) outside the sub-block
  std::optional<TokenIndex> open;   // the sub-block's "{"
  std::optional<TokenIndex> close;  // its "}", absent when the file ends first
  std::vector<Directive> children;  // the lines inside the sub-block (e.g. forward's "except")
  TokenIndex last = 0;              // last significant token of the directive
};

enum class BlockKind : std::uint8_t {
  server,   // keys { directives }
  snippet,  // (name) { ... }: only checked where imported, so lint skips it
  import,   // a top-level "import PATTERN" line
};

struct ServerBlock {
  BlockKind kind = BlockKind::server;
  std::vector<TokenIndex> keys;     // for an import line: the pattern tokens
  std::optional<TokenIndex> open;   // "{", or the key token ending in "{" when glued_brace
  std::optional<TokenIndex> close;  // absent when the file ends first
  bool glued_brace = false;         // "cluster.local:53{": CoreDNS refuses, we read on as if spaced
  std::vector<Directive> directives;  // "import" lines in the body are directives named import
  TokenIndex first = 0;
  TokenIndex last = 0;  // last significant token of the block
};

class Document {
 public:
  explicit Document(std::string source);

  const std::string& source() const { return m_source; }
  const std::vector<Token>& tokens() const { return m_tokens; }
  const std::vector<ServerBlock>& blocks() const { return m_blocks; }
  // What CoreDNS's parser itself would refuse (braces, glued keys), with 1-based lines.
  const std::vector<Finding>& diagnostics() const { return m_diagnostics; }

  std::string_view text(TokenIndex index) const { return token_text(m_source, m_tokens[index]); }
  std::string value(TokenIndex index) const { return token_value(m_source, m_tokens[index]); }
  // value(index) == expected, without building the value for unquoted tokens.
  bool value_is(TokenIndex index, std::string_view expected) const {
    return m_tokens[index].kind == TokenKind::quoted ? value(index) == expected
                                                     : text(index) == expected;
  }
  TokenKind kind(TokenIndex index) const { return m_tokens[index].kind; }
  std::size_t line_of(TokenIndex index) const { return line_of_offset(m_tokens[index].begin); }
  std::size_t line_of_offset(std::size_t offset) const;

 private:
  friend class Parser;
  std::string m_source;
  std::vector<Token> m_tokens;
  std::vector<ServerBlock> m_blocks;
  std::vector<Finding> m_diagnostics;
  std::vector<std::size_t> m_line_starts;  // byte offset of the start of each line
};

// Total: any bytes in, a Document out; problems are in diagnostics(), never thrown.
Document parse(std::string source);

// The tokens' texts joined: parse(s) printed is s.
std::string print(const Document& document);

}  // namespace meshdns::corefile
