#include <meshdns/log.hpp>

#include <array>
#include <atomic>
#include <cstdio>
#include <ctime>
#include <regex>
#include <string>

namespace meshdns::log {
namespace {
std::atomic<int> g_verbosity{0};
}  // namespace

void set_verbosity(int level) {
  g_verbosity.store(level);
}

int verbosity() {
  return g_verbosity.load(std::memory_order_relaxed);
}

void write(int level, std::string_view line) {
  if (!enabled(level)) {
    return;
  }
  timespec now{};
  clock_gettime(CLOCK_REALTIME, &now);
  tm parts{};
  gmtime_r(&now.tv_sec, &parts);
  std::array<char, 64> stamp{};
  std::snprintf(stamp.data(), stamp.size(), "I%02d%02d %02d:%02d:%02d.%06ld ", parts.tm_mon + 1,
                parts.tm_mday, parts.tm_hour, parts.tm_min, parts.tm_sec,
                (now.tv_nsec / 1000) % 1000000);
  std::string out(stamp.data());
  out.append(line);
  out.push_back('\n');
  std::fwrite(out.data(), 1, out.size(), stderr);
}

std::string redact_header(std::string_view header) {
  const std::size_t colon = header.find(':');
  if (colon == std::string_view::npos) {
    return std::string(header);
  }
  std::string name(header.substr(0, colon));
  for (char& c : name) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  if (name != "authorization" && name != "proxy-authorization") {
    return std::string(header);
  }
  std::string_view value = header.substr(colon + 1);
  while (!value.empty() && value.front() == ' ') {
    value.remove_prefix(1);
  }
  const std::size_t space = value.find(' ');
  const std::string scheme =
      space == std::string_view::npos ? "" : std::string(value.substr(0, space));
  return std::string(header.substr(0, colon)) + ": " + (scheme.empty() ? "" : scheme + " ") +
         "<masked>";
}

std::string redact_body(std::string_view body) {
  // JSON: "token": "..."; YAML: token: ... Both cover the kubeconfig and TokenRequest field names.
  static const std::regex json_field(
      R"re(("(?:token|client-key-data|client-certificate-data|password|access[-_]token|id[-_]token|refresh[-_]token|clientKeyData)"\s*:\s*)"(?:[^"\\]|\\.)*")re");
  static const std::regex yaml_field(
      R"re(((?:^|\n)\s*(?:token|client-key-data|client-certificate-data|password|access[-_]token|id[-_]token|refresh[-_]token):[ \t]*)[^\n]+)re");
  std::string out = std::regex_replace(std::string(body), json_field, R"($1"<masked>")");
  return std::regex_replace(out, yaml_field, "$1<masked>");
}

}  // namespace meshdns::log
