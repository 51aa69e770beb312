#include "corefile/lexer.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace meshdns::corefile {
namespace {

char kind_letter(TokenKind kind) {
  switch (kind) {
    case TokenKind::word:
      return 'w';
    case TokenKind::quoted:
      return 'q';
    case TokenKind::open_brace:
      return '{';
    case TokenKind::close_brace:
      return '}';
    case TokenKind::space:
      return 's';
    case TokenKind::newline:
      return 'n';
    case TokenKind::comment:
      return 'c';
    case TokenKind::bom:
      return 'b';
  }
  return '?';
}

// "w[foo] s[ ] {[{]": each token as its kind letter and its exact bytes.
std::string describe(std::string_view source) {
  std::string out;
  for (const Token& token : lex(source)) {
    if (!out.empty()) {
      out.push_back(' ');
    }
    out.push_back(kind_letter(token.kind));
    out.append("[").append(token_text(source, token)).append("]");
  }
  return out;
}

std::string joined(std::string_view source) {
  std::string out;
  for (const Token& token : lex(source)) {
    out.append(token_text(source, token));
  }
  return out;
}

TEST_CASE("corefile::lex", "[corefile][lexer]") {
  struct Row {
    std::string_view source;
    std::string_view tokens;
  };
  const Row rows[] = {
      {"", ""},
      {".:53 {\n", "w[.:53] s[ ] {[{] n[\n]"},
      {"a\r\nb", "w[a] n[\r\n] w[b]"},
      {"a\rb", "w[a] s[\r] w[b]"},  // a lone \r is ignored (a space), but kept
      {"a \r\n", "w[a] s[ ] n[\r\n]"},
      {"\t\tforward . 1.1.1.1", "s[\t\t] w[forward] s[ ] w[.] s[ ] w[1.1.1.1]"},
      {"# all of it } {\nx", "c[# all of it } {] n[\n] w[x]"},
      {"# comment\r\n", "c[# comment] n[\r\n]"},
      {"x # after\n", "w[x] s[ ] c[# after] n[\n]"},
      // Caddy: '#' inside a token hides only up to the next space; the rest of the line is lexed.
      {"foo#bar baz\n", "w[foo] c[#bar] s[ ] w[baz] n[\n]"},
      {"cluster.local:53{", "w[cluster.local:53{]"},
      {"{$ENV} {%ENV%}", "w[{$ENV}] s[ ] w[{%ENV%}]"},
      {"match \"^(?:[^.]+\\.){4,}\" x", "w[match] s[ ] q[\"^(?:[^.]+\\.){4,}\"] s[ ] w[x]"},
      {"\"a b\nc\"", "q[\"a b\nc\"]"},  // quotes may span lines
      {"\"say \\\"hi\\\"\" x", "q[\"say \\\"hi\\\"\"] s[ ] w[x]"},
      {"\"open to the end", "q[\"open to the end]"},  // unterminated: to the end, as CoreDNS does
      {"a\"b\" c", "w[a\"b\"] s[ ] w[c]"},            // a quote opens only at a token's start
      {"\"a\"b", "q[\"a\"] w[b]"},                    // a closing quote ends the token
      {"\"a\"\"b\"", "q[\"a\"] q[\"b\"]"},
      {"\"#\" x", "q[\"#\"] s[ ] w[x]"},
      {"{}", "w[{}]"},  // braces are structural only when they stand alone
      {"} }", "}[}] s[ ] }[}]"},
      {"\xEF\xBB\xBF.:53", "b[\xEF\xBB\xBF] w[.:53]"},
      {"a\xC2\xA0"
       "b",
       "w[a] s[\xC2\xA0] w[b]"},  // U+00A0 is a space to Go
      {"a\xE3\x80\x80"
       "b\xE2\x80\x8B",
       "w[a] s[\xE3\x80\x80] w[b\xE2\x80\x8B]"},  // U+200B is not
      {"\xFF\xFE {", "w[\xFF\xFE] s[ ] {[{]"},
      {"a \v\f b", "w[a] s[ \v\f ] w[b]"},
  };
  for (const Row& row : rows) {
    INFO(row.source);
    CHECK(describe(row.source) == row.tokens);
    CHECK(joined(row.source) == row.source);
  }
}

TEST_CASE("corefile::token_value", "[corefile][lexer]") {
  struct Row {
    std::string_view source;
    std::string_view value;
  };
  const Row rows[] = {
      {"plain", "plain"},       {"\"a b\"", "a b"}, {"\"say \\\"hi\\\"\"", "say \"hi\""},
      {"\"a\\\\b\"", "a\\\\b"},  // only \" is an escape: other backslashes stay
      {"\"a\\nb\"", "a\\nb"},   {"\"open", "open"}, {"\"{\"", "{"},
  };
  for (const Row& row : rows) {
    INFO(row.source);
    const std::vector<Token> tokens = lex(row.source);
    REQUIRE(tokens.size() == 1);
    CHECK(token_value(row.source, tokens.front()) == row.value);
  }
}

TEST_CASE("corefile::lex covers any bytes", "[corefile][lexer]") {
  // Every byte value at every position class: the token texts always join back to the input.
  std::string all;
  for (int byte = 0; byte < 256; ++byte) {
    all.push_back(static_cast<char>(byte));
    all.append(byte % 3 == 0 ? " \"" : "#\r");
  }
  for (std::size_t cut = 0; cut < all.size(); cut += 37) {
    const std::string_view source = std::string_view(all).substr(cut);
    INFO(cut);
    REQUIRE(joined(source) == source);
    std::uint32_t expected_begin = 0;
    for (const Token& token : lex(source)) {
      CHECK(token.begin == expected_begin);
      CHECK(token.end > token.begin);
      expected_begin = token.end;
    }
  }
}

}  // namespace
}  // namespace meshdns::corefile
