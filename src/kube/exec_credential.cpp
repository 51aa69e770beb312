#include "kube/exec_credential.hpp"

#include "kube/base64.hpp"

#include <meshdns/json_depth.hpp>
#include <meshdns/text.hpp>

#include <nlohmann/json.hpp>

#include <ctime>

namespace meshdns::kube {
namespace {

Error plugin_error(std::string what, const ExecConfig& exec) {
  return fail(Errc::unauthorized, cat("getting credentials: ", what),
              cat("the exec credential plugin ", exec.command, " gave an unusable answer"),
              "run the plugin by hand and check its output is an ExecCredential");
}

bool read_number(std::string_view text, std::size_t at, std::size_t digits, int& out) {
  if (at + digits > text.size()) {
    return false;
  }
  out = 0;
  for (std::size_t i = at; i < at + digits; ++i) {
    if (text[i] < '0' || text[i] > '9') {
      return false;
    }
    out = out * 10 + (text[i] - '0');
  }
  return true;
}

}  // namespace

std::string exec_info_json(const ExecConfig& exec, const ClientConfig& cluster, bool interactive) {
  nlohmann::ordered_json spec;
  if (exec.provide_cluster_info) {
    nlohmann::ordered_json info;
    info["server"] = cluster.server;
    if (!cluster.tls_server_name.empty()) {
      info["tls-server-name"] = cluster.tls_server_name;
    }
    if (cluster.insecure_skip_tls_verify) {
      info["insecure-skip-tls-verify"] = true;
    }
    if (!cluster.ca_pem.empty()) {
      info["certificate-authority-data"] = base64_encode(cluster.ca_pem);
    }
    if (!cluster.proxy_url.empty()) {
      info["proxy-url"] = cluster.proxy_url;
    }
    spec["cluster"] = std::move(info);
  }
  spec["interactive"] = interactive;
  nlohmann::ordered_json credential;
  credential["kind"] = "ExecCredential";
  credential["apiVersion"] = exec.api_version;
  credential["spec"] = std::move(spec);
  return credential.dump();
}

Result<ExecCredentialStatus> parse_exec_output(std::string_view output, const ExecConfig& exec) {
  if (json_nesting_depth(output) > k_max_json_depth) {
    return plugin_error(
        cat("decoding stdout: the output nests deeper than ", k_max_json_depth, " levels"), exec);
  }
  const nlohmann::json document =
      nlohmann::json::parse(output, nullptr, /*allow_exceptions=*/false);
  if (document.is_discarded() || !document.is_object()) {
    return plugin_error("decoding stdout: the output is not a JSON object", exec);
  }
  // Every member read with its type checked: json::value() throws on a number where a string
  // belongs, and the plugin's output is not ours to trust. client-go's decoder refuses it too.
  std::string wrong_type;
  const auto text = [&wrong_type](const nlohmann::json& object, const char* key,
                                  std::string_view path) {
    const auto found = object.find(key);
    if (found == object.end() || found->is_null()) {
      return std::string();
    }
    if (!found->is_string()) {
      wrong_type = wrong_type.empty() ? std::string(path) : wrong_type;
      return std::string();
    }
    return found->get<std::string>();
  };
  const std::string api_version = text(document, "apiVersion", "apiVersion");
  const std::string kind = text(document, "kind", "kind");
  if (!wrong_type.empty()) {
    return plugin_error(cat("decoding stdout: ", wrong_type, " is not a string"), exec);
  }
  if (kind != "ExecCredential") {
    return plugin_error("decoding stdout: Object 'Kind' is missing or is not ExecCredential", exec);
  }
  if (api_version != exec.api_version) {
    return plugin_error(cat("exec plugin is configured to use API version ", exec.api_version,
                            ", plugin returned version ", api_version),
                        exec);
  }
  const auto status = document.find("status");
  if (status == document.end() || !status->is_object()) {
    return plugin_error("exec plugin didn't return a status field", exec);
  }
  ExecCredentialStatus result;
  result.token = text(*status, "token", "status.token");
  result.client_certificate_pem =
      text(*status, "clientCertificateData", "status.clientCertificateData");
  result.client_key_pem = text(*status, "clientKeyData", "status.clientKeyData");
  const std::string expiration = text(*status, "expirationTimestamp", "status.expirationTimestamp");
  if (!wrong_type.empty()) {
    return plugin_error(cat("decoding stdout: ", wrong_type, " is not a string"), exec);
  }
  if (result.token.empty() && result.client_certificate_pem.empty() &&
      result.client_key_pem.empty()) {
    return plugin_error("exec plugin didn't return a token or cert/key pair", exec);
  }
  if (result.client_certificate_pem.empty() != result.client_key_pem.empty()) {
    return plugin_error("exec plugin returned only certificate or key, not both", exec);
  }
  if (!expiration.empty()) {
    result.expires = parse_rfc3339(expiration);
    if (!result.expires) {
      return plugin_error(cat("decoding stdout: invalid expirationTimestamp \"", expiration, "\""),
                          exec);
    }
  }
  return result;
}

std::optional<std::chrono::system_clock::time_point> parse_rfc3339(std::string_view text) {
  std::tm parts{};
  int year = 0;
  int month = 0;
  if (!read_number(text, 0, 4, year) || text.size() < 20 || text[4] != '-' ||
      !read_number(text, 5, 2, month) || text[7] != '-' ||
      !read_number(text, 8, 2, parts.tm_mday) || (text[10] != 'T' && text[10] != 't') ||
      !read_number(text, 11, 2, parts.tm_hour) || text[13] != ':' ||
      !read_number(text, 14, 2, parts.tm_min) || text[16] != ':' ||
      !read_number(text, 17, 2, parts.tm_sec)) {
    return std::nullopt;
  }
  parts.tm_year = year - 1900;
  parts.tm_mon = month - 1;
  std::size_t at = 19;
  std::chrono::nanoseconds fraction{0};
  if (at < text.size() && text[at] == '.') {
    long long scale = 100'000'000;
    for (++at; at < text.size() && text[at] >= '0' && text[at] <= '9'; ++at) {
      fraction += std::chrono::nanoseconds((text[at] - '0') * scale);
      scale /= 10;
    }
  }
  int offset_minutes = 0;
  if (at < text.size() && (text[at] == 'Z' || text[at] == 'z') && at + 1 == text.size()) {
    offset_minutes = 0;
  } else if (at + 6 == text.size() && (text[at] == '+' || text[at] == '-') && text[at + 3] == ':') {
    int hours = 0;
    int minutes = 0;
    if (!read_number(text, at + 1, 2, hours) || !read_number(text, at + 4, 2, minutes)) {
      return std::nullopt;
    }
    offset_minutes = (hours * 60 + minutes) * (text[at] == '-' ? -1 : 1);
  } else {
    return std::nullopt;
  }
  const std::time_t seconds = timegm(&parts);
  // system_clock counts nanoseconds in 64 bits and ends in 2262; later is "never expires".
  using Clock = std::chrono::system_clock;
  const auto last = std::chrono::duration_cast<std::chrono::seconds>(Clock::duration::max());
  if (seconds >= last.count() - 86'400) {
    return Clock::time_point::max();
  }
  return std::chrono::system_clock::from_time_t(seconds) - std::chrono::minutes(offset_minutes) +
         std::chrono::duration_cast<std::chrono::system_clock::duration>(fraction);
}

}  // namespace meshdns::kube
