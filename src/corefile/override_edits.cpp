// The k3s/AKS form of the coredns backend: rewrite lines in the body of a `coredns-custom` key
// ending `.override`, which the platform's Corefile imports inside its `.:53` block. The body holds
// bare directives, not server blocks, so it is edited line by line over the lexer's tokens (every
// byte a token, as for whole Corefiles) and linted inside a stand-in `.:53 { }`.

#include "corefile/editing.hpp"
#include "corefile/layout.hpp"
#include "corefile/lexer.hpp"
#include "corefile/rewrite_rules.hpp"

#include <meshdns/corefile/engine.hpp>
#include <meshdns/corefile/rewrite.hpp>
#include <meshdns/text.hpp>

#include <optional>
#include <unordered_map>
#include <unordered_set>
#include <utility>

namespace meshdns::corefile {

namespace {

// One line of the body: [begin, end) without its line break, which runs to `next`.
struct Line {
  std::size_t begin = 0;
  std::size_t end = 0;
  std::size_t next = 0;      // after the line break; == end on the last line
  std::vector<Token> words;  // significant tokens
  bool comment = false;
  std::optional<ToolRewrite> tool;      // the tool's line, exactly
  std::optional<std::string> rewrites;  // the alias any exact name rule on it renames
};

struct Body {
  std::string_view text;
  std::vector<Line> lines;
  std::string newline = "\n";
  std::string indent;  // of the first line that holds a directive
};

Body read_body(std::string_view text) {
  Body body{text, {}, "\n", ""};
  const std::vector<Token> tokens = lex(text);
  bool newline_seen = false;
  bool indent_seen = false;
  Line line;
  const auto finish = [&](std::size_t end, std::size_t next) {
    line.end = end;
    line.next = next;
    std::vector<std::string_view> words;
    std::vector<std::string> values;
    bool all_words = true;
    for (const Token& token : line.words) {
      words.push_back(token_text(text, token));
      values.push_back(token_value(text, token));
      all_words = all_words && token.kind == TokenKind::word;
    }
    if (!values.empty() && values.front() == "rewrite") {
      line.rewrites = exact_rewrite_source(values);
      if (all_words && !line.comment) {
        line.tool = tool_rewrite_words(words);
      }
    }
    if (!indent_seen && !line.words.empty()) {
      indent_seen = true;
      body.indent = std::string(text.substr(line.begin, line.words.front().begin - line.begin));
    }
    body.lines.push_back(std::move(line));
    line = Line{};
    line.begin = next;
  };
  for (const Token& token : tokens) {
    if (token.kind == TokenKind::newline) {
      if (!newline_seen) {
        newline_seen = true;
        body.newline = std::string(token_text(text, token));
      }
      finish(token.begin, token.end);
    } else if (token.kind == TokenKind::comment) {
      line.comment = true;
    } else if (!is_trivia(token.kind)) {
      line.words.push_back(token);
    }
  }
  if (line.begin < text.size()) {
    finish(text.size(), text.size());
  }
  if (body.indent.find_first_not_of(" \t") != std::string::npos) {
    body.indent.clear();  // a BOM or other space: indent nothing rather than copy it
  }
  return body;
}

// Lints the body where CoreDNS reads it, inside `.:53 { }`; line numbers are the body's own.
std::optional<Error> lint_body(std::string_view body, Version version, std::string_view verb) {
  const std::string wrapped = cat(".:53 {\n", body, "\n}\n");
  for (const Finding& finding : lint(wrapped, version)) {
    if (finding.severity != Severity::error) {
      continue;
    }
    Finding own = finding;
    own.line = finding.line > 1 ? finding.line - 1 : 1;
    return refusal(cat(verb, " of the .override body: CoreDNS ", version.str(), " would refuse it"),
                   own);
  }
  return std::nullopt;
}

}  // namespace

Result<std::string> patch_override(std::string_view body, const RewriteOptions& options,
                                   std::string_view cluster_domain) {
  Result<std::vector<AliasRewrite>> aliases = checked_aliases(options, /*targets=*/true);
  if (!aliases) {
    return std::move(aliases).error();
  }
  const Version version = options.coredns_version;
  if (auto error = refuse_old_coredns(version)) {
    return std::move(*error);
  }
  if (auto error = lint_body(body, version, "patch")) {
    return std::move(*error);
  }
  const std::vector<std::string> domains = {without_trailing_dot(to_lower(cluster_domain))};
  const Body parsed = read_body(body);
  // The lines by alias, read once: a body may hold thousands.
  std::unordered_map<std::string, std::vector<std::size_t>> tool;
  std::unordered_map<std::string, std::size_t> other;
  for (std::size_t i = 0; i < parsed.lines.size(); ++i) {
    const Line& line = parsed.lines[i];
    if (line.tool) {
      tool[line.tool->alias].push_back(i);
    } else if (line.rewrites) {
      other.emplace(*line.rewrites, i);
    }
  }
  std::vector<Edit> edits;
  std::vector<std::string> added;
  for (const AliasRewrite& alias : *aliases) {
    Result<std::string> target =
        target_in(alias, domains, cat("the cluster domain ", domains.front()));
    if (!target) {
      return std::move(target).error();
    }
    if (const auto user = other.find(alias.alias); user != other.end()) {
      return fail(Errc::refused, cat("cannot alias ", alias.alias, " with a rewrite line"),
                  cat("line ", user->second + 1,
                      " of the .override body already rewrites it, in a form this tool does not "
                      "write"),
                  "remove that line, or keep it and leave this alias to it");
    }
    const auto lines = tool.find(alias.alias);
    if (lines == tool.end()) {
      added.push_back(tool_rewrite_line(alias.alias, *target));
      continue;
    }
    for (const std::size_t i : lines->second) {
      const Line& line = parsed.lines[i];
      if (line.tool->target != *target) {
        const Token& old = line.words.back();
        edits.push_back(Edit{old.begin, old.end, *target});
      }
    }
  }
  if (!added.empty()) {
    // After the last line, in the body's newline bytes; a body without a final newline keeps none.
    const bool open_end = !body.empty() && parsed.lines.back().next == parsed.lines.back().end;
    std::string text;
    for (const std::string& line : added) {
      text += open_end ? cat(parsed.newline, parsed.indent, line)
                       : cat(parsed.indent, line, parsed.newline);
    }
    edits.push_back(Edit{body.size(), body.size(), std::move(text)});
  }
  std::string out = apply_edits(body, std::move(edits));
  if (auto error = lint_body(out, version, "patch")) {
    return std::move(*error);
  }
  return out;
}

Result<std::string> unpatch_override(std::string_view body, const RewriteOptions& options) {
  Result<std::vector<AliasRewrite>> aliases = checked_aliases(options, /*targets=*/false);
  if (!aliases) {
    return std::move(aliases).error();
  }
  const Body parsed = read_body(body);
  const std::vector<Line>& lines = parsed.lines;
  std::unordered_set<std::string> names;
  for (const AliasRewrite& alias : *aliases) {
    names.insert(alias.alias);
  }
  std::vector<bool> removed(lines.size(), false);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    removed[i] = lines[i].tool && names.count(lines[i].tool->alias) > 0;
  }
  // The inverse of the append: each line with its own break; but when the body ends without a
  // final newline, the removed lines at its end go with the break before them.
  std::size_t tail = lines.size();
  if (!lines.empty() && lines.back().next == lines.back().end) {
    while (tail > 0 && removed[tail - 1]) {
      --tail;
    }
  }
  std::vector<Edit> edits;
  for (std::size_t i = 0; i < tail; ++i) {
    if (removed[i]) {
      edits.push_back(Edit{lines[i].begin, lines[i].next, ""});
    }
  }
  if (tail < lines.size()) {
    edits.push_back(Edit{tail == 0 ? 0 : lines[tail - 1].end, body.size(), ""});
  }
  return apply_edits(body, std::move(edits));
}

std::vector<AliasRewrite> override_rewrites(std::string_view body) {
  std::vector<AliasRewrite> out;
  for (const Line& line : read_body(body).lines) {
    if (line.tool) {
      out.push_back({line.tool->alias, line.tool->target, "", ""});
    }
  }
  return out;
}

}  // namespace meshdns::corefile
