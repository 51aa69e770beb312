#include <meshdns/text.hpp>
#include <meshdns/verify/report.hpp>

#include <cstdio>

namespace meshdns::verify {
namespace {

// Attribute and text content alike: the five XML specials, and control bytes XML 1.0 forbids.
std::string xml_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t') {
          out += '?';
        } else {
          out += c;
        }
    }
  }
  return out;
}

std::string seconds(std::chrono::milliseconds elapsed) {
  char text[32];
  std::snprintf(text, sizeof text, "%.3f", static_cast<double>(elapsed.count()) / 1000.0);
  return text;
}

}  // namespace

std::string render_junit(const Report& report) {
  const std::size_t total = report.results.size();
  const std::size_t failures = total - report.passed();
  const std::string time = seconds(report.elapsed);
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out += cat("<testsuites name=\"meshdns verify\" tests=\"", total, "\" failures=\"", failures,
             "\" errors=\"0\" time=\"", time, "\">\n");
  out += cat("  <testsuite name=\"meshdns verify\" tests=\"", total, "\" failures=\"", failures,
             "\" errors=\"0\" skipped=\"0\" time=\"", time, "\">\n");
  for (const auto& result : report.results) {
    // classname groups the cases in GitLab's and Jenkins's views (per replica with
    // --via-cluster: one case per name and replica); the name is the alias itself.
    const std::string group = result.replica.empty() ? "dns" : cat("dns.", result.replica);
    out += cat("    <testcase classname=\"", xml_escape(group), "\" name=\"",
               xml_escape(result.name), '"');
    if (verify::passed(result.status) && result.warnings.empty()) {
      out += "/>\n";
      continue;
    }
    out += ">\n";
    if (!verify::passed(result.status)) {
      out += cat("      <failure type=\"", to_string(result.status), "\" message=\"",
                 xml_escape(describe(result)), "\"/>\n");
    }
    if (!result.warnings.empty()) {
      out += cat("      <system-err>", xml_escape(join(result.warnings, "\n")), "</system-err>\n");
    }
    out += "    </testcase>\n";
  }
  out += "  </testsuite>\n</testsuites>\n";
  return out;
}

}  // namespace meshdns::verify
