#include <meshdns/text.hpp>
#include <meshdns/unified_diff.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <unordered_map>
#include <vector>

namespace meshdns {
namespace {

using LineId = std::uint32_t;

// Lines keep their terminator: "a\n", "a\r\n" and a final "a" are three different lines.
std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    const std::size_t end = text.find('\n');
    const std::size_t length = end == std::string_view::npos ? text.size() : end + 1;
    lines.push_back(text.substr(0, length));
    text.remove_prefix(length);
  }
  return lines;
}

// Linear-space Myers (Myers 1986, section 4b): find a middle snake by searching forwards and
// backwards at once, then solve both halves. Marks changed[] entries; equal ones stay false.
class MyersDiff {
 public:
  MyersDiff(const std::vector<LineId>& a, const std::vector<LineId>& b, std::vector<bool>& deleted,
            std::vector<bool>& inserted)
      : m_a(a), m_b(b), m_deleted(deleted), m_inserted(inserted) {}

  void run() { solve(0, m_a.size(), 0, m_b.size()); }

 private:
  void solve(std::size_t a_lo, std::size_t a_hi, std::size_t b_lo, std::size_t b_hi) {
    while (a_lo < a_hi && b_lo < b_hi && m_a[a_lo] == m_b[b_lo]) {
      ++a_lo, ++b_lo;
    }
    while (a_lo < a_hi && b_lo < b_hi && m_a[a_hi - 1] == m_b[b_hi - 1]) {
      --a_hi, --b_hi;
    }
    if (a_lo == a_hi || b_lo == b_hi) {
      std::fill(m_deleted.begin() + static_cast<std::ptrdiff_t>(a_lo),
                m_deleted.begin() + static_cast<std::ptrdiff_t>(a_hi), true);
      std::fill(m_inserted.begin() + static_cast<std::ptrdiff_t>(b_lo),
                m_inserted.begin() + static_cast<std::ptrdiff_t>(b_hi), true);
      return;
    }
    const auto [x, y] = middle_snake(a_lo, a_hi, b_lo, b_hi);
    solve(a_lo, x, b_lo, y);
    solve(x, a_hi, y, b_hi);
  }

  // A point (x, y) on an optimal edit path strictly inside the box, so both halves are smaller.
  // The forward search runs from the top left, the backward one from the bottom right; diagonals
  // that leave the box are dropped from the search (the *_skip counters).
  std::pair<std::size_t, std::size_t> middle_snake(std::size_t a_lo, std::size_t a_hi,
                                                   std::size_t b_lo, std::size_t b_hi) {
    const auto n = static_cast<std::ptrdiff_t>(a_hi - a_lo);
    const auto m = static_cast<std::ptrdiff_t>(b_hi - b_lo);
    const std::ptrdiff_t max_d = (n + m + 1) / 2;
    const std::ptrdiff_t delta = n - m;
    const bool forward_meets = delta % 2 != 0;  // odd delta: the paths meet on a forward step
    // forward[max_d + k]: furthest x on diagonal k = x - y; backward: the same, counted from the
    // end.
    std::vector<std::ptrdiff_t> forward(static_cast<std::size_t>(2 * max_d + 2), -1);
    std::vector<std::ptrdiff_t> backward(forward.size(), -1);
    const auto slot = [max_d](std::ptrdiff_t k) { return static_cast<std::size_t>(max_d + k); };
    const auto in_range = [&](std::ptrdiff_t k) {
      return max_d + k >= 0 && max_d + k < static_cast<std::ptrdiff_t>(forward.size());
    };
    const auto a = [&](std::ptrdiff_t i) { return m_a[a_lo + static_cast<std::size_t>(i)]; };
    const auto b = [&](std::ptrdiff_t j) { return m_b[b_lo + static_cast<std::size_t>(j)]; };
    forward[slot(1)] = 0;
    backward[slot(1)] = 0;
    std::ptrdiff_t forward_low_skip = 0, forward_high_skip = 0;
    std::ptrdiff_t backward_low_skip = 0, backward_high_skip = 0;
    for (std::ptrdiff_t d = 0; d < max_d; ++d) {
      for (std::ptrdiff_t k = -d + forward_low_skip; k <= d - forward_high_skip; k += 2) {
        std::ptrdiff_t x = (k == -d || (k != d && forward[slot(k - 1)] < forward[slot(k + 1)]))
                               ? forward[slot(k + 1)]
                               : forward[slot(k - 1)] + 1;
        std::ptrdiff_t y = x - k;
        while (x < n && y < m && a(x) == b(y)) {
          ++x, ++y;
        }
        forward[slot(k)] = x;
        if (x > n) {
          forward_high_skip += 2;
        } else if (y > m) {
          forward_low_skip += 2;
        } else if (forward_meets && in_range(delta - k) && backward[slot(delta - k)] != -1 &&
                   x >= n - backward[slot(delta - k)]) {
          return split_point(a_lo, b_lo, x, y);
        }
      }
      for (std::ptrdiff_t k = -d + backward_low_skip; k <= d - backward_high_skip; k += 2) {
        std::ptrdiff_t x = (k == -d || (k != d && backward[slot(k - 1)] < backward[slot(k + 1)]))
                               ? backward[slot(k + 1)]
                               : backward[slot(k - 1)] + 1;
        std::ptrdiff_t y = x - k;
        while (x < n && y < m && a(n - x - 1) == b(m - y - 1)) {
          ++x, ++y;
        }
        backward[slot(k)] = x;
        if (x > n) {
          backward_high_skip += 2;
        } else if (y > m) {
          backward_low_skip += 2;
        } else if (!forward_meets && in_range(delta - k) && forward[slot(delta - k)] != -1) {
          const std::ptrdiff_t forward_x = forward[slot(delta - k)];
          if (forward_x >= n - x) {
            return split_point(a_lo, b_lo, forward_x, forward_x - (delta - k));
          }
        }
      }
    }
    return split_point(a_lo, b_lo, n, 0);  // unreachable for non-empty boxes: the paths meet
  }

  static std::pair<std::size_t, std::size_t> split_point(std::size_t a_lo, std::size_t b_lo,
                                                         std::ptrdiff_t x, std::ptrdiff_t y) {
    return {a_lo + static_cast<std::size_t>(x), b_lo + static_cast<std::size_t>(y)};
  }

  const std::vector<LineId>& m_a;
  const std::vector<LineId>& m_b;
  std::vector<bool>& m_deleted;
  std::vector<bool>& m_inserted;
};

// Which lines of each side are not in the longest common subsequence.
struct Changes {
  std::vector<bool> deleted;   // per line of `before`
  std::vector<bool> inserted;  // per line of `after`
};

Changes find_changes(const std::vector<std::string_view>& before,
                     const std::vector<std::string_view>& after) {
  // Number the distinct lines, counting on which side each occurs.
  std::unordered_map<std::string_view, LineId> ids;
  std::vector<std::uint8_t> sides;  // bit 0: in before, bit 1: in after
  const auto number = [&](const std::vector<std::string_view>& lines, std::uint8_t side) {
    std::vector<LineId> out;
    out.reserve(lines.size());
    for (const std::string_view line : lines) {
      const auto [it, added] = ids.try_emplace(line, static_cast<LineId>(ids.size()));
      if (added) {
        sides.push_back(0);
      }
      sides[it->second] |= side;
      out.push_back(it->second);
    }
    return out;
  };
  const std::vector<LineId> a_all = number(before, 1);
  const std::vector<LineId> b_all = number(after, 2);

  // A line found on one side only can never match: settle it now and search only the rest.
  Changes changes{std::vector<bool>(before.size(), true), std::vector<bool>(after.size(), true)};
  std::vector<LineId> a, b;
  std::vector<std::size_t> a_index, b_index;
  for (std::size_t i = 0; i < a_all.size(); ++i) {
    if (sides[a_all[i]] == 3) {
      a.push_back(a_all[i]);
      a_index.push_back(i);
    }
  }
  for (std::size_t j = 0; j < b_all.size(); ++j) {
    if (sides[b_all[j]] == 3) {
      b.push_back(b_all[j]);
      b_index.push_back(j);
    }
  }
  std::vector<bool> deleted(a.size(), false), inserted(b.size(), false);
  MyersDiff(a, b, deleted, inserted).run();
  for (std::size_t i = 0; i < a.size(); ++i) {
    changes.deleted[a_index[i]] = deleted[i];
  }
  for (std::size_t j = 0; j < b.size(); ++j) {
    changes.inserted[b_index[j]] = inserted[j];
  }
  return changes;
}

// One line of a hunk: ' ', '-' or '+', and the line (with its terminator, if any).
struct HunkLine {
  char mark;
  std::string_view text;
};

struct Script {
  std::vector<HunkLine> lines;
  std::vector<std::size_t> before_line, after_line;  // 1-based line numbers before each entry
};

// Walks both sides in step: equal lines as context, each change run as its deletions then its
// insertions, the order GNU diff prints them in.
Script edit_script(const std::vector<std::string_view>& before,
                   const std::vector<std::string_view>& after, const Changes& changes) {
  Script script;
  std::size_t i = 0, j = 0;
  const auto push = [&](char mark, std::string_view text) {
    script.lines.push_back({mark, text});
    script.before_line.push_back(i);
    script.after_line.push_back(j);
  };
  while (i < before.size() || j < after.size()) {
    if (i < before.size() && j < after.size() && !changes.deleted[i] && !changes.inserted[j]) {
      push(' ', before[i]);
      ++i, ++j;
      continue;
    }
    while (i < before.size() && changes.deleted[i]) {
      push('-', before[i]);
      ++i;
    }
    while (j < after.size() && changes.inserted[j]) {
      push('+', after[j]);
      ++j;
    }
  }
  return script;
}

// GNU diff's range: "l" for one line, "l,s" otherwise; an empty range names the line before it.
std::string range(std::size_t first_zero_based, std::size_t count) {
  if (count == 1) {
    return cat(first_zero_based + 1);
  }
  return cat(count == 0 ? first_zero_based : first_zero_based + 1, ',', count);
}

void append_line(std::string& out, char mark, std::string_view text) {
  out.push_back(mark);
  out.append(text);
  if (text.empty() || text.back() != '\n') {
    out.append("\n\\ No newline at end of file\n");
  }
}

}  // namespace

std::string unified_diff(std::string_view before, std::string_view after, DiffLabels labels,
                         int context) {
  if (before == after) {
    return {};
  }
  const std::vector<std::string_view> a = split_lines(before);
  const std::vector<std::string_view> b = split_lines(after);
  const Script script = edit_script(a, b, find_changes(a, b));
  const auto reach = static_cast<std::size_t>(std::max(context, 0));

  std::string out = cat("--- ", labels.before, "\n+++ ", labels.after, "\n");
  const std::size_t size = script.lines.size();
  std::size_t next = 0;
  while (next < size) {
    // A hunk starts `reach` lines before a change and grows while the next change is no more than
    // 2 * reach context lines away, so neighbouring changes share one hunk as in GNU diff.
    std::size_t change = next;
    while (change < size && script.lines[change].mark == ' ') {
      ++change;
    }
    if (change == size) {
      break;
    }
    const std::size_t begin = change >= next + reach ? change - reach : next;
    std::size_t end = change;
    for (std::size_t k = change; k < size; ++k) {
      if (script.lines[k].mark != ' ') {
        end = k + 1;
      } else if (k - end >= 2 * reach) {
        break;
      }
    }
    end = std::min(size, end + reach);

    std::size_t before_count = 0, after_count = 0;
    for (std::size_t k = begin; k < end; ++k) {
      before_count += script.lines[k].mark != '+' ? 1 : 0;
      after_count += script.lines[k].mark != '-' ? 1 : 0;
    }
    out += cat("@@ -", range(script.before_line[begin], before_count), " +",
               range(script.after_line[begin], after_count), " @@\n");
    for (std::size_t k = begin; k < end; ++k) {
      append_line(out, script.lines[k].mark, script.lines[k].text);
    }
    next = end;
  }
  return out;
}

}  // namespace meshdns
