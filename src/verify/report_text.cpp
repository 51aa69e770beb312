#include <meshdns/text.hpp>
#include <meshdns/verify/duration.hpp>
#include <meshdns/verify/report.hpp>

#include <algorithm>
#include <map>
#include <vector>

namespace meshdns::verify {
namespace {

std::string pad(std::string_view text, std::size_t width) {
  std::string out(text);
  out.append(width > text.size() ? width - text.size() : 0, ' ');
  return out;
}

}  // namespace

std::string summary_line(const Report& report) {
  const std::size_t total = report.results.size();
  const std::size_t passed = report.passed();
  std::string line;
  if (report.has_replicas()) {
    const NameTally names = report.names();
    line = cat(names.passed, '/', names.total, " names pass on every replica; ", passed, '/', total,
               " replica checks pass");
  } else {
    line = cat(passed, '/', total, " names pass");
  }
  if (passed < total) {
    std::map<std::string, std::size_t> by_status;
    for (const auto& result : report.results) {
      if (!verify::passed(result.status)) {
        ++by_status[to_string(result.status)];
      }
    }
    std::vector<std::string> parts;
    for (const auto& [status, count] : by_status) {
      parts.push_back(cat(count, ' ', status));
    }
    line += cat(", ", total - passed, " fail (", join(parts, ", "), ')');
  }
  if (const std::size_t warned = report.warned(); warned > 0) {
    line += cat("; ", warned, warned == 1 ? " name has warnings" : " names have warnings");
  }
  line += cat("; ", report.rounds, report.rounds == 1 ? " round in " : " rounds in ",
              format_duration(report.elapsed));
  return line;
}

std::string render_text(const Report& report, Colour colour) {
  const bool replicas = report.has_replicas();
  // Names come from tenants' ServiceEntries (-A) and files: escaped for the terminal, as kubectl.
  std::vector<std::string> names;
  std::size_t name_width = 4;
  std::size_t replica_width = 7;
  std::size_t status_width = 6;
  for (const auto& result : report.results) {
    names.push_back(escape_terminal(result.name, Newlines::escape));
    name_width = std::max(name_width, names.back().size());
    replica_width = std::max(replica_width, result.replica.size());
    status_width = std::max(status_width, describe(result).size());
  }
  std::string out =
      cat(pad("NAME", name_width + 3), replicas ? pad("REPLICA", replica_width + 3) : "",
          pad("STATUS", status_width + 3), "ADDRESSES\n");
  for (std::size_t i = 0; i < report.results.size(); ++i) {
    const NameResult& result = report.results[i];
    const std::string verdict = describe(result);
    out +=
        cat(pad(names[i], name_width + 3), replicas ? pad(result.replica, replica_width + 3) : "",
            paint(colour, passed(result.status) ? ansi::green : ansi::red, verdict),
            std::string(status_width + 3 - verdict.size(), ' '),
            result.got.empty() ? "-" : join(result.got, ","));
    // Trailing spaces would break `diff` and golden files.
    while (out.back() == ' ') {
      out.pop_back();
    }
    out += '\n';
    for (const auto& warning : result.warnings) {
      out += cat("  ", paint(colour, ansi::yellow, "warning:"), ' ', warning, '\n');
    }
  }
  out += summary_line(report) + '\n';
  return out;
}

}  // namespace meshdns::verify
