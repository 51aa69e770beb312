#include "corefile/syntax_tree.hpp"

#include <meshdns/text.hpp>

#include <algorithm>
#include <utility>

namespace meshdns::corefile {
namespace {

// How deeply sub-blocks may nest inside a directive. CoreDNS's plugins use one level (forward's,
// kubernetes's), two at most; the bound keeps the parser, and every walker of the tree after it,
// from recursing once per "{" of a hostile file (30,000 levels overflowed the stack).
constexpr std::size_t k_max_nesting = 100;

}  // namespace

// Walks the significant tokens (trivia skipped) the way Caddy's dispenser does;
// `m_newline_before[k]` answers Caddy's isNewLine() for the k-th significant token.
class Parser {
 public:
  explicit Parser(Document& document) : m_doc(document) {
    const auto& tokens = m_doc.m_tokens;
    m_significant.reserve(tokens.size() / 2);
    m_newline_before.reserve(tokens.size() / 2);
    bool newline = true;
    for (TokenIndex i = 0; i < tokens.size(); ++i) {
      if (tokens[i].kind == TokenKind::newline) {
        newline = true;
      } else if (!is_trivia(tokens[i].kind)) {
        m_significant.push_back(i);
        m_newline_before.push_back(newline);
        newline = false;
      }
    }
  }

  void run() {
    // CoreDNS takes an unclosed quote to the end of the file without a word; we refuse it, since
    // anything appended after it would become part of the string.
    for (TokenIndex index : m_significant) {
      if (m_doc.kind(index) == TokenKind::quoted && !quote_is_closed(m_doc.text(index))) {
        report(index, "unterminated quoted string: it runs to the end of the file",
               "close the string with '\"'");
      }
    }
    while (!at_end()) {
      parse_top_level_item();
    }
  }

 private:
  bool at_end() const { return m_at >= m_significant.size(); }
  TokenIndex token() const { return m_significant[m_at]; }
  bool new_line() const { return m_newline_before[m_at]; }
  std::string value() const { return m_doc.value(token()); }
  // Caddy compares token values, so a quoted "{" is a brace too.
  bool is_open() const {
    const TokenKind kind = m_doc.kind(token());
    return kind == TokenKind::open_brace || (kind == TokenKind::quoted && value() == "{");
  }
  bool is_close() const {
    const TokenKind kind = m_doc.kind(token());
    return kind == TokenKind::close_brace || (kind == TokenKind::quoted && value() == "}");
  }
  // The last byte of the value, without building it for unquoted tokens.
  char last_byte() const {
    if (m_doc.kind(token()) == TokenKind::quoted) {
      const std::string text = value();
      return text.empty() ? '\0' : text.back();
    }
    return m_doc.text(token()).back();
  }

  void report(TokenIndex at, std::string message, std::string fix) {
    m_doc.m_diagnostics.push_back(
        Finding{Severity::error, m_doc.line_of(at), std::move(message), std::move(fix)});
  }

  void parse_top_level_item() {
    ServerBlock block;
    block.first = token();
    if (is_close()) {
      report(token(), "Unexpected '}' because no matching opening brace",
             "remove the extra '}' or open its block with '{'");
      ++m_at;
      return;
    }
    if (m_doc.value_is(token(), "import")) {
      block.kind = BlockKind::import;
      block.last = token();
      for (++m_at; !at_end() && !new_line(); ++m_at) {
        block.keys.push_back(token());
        block.last = token();
      }
      m_doc.m_blocks.push_back(std::move(block));
      return;
    }
    parse_keys(block);
    if (!block.glued_brace && !at_end() && is_open()) {
      block.open = token();
      ++m_at;
    }
    if (block.keys.size() == 1) {
      const std::string key = m_doc.value(block.keys.front());
      if (key.size() >= 2 && key.front() == '(' && key.back() == ')') {
        block.kind = BlockKind::snippet;
      }
    }
    block.last = block.open.value_or(block.keys.empty() ? block.first : block.keys.back());
    if (block.open || !at_end()) {
      parse_body(block);  // without "{" CoreDNS reads directives up to a "}" or the end of the file
    }
    if (block.open && !block.close) {
      report(
          *block.open,
          cat("Unexpected EOF: the '{' on line ", m_doc.line_of(*block.open), " is never closed"),
          "add the missing '}'");
    }
    m_doc.m_blocks.push_back(std::move(block));
  }

  // Caddy's addresses(): keys up to "{" or the end of the line; a trailing comma continues the
  // list.
  void parse_keys(ServerBlock& block) {
    bool expecting_another = false;
    while (!at_end() && !is_open()) {
      block.keys.push_back(token());
      const char last = last_byte();
      if (last == '{' && m_doc.kind(token()) == TokenKind::word) {
        const std::string_view key = m_doc.text(token());
        report(token(), cat("Site addresses cannot end with a curly brace: '", key, "'"),
               cat("put a space before the brace: '", key.substr(0, key.size() - 1), " {'"));
        block.glued_brace = true;
        block.open = token();
        ++m_at;
        return;
      }
      expecting_another = last == ',';
      ++m_at;
      if (!at_end() && !expecting_another && new_line()) {
        return;
      }
    }
  }

  void parse_body(ServerBlock& block) {
    while (!at_end()) {
      if (is_close()) {
        block.close = token();
        block.last = token();
        ++m_at;
        return;
      }
      Directive directive = parse_directive(/*in_sub_block=*/false);
      block.last = directive.last;
      block.directives.push_back(std::move(directive));
    }
  }

  // Caddy's directive(): the name and every token to the end of its line; "{" is checked before the
  // line end, so a "{" at the start of the next line still opens this directive's sub-block.
  Directive parse_directive(bool in_sub_block) {
    Directive directive;
    directive.name = token();
    directive.last = token();
    for (++m_at; !at_end();) {
      if (is_open()) {
        if (!directive.open) {
          directive.open = token();
        }
        directive.last = token();
        ++m_at;
        if (m_nesting == k_max_nesting) {
          skip_sub_block(directive);
          continue;
        }
        ++m_nesting;
        parse_sub_block(directive);
        --m_nesting;
        continue;
      }
      if (new_line()) {
        break;
      }
      if (is_close()) {
        if (!in_sub_block) {
          report(token(), "Unexpected '}' because no matching opening brace",
                 "put the '}' that closes the block on a line of its own");
        }
        break;  // it closes the enclosing block
      }
      directive.args.push_back(token());
      directive.last = token();
      ++m_at;
    }
    return directive;
  }

  void parse_sub_block(Directive& directive) {
    while (!at_end()) {
      if (is_close()) {
        directive.close = token();
        directive.last = token();
        ++m_at;
        return;
      }
      Directive child = parse_directive(/*in_sub_block=*/true);
      directive.last = child.last;
      directive.children.push_back(std::move(child));
    }
    report(
        *directive.open,
        cat("Unexpected EOF: the '{' on line ", m_doc.line_of(*directive.open), " is never closed"),
        "add the missing '}'");
  }

  // Past k_max_nesting: the sub-block's tokens up to its matching "}" are taken without building
  // a tree from them (a loop and a counter, no recursion), and the file is refused once, at the
  // first "{" too deep.
  void skip_sub_block(Directive& directive) {
    const TokenIndex too_deep = m_significant[m_at - 1];  // the "{" just taken
    if (!m_reported_nesting) {
      m_reported_nesting = true;
      report(too_deep, cat("blocks nest deeper than ", k_max_nesting, " levels"),
             "CoreDNS plugins nest one or two levels; remove the extra '{' and '}'");
    }
    std::size_t open = 1;
    for (; !at_end(); ++m_at) {
      open += is_open() ? 1 : 0;
      if (is_close() && --open == 0) {
        directive.close = token();
        directive.last = token();
        ++m_at;
        return;
      }
      directive.last = token();
    }
    report(too_deep,
           cat("Unexpected EOF: the '{' on line ", m_doc.line_of(too_deep), " is never closed"),
           "add the missing '}'");
  }

  Document& m_doc;
  std::size_t m_nesting = 0;
  bool m_reported_nesting = false;
  std::vector<TokenIndex> m_significant;
  std::vector<bool> m_newline_before;
  std::size_t m_at = 0;
};

Document::Document(std::string source) : m_source(std::move(source)) {
  m_tokens = lex(m_source);
  m_line_starts.push_back(0);
  for (std::size_t at = m_source.find('\n'); at != std::string::npos;
       at = m_source.find('\n', at + 1)) {
    m_line_starts.push_back(at + 1);
  }
}

std::size_t Document::line_of_offset(std::size_t offset) const {
  const auto after = std::upper_bound(m_line_starts.begin(), m_line_starts.end(), offset);
  return static_cast<std::size_t>(after - m_line_starts.begin());
}

Document parse(std::string source) {
  Document document(std::move(source));
  Parser(document).run();
  return document;
}

std::string print(const Document& document) {
  std::string out;
  out.reserve(document.source().size());
  for (const Token& token : document.tokens()) {
    out.append(token_text(document.source(), token));
  }
  return out;
}

}  // namespace meshdns::corefile
