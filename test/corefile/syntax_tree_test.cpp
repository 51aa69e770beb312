#include "corefile/syntax_tree.hpp"

#include <meshdns/text.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <string_view>

namespace meshdns::corefile {
namespace {

std::string describe(const Document& doc, const Directive& directive) {
  std::string out = doc.value(directive.name);
  for (TokenIndex arg : directive.args) {
    out += cat(" ", doc.value(arg));
  }
  if (directive.open) {
    out += " {";
    for (const Directive& child : directive.children) {
      out += cat(" ", describe(doc, child), ";");
    }
    out += directive.close ? " }" : " <unclosed>";
  }
  return out;
}

// "[.:53]{errors; forward . x { except y; }}" per block; snippets as (name), imports as import[..].
std::string describe(const Document& doc) {
  std::string out;
  for (const ServerBlock& block : doc.blocks()) {
    std::string keys;
    for (TokenIndex key : block.keys) {
      keys += cat(keys.empty() ? "" : " ", doc.value(key));
    }
    if (block.kind == BlockKind::import) {
      out += cat("import[", keys, "]");
      continue;
    }
    out += cat(block.kind == BlockKind::snippet ? "snippet" : "", "[", keys, "]");
    out += block.glued_brace ? "{glued " : (block.open ? "{" : "<no brace>");
    for (const Directive& directive : block.directives) {
      out += cat(describe(doc, directive), "; ");
    }
    out += block.close ? "}" : (block.open ? "<unclosed>" : "");
  }
  return out;
}

std::string diagnostics(const Document& doc) {
  std::string out;
  for (const Finding& finding : doc.diagnostics()) {
    out += cat(out.empty() ? "" : " | ", finding.line, ": ", finding.message);
  }
  return out;
}

TEST_CASE("corefile::parse", "[corefile][syntax_tree]") {
  struct Row {
    std::string_view source;
    std::string_view tree;
    std::string_view diagnostics;
  };
  const Row rows[] = {
      {".:53 {\n  errors\n  forward . /etc/resolv.conf {\n    except internal\n  }\n}\n",
       "[.:53]{errors; forward . /etc/resolv.conf { except internal; }; }", ""},
      {"example.org example.com:53 {\n whoami\n}", "[example.org example.com:53]{whoami; }", ""},
      {"a.org,\n b.org {\n whoami\n}\n", "[a.org, b.org]{whoami; }", ""},
      {"(common) {\n errors\n}\n.:53 {\n import common\n}\n",
       "snippet[(common)]{errors; }[.:53]{import common; }", ""},
      {"import custom/*.server\n", "import[custom/*.server]", ""},
      {"localhost\nwhoami\nlog\n", "[localhost]<no brace>whoami; log; ", ""},
      {". {\n forward . 1.1.1.1\n {\n  except x\n }\n}\n",  // "{" on the next line still opens
       "[.]{forward . 1.1.1.1 { except x; }; }", ""},
      {"cluster.local:53{\n errors\n}\n", "[cluster.local:53{]{glued errors; }",
       "1: Site addresses cannot end with a curly brace: 'cluster.local:53{'"},
      {". { bind 127.0.0.1 }\n", "[.]{bind 127.0.0.1; }",
       "1: Unexpected '}' because no matching opening brace"},
      {".:53 {\n errors\n", "[.:53]{errors; <unclosed>",
       "1: Unexpected EOF: the '{' on line 1 is never closed"},
      {". {\n}\n}\n", "[.]{}", "3: Unexpected '}' because no matching opening brace"},
      {". {\n forward . x {\n", "[.]{forward . x { <unclosed>; <unclosed>",
       "2: Unexpected EOF: the '{' on line 2 is never closed | 1: Unexpected EOF: the '{' on line "
       "1 "
       "is never closed"},
      {"\"a b\" {\n log \"{\" }\n}\n", "[a b]{log { }; }", ""},  // a quoted "{" is a brace to Caddy
      {"{$ZONE}:53 {\n forward . {$UPSTREAM}\n}\n", "[{$ZONE}:53]{forward . {$UPSTREAM}; }", ""},
      {"", "", ""},
      {"# only a comment\n", "", ""},
      {"import \"a\\\"\n", "import[a\"\n]",  // the \" does not close it
       "1: unterminated quoted string: it runs to the end of the file"},
  };
  for (const Row& row : rows) {
    INFO(row.source);
    const Document doc = parse(std::string(row.source));
    CHECK(describe(doc) == row.tree);
    CHECK(diagnostics(doc) == row.diagnostics);
    CHECK(print(doc) == row.source);
  }
}

// Issue #17: a ~240 KB Corefile nested 30,000 levels deep crashed lint, patch and status (the
// parser, and every walker of its tree, recursed once per level).
TEST_CASE("corefile::parse bounds nesting", "[corefile][syntax_tree][hardening]") {
  const auto nested = [](std::size_t depth, bool closed) {
    std::string text = ".:53 {\n";
    for (std::size_t i = 0; i < depth; ++i) {
      text += "a {\n";
    }
    for (std::size_t i = 0; closed && i < depth; ++i) {
      text += "}\n";
    }
    return text + (closed ? "}\n" : "");
  };
  const auto errors_of = [](const Document& doc) {
    std::string out;
    for (const Finding& finding : doc.diagnostics()) {
      out += cat(finding.line, ": ", finding.message, "\n");
    }
    return out;
  };

  const std::string deepest_allowed = nested(100, true);
  CHECK(errors_of(parse(deepest_allowed)).empty());

  const std::string deep = nested(30'000, true);
  const Document doc = parse(deep);
  CHECK(print(doc) == deep);
  CHECK(errors_of(doc) == "102: blocks nest deeper than 100 levels\n");
  REQUIRE(doc.blocks().size() == 1);
  CHECK(doc.blocks().front().close.has_value());

  const std::string unclosed = nested(30'000, false);
  const Document open_doc = parse(unclosed);
  CHECK(print(open_doc) == unclosed);
  const std::string errors = errors_of(open_doc);
  CHECK(errors.find("102: blocks nest deeper than 100 levels\n") != std::string::npos);
  CHECK(errors.find("102: Unexpected EOF: the '{' on line 102 is never closed\n") !=
        std::string::npos);

  // The engine's entry points on the same input: refused with the line, no crash.
  const std::vector<Finding> findings = lint(deep, Version{1, 11, 1});
  const bool named = std::any_of(findings.begin(), findings.end(), [](const Finding& finding) {
    return finding.line == 102 && finding.message == "blocks nest deeper than 100 levels";
  });
  CHECK(named);
  PatchOptions options;
  options.upstream = "10.96.0.60";
  options.coredns_version = Version{1, 11, 1};
  CHECK_FALSE(patch(deep, options).has_value());
}

TEST_CASE("corefile::Document::line_of", "[corefile][syntax_tree]") {
  const Document doc = parse("a {\r\n\r\n  b \"x\ny\" c\n}");
  const std::vector<Token>& tokens = doc.tokens();
  std::string lines;
  for (TokenIndex i = 0; i < tokens.size(); ++i) {
    if (!is_trivia(tokens[i].kind)) {
      lines += cat(doc.text(i), "@", doc.line_of(i), " ");
    }
  }
  CHECK(lines == "a@1 {@1 b@3 \"x\ny\"@3 c@4 }@5 ");
}

}  // namespace
}  // namespace meshdns::corefile
