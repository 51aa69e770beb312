#include <meshdns/log.hpp>
#include <meshdns/text.hpp>

#include <algorithm>
#include <array>
#include <atomic>
#include <cctype>
#include <cstdio>
#include <ctime>
#include <string>

namespace meshdns::log {
namespace {
std::atomic<int> g_verbosity{0};

// Fields whose values are credentials: kubeconfig's and the exec/TokenRequest APIs' names.
constexpr std::array<std::string_view, 11> k_secret_fields = {
    "token",         "client-key-data", "client-certificate-data",
    "password",      "access-token",    "access_token",
    "id-token",      "id_token",        "refresh-token",
    "refresh_token", "clientKeyData"};

bool is_secret_field(std::string_view name) {
  return std::find(k_secret_fields.begin(), k_secret_fields.end(), name) != k_secret_fields.end();
}

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

std::size_t skip_space(std::string_view text, std::size_t at) {
  while (at < text.size() && is_space(text[at])) {
    ++at;
  }
  return at;
}

// The index after the JSON string that opens at `open` (a double quote); `closed` false when the
// line or the text ends first (a cut or malformed body).
std::size_t string_end(std::string_view text, std::size_t open, bool& closed) {
  std::size_t at = open + 1;
  while (at < text.size() && text[at] != '\n') {
    if (text[at] == '"') {
      closed = true;
      return at + 1;
    }
    at += text[at] == '\\' ? 2 : 1;
  }
  closed = false;
  return std::min(at, text.size());
}

// A YAML line "  token: VALUE" starting at `line`: where VALUE starts, or npos when the line is
// not a secret field with a value.
std::size_t yaml_secret_value(std::string_view text, std::size_t line) {
  std::size_t name = line;
  while (name < text.size() && (text[name] == ' ' || text[name] == '\t' || text[name] == '\r')) {
    ++name;
  }
  std::size_t colon = name;
  while (colon < text.size() && (std::isalnum(static_cast<unsigned char>(text[colon])) != 0 ||
                                 text[colon] == '-' || text[colon] == '_')) {
    ++colon;
  }
  if (colon >= text.size() || text[colon] != ':' ||
      !is_secret_field(text.substr(name, colon - name))) {
    return std::string_view::npos;
  }
  std::size_t value = colon + 1;
  while (value < text.size() && (text[value] == ' ' || text[value] == '\t')) {
    ++value;
  }
  return value < text.size() && text[value] != '\n' ? value : std::string_view::npos;
}

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
  // Log lines carry URLs, headers and bodies from servers and tenants.
  out.append(escape_terminal(line));
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

std::string redact_url(std::string_view url) {
  const std::size_t scheme = url.find("://");
  const std::size_t authority = scheme == std::string_view::npos ? 0 : scheme + 3;
  const std::size_t authority_end = std::min(url.find_first_of("/?#", authority), url.size());
  const std::size_t at = url.substr(0, authority_end).rfind('@');
  if (at == std::string_view::npos || at < authority) {
    return std::string(url);
  }
  const std::size_t colon = url.substr(0, at).find(':', authority);
  if (colon == std::string_view::npos) {
    return std::string(url);  // a user name alone is not a secret
  }
  return cat(url.substr(0, colon + 1), "<masked>", url.substr(at));
}

std::string redact_body(std::string_view body) {
  // One pass, constant work per byte: bodies come from servers and tenants (a 60,000-character
  // annotation), and libstdc++'s std::regex recursed once per character of such a value.
  std::string out;
  out.reserve(body.size());
  std::size_t at = 0;
  bool line_start = true;
  while (at < body.size()) {
    if (line_start) {
      line_start = false;
      if (const std::size_t value = yaml_secret_value(body, at); value != std::string_view::npos) {
        const std::size_t line_end = std::min(body.find('\n', value), body.size());
        out.append(body.substr(at, value - at)).append("<masked>");
        at = line_end;
        continue;
      }
    }
    const char c = body[at];
    if (c == '\n') {
      line_start = true;
    }
    if (c != '"') {
      out.push_back(c);
      ++at;
      continue;
    }
    bool closed = false;
    const std::size_t key_end = string_end(body, at, closed);
    out.append(body.substr(at, key_end - at));
    if (closed && is_secret_field(body.substr(at + 1, key_end - at - 2))) {
      std::size_t value = skip_space(body, key_end);
      if (value < body.size() && body[value] == ':') {
        value = skip_space(body, value + 1);
        if (value < body.size() && body[value] == '"') {
          out.append(body.substr(key_end, value - key_end)).append(R"("<masked>")");
          at = string_end(body, value, closed);  // unclosed (a cut body): masked to its end
          continue;
        }
      }
    }
    at = key_end;
  }
  return out;
}

}  // namespace meshdns::log
