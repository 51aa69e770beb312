#include "corefile/set_aside.hpp"

#include "corefile/lexer.hpp"
#include "corefile/zone_key.hpp"

#include <meshdns/text.hpp>

#include <optional>

namespace meshdns::corefile {

namespace {

std::string saved_marker(std::string_view zone) {
  return cat("# meshdns-saved[", zone, "] ");
}

std::string key_marker(std::string_view zone) {
  return cat("# meshdns-key[", zone, "] ");
}

std::size_t line_start(std::string_view source, std::size_t offset) {
  const std::size_t newline = source.rfind('\n', offset == 0 ? 0 : offset - 1);
  return offset == 0 || newline == std::string_view::npos ? 0 : newline + 1;
}

// One past the line's "\n" (or the end of the text).
std::size_t line_end(std::string_view source, std::size_t offset) {
  const std::size_t newline = source.find('\n', offset);
  return newline == std::string_view::npos ? source.size() : newline + 1;
}

bool only_blanks(std::string_view text) {
  return text.find_first_not_of(" \t") == std::string_view::npos;
}

// Only spaces and maybe a comment up to the line break.
bool only_trailer(std::string_view text) {
  const std::size_t first = text.find_first_not_of(" \t\r\n");
  return first == std::string_view::npos || text[first] == '#';
}

// The key line without the key `wanted` and the space that separated it from the next (or the
// previous) key; nullopt when no other key stays on the line.
std::optional<std::string> without_key(std::string_view line, std::string_view zone) {
  const std::vector<Token> tokens = lex(line);
  const ZoneKey wanted{"dns", fully_qualified(zone), "53"};
  std::size_t words = 0;
  std::optional<std::size_t> found;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (tokens[i].kind != TokenKind::word) {
      continue;
    }
    ++words;
    if (!found && parse_zone_key(token_text(line, tokens[i])) == wanted) {
      found = i;
    }
  }
  if (!found || words < 2) {
    return std::nullopt;
  }
  const std::size_t at = *found;
  std::size_t cut_begin = tokens[at].begin;
  std::size_t cut_end = tokens[at].end;
  if (at + 2 < tokens.size() && tokens[at + 1].kind == TokenKind::space &&
      tokens[at + 2].kind == TokenKind::word) {
    cut_end = tokens[at + 1].end;  // "internal:53 .:53 {": the key and the space after it
  } else if (at >= 2 && tokens[at - 1].kind == TokenKind::space &&
             tokens[at - 2].kind == TokenKind::word) {
    cut_begin = tokens[at - 1].begin;  // ".:53 internal:53 {": the space before it and the key
  } else {
    return std::nullopt;
  }
  std::string out(line.substr(0, cut_begin));
  out.append(line.substr(cut_end));
  return out;
}

Error cannot_set_aside(const Document& document, TokenIndex token, std::string_view why) {
  return fail(Errc::refused, "cannot set the user's lines aside, even with --force",
              cat("line ", document.line_of(token), ": ", why),
              "move that block or line to lines of its own, or edit the Corefile by hand");
}

}  // namespace

Result<std::vector<Edit>> set_aside_lines(const Document& document, TokenIndex first,
                                          TokenIndex last, std::string_view zone) {
  const std::string_view source = document.source();
  const std::size_t begin = line_start(source, begin_of(document, first));
  const std::size_t end = line_end(source, end_of(document, last));
  if (!only_blanks(source.substr(begin, begin_of(document, first) - begin)) ||
      !only_trailer(source.substr(end_of(document, last), end - end_of(document, last)))) {
    return cannot_set_aside(document, first, "other lines' words share its first or last line");
  }
  const std::string marker = saved_marker(zone);
  std::vector<Edit> edits = {Edit{begin, begin, marker}};
  for (std::size_t at = source.find('\n', begin); at != std::string_view::npos && at + 1 < end;
       at = source.find('\n', at + 1)) {
    edits.push_back(Edit{at + 1, at + 1, marker});
  }
  return edits;
}

Result<std::vector<Edit>> set_aside_key(const Document& document, TokenIndex key,
                                        std::string_view zone) {
  const std::string_view source = document.source();
  const std::size_t begin = line_start(source, begin_of(document, key));
  const std::size_t end = line_end(source, begin_of(document, key));
  const std::string_view line = source.substr(begin, end - begin);
  const std::optional<std::string> rest = without_key(line, zone);
  if (!rest) {
    return cannot_set_aside(document, key,
                            "the zone's key shares its block with keys on other lines");
  }
  std::string text = cat(key_marker(zone), line);
  if (line.empty() || line.back() != '\n') {
    text += '\n';  // the file ended on the key line; restore_set_aside takes this one away
  }
  text += *rest;
  return std::vector<Edit>{Edit{begin, end, std::move(text)}};
}

std::vector<Edit> restore_set_aside(const Document& document, std::string_view zone) {
  const std::string_view source = document.source();
  const std::string saved = saved_marker(zone);
  const std::string keyed = key_marker(zone);
  std::vector<Edit> edits;
  for (std::size_t begin = 0; begin < source.size();) {
    const std::size_t end = line_end(source, begin);
    const std::string_view line = source.substr(begin, end - begin);
    if (starts_with(line, saved)) {
      edits.push_back(Edit{begin, begin + saved.size(), ""});
    } else if (starts_with(line, keyed) && end < source.size()) {
      const std::string_view original = line.substr(keyed.size());
      const std::size_t next_end = line_end(source, end);
      const std::string_view next = source.substr(end, next_end - end);
      std::string original_line(original);
      if (next_end == source.size() && (next.empty() || next.back() != '\n') &&
          !original_line.empty() && original_line.back() == '\n') {
        original_line.pop_back();  // the line break set_aside_key added at the end of the file
      }
      if (without_key(original_line, zone) == std::optional<std::string>(next)) {
        edits.push_back(Edit{begin, next_end, original_line});
        begin = next_end;
        continue;
      }
    }
    begin = end;
  }
  return edits;
}

bool has_set_aside(std::string_view source, std::string_view zone) {
  return source.find(saved_marker(zone)) != std::string_view::npos ||
         source.find(key_marker(zone)) != std::string_view::npos;
}

}  // namespace meshdns::corefile
