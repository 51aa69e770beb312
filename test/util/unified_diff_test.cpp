#include <meshdns/text.hpp>
#include <meshdns/unified_diff.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstddef>
#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace meshdns {
namespace {

constexpr DiffLabels k_labels{"before", "after"};

std::string numbers(int first, int last) {
  std::string out;
  for (int n = first; n <= last; ++n) {
    out += cat(n, '\n');
  }
  return out;
}

std::string replace_line(std::string text, std::string_view line, std::string_view with) {
  const std::size_t at = text.find(cat('\n', line, '\n'));
  REQUIRE(at != std::string::npos);
  return text.replace(at + 1, line.size(), with);
}

// Expected outputs are GNU diff 3.8's `diff -u --label before --label after`.
TEST_CASE("util::unified_diff", "[util][diff]") {
  struct Row {
    std::string name, before, after, expected;
  };
  const std::string twenty = numbers(1, 20);
  const std::string twelve = numbers(1, 12);
  const Row rows[] = {
      {"equal", "a\nb\n", "a\nb\n", ""},
      {"both empty", "", "", ""},
      {"one changed line", "a\nb\nc\n", "a\nB\nc\n",
       "--- before\n+++ after\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n"},
      {"final newline added", "a\nb", "a\nb\n",
       "--- before\n+++ after\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+b\n"},
      {"no final newline on either side", "x", "y",
       "--- before\n+++ after\n@@ -1 +1 @@\n-x\n\\ No newline at end of file\n+y\n"
       "\\ No newline at end of file\n"},
      {"crlf kept", "a\r\nb\r\n", "a\r\nB\r\n",
       "--- before\n+++ after\n@@ -1,2 +1,2 @@\n a\r\n-b\r\n+B\r\n"},
      {"crlf to lf is a change", "a\r\n", "a\n", "--- before\n+++ after\n@@ -1 +1 @@\n-a\r\n+a\n"},
      {"from empty", "", "x\n", "--- before\n+++ after\n@@ -0,0 +1 @@\n+x\n"},
      {"to empty", "x\ny\n", "", "--- before\n+++ after\n@@ -1,2 +0,0 @@\n-x\n-y\n"},
      {"insert in the middle", "a\nb\nc\nd\ne\nf\ng\nh\n", "a\nb\nc\nd\nX\ne\nf\ng\nh\n",
       "--- before\n+++ after\n@@ -2,6 +2,7 @@\n b\n c\n d\n+X\n e\n f\n g\n"},
      {"two hunks", twenty, replace_line(replace_line(twenty, "2", "two"), "19", "nineteen"),
       "--- before\n+++ after\n@@ -1,5 +1,5 @@\n 1\n-2\n+two\n 3\n 4\n 5\n"
       "@@ -16,5 +16,5 @@\n 16\n 17\n 18\n-19\n+nineteen\n 20\n"},
      {"changes 6 lines apart share a hunk", twelve,
       replace_line(replace_line(twelve, "2", "two"), "9", "nine"),
       "--- before\n+++ after\n@@ -1,12 +1,12 @@\n 1\n-2\n+two\n 3\n 4\n 5\n 6\n 7\n 8\n-9\n+nine\n"
       " 10\n 11\n 12\n"},
      {"deletions before insertions", "a\nb\nc\n", "x\ny\nc\n",
       "--- before\n+++ after\n@@ -1,3 +1,3 @@\n-a\n-b\n+x\n+y\n c\n"},
  };
  for (const Row& row : rows) {
    INFO(row.name);
    CHECK(unified_diff(row.before, row.after, k_labels) == row.expected);
  }
}

// --- Properties on random texts: the hunks rebuild `after`, and the diff is minimal ---

std::vector<std::string> lines_of(std::string_view text) {
  std::vector<std::string> lines;
  while (!text.empty()) {
    const std::size_t end = std::min(text.find('\n'), text.size() - 1) + 1;
    lines.emplace_back(text.substr(0, end));
    text.remove_prefix(end);
  }
  return lines;
}

// Applies a unified diff (as produced with any context) to `before`; counts its +/- lines.
std::string apply(const std::string& before, const std::string& diff, std::size_t& changed) {
  const std::vector<std::string> source = lines_of(before);
  std::vector<std::string> diff_lines = lines_of(diff);
  std::string out;
  std::size_t next = 0;  // next source line to copy
  changed = 0;
  for (std::size_t k = 2; k < diff_lines.size(); ++k) {
    const std::string& line = diff_lines[k];
    if (line.rfind("@@ -", 0) == 0) {
      // "@@ -START[,COUNT] ...": an empty range (COUNT 0) names the line before it.
      std::size_t digits = 0;
      const std::size_t start = std::stoul(line.substr(4), &digits);
      const bool empty_range = line.compare(4 + digits, 3, ",0 ") == 0;
      const std::size_t first = empty_range ? start : start - 1;
      while (next < first) {
        out += source[next++];
      }
      continue;
    }
    std::string text = line.substr(1);
    if (k + 1 < diff_lines.size() && diff_lines[k + 1] == "\\ No newline at end of file\n") {
      text.pop_back();
      ++k;
    }
    if (line[0] == ' ') {
      REQUIRE(next < source.size());
      REQUIRE(source[next] == text);
      out += source[next++];
    } else if (line[0] == '-') {
      REQUIRE(next < source.size());
      REQUIRE(source[next] == text);
      ++next, ++changed;
    } else {
      REQUIRE(line[0] == '+');
      out += text;
      ++changed;
    }
  }
  while (next < source.size()) {
    out += source[next++];
  }
  return out;
}

// Deleted plus inserted lines of a shortest edit script, by the textbook O(N*M) table.
std::size_t edit_distance(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  std::vector<std::vector<std::size_t>> lcs(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
  for (std::size_t i = a.size(); i-- > 0;) {
    for (std::size_t j = b.size(); j-- > 0;) {
      lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : std::max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  return a.size() + b.size() - 2 * lcs[0][0];
}

std::string random_text(std::mt19937& random, int max_lines) {
  static const char* const k_alphabet[] = {"a\n", "b\n", "c\n", "a\r\n", "d\n", "b"};
  std::uniform_int_distribution<int> length(0, max_lines), pick(0, 4);
  std::string text;
  const int count = length(random);
  for (int n = 0; n < count; ++n) {
    text += k_alphabet[pick(random)];
  }
  if (count > 0 && pick(random) == 0) {
    text += "b";  // no final newline
  }
  return text;
}

TEST_CASE("util::unified_diff rebuilds the new text minimally", "[util][diff]") {
  std::mt19937 random(20261125);
  for (int round = 0; round < 3000; ++round) {
    const std::string before = random_text(random, 14);
    const std::string after = random_text(random, 14);
    const int context = round % 4;
    INFO("round " << round << " context " << context << "\nbefore:\n"
                  << before << "\nafter:\n"
                  << after);
    const std::string diff = unified_diff(before, after, k_labels, context);
    std::size_t changed = 0;
    CHECK(apply(before, diff, changed) == after);
    CHECK(changed == edit_distance(lines_of(before), lines_of(after)));
  }
}

TEST_CASE("util::unified_diff on 10,000-line texts", "[util][diff]") {
  const std::string before = numbers(1, 10'000);
  std::string after = replace_line(before, "5000", "five thousand");
  std::size_t changed = 0;
  CHECK(apply(before, unified_diff(before, after, k_labels), changed) == after);
  CHECK(changed == 2);
  const std::string other = numbers(20'001, 30'000);  // no line in common
  CHECK(apply(before, unified_diff(before, other, k_labels), changed) == other);
  CHECK(changed == 20'000);
  std::string evens, odds;  // every other line moved: a large edit distance
  for (int n = 1; n <= 10'000; ++n) {
    (n % 2 == 0 ? evens : odds) += cat(n, '\n');
  }
  CHECK(apply(before, unified_diff(before, evens + odds, k_labels), changed) == evens + odds);
  CHECK(changed == 10'000);
}

}  // namespace
}  // namespace meshdns
