#include <meshdns/manifest/names.hpp>
#include <meshdns/text.hpp>
#include <meshdns/utf8.hpp>

#include <arpa/inet.h>

#include <algorithm>

namespace meshdns::manifest {

namespace {

constexpr std::size_t k_max_label = 63;
constexpr std::size_t k_max_subdomain = 253;

bool is_lower_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

std::string_view without_trailing_dot(std::string_view name) {
  return ends_with(name, ".") ? name.substr(0, name.size() - 1) : name;
}

// Why a string is not a DNS-1123 label, or empty when it is one. Shared by the bool and the
// check_ forms so both always agree.
std::string label_problem(std::string_view label) {
  if (label.empty()) {
    return "it is empty";
  }
  if (label.size() > k_max_label) {
    return cat("it is ", label.size(), " characters long, the limit is 63");
  }
  for (const char c : label) {
    if (c >= 'A' && c <= 'Z') {
      return "it has upper-case letters";
    }
    if (!is_lower_alnum(c) && c != '-') {
      // The whole character ("ü", not half of its UTF-8), a control character escaped.
      const std::string shown = static_cast<unsigned char>(c) >= 0x80
                                    ? first_non_ascii(label.substr(label.find(c)))
                                    : printable(std::string_view(&c, 1));
      return cat("'", shown, "' is not allowed, only a-z, 0-9 and '-'");
    }
  }
  if (label.front() == '-' || label.back() == '-') {
    return "it starts or ends with '-'";
  }
  return {};
}

std::string subdomain_problem(std::string_view name) {
  if (name.size() > k_max_subdomain) {
    return cat("it is ", name.size(), " characters long, the limit is 253");
  }
  for (const std::string_view label : split(name, '.')) {
    std::string problem = label_problem(label);
    if (!problem.empty()) {
      return label.empty() ? std::string("it has an empty label") : problem;
    }
  }
  return {};
}

Result<void> name_error(std::string_view text, std::string_view what, std::string why,
                        std::string_view kind) {
  return fail(Errc::usage, cat(what, " \"", printable(text), "\" is not a valid ", kind),
              std::move(why),
              "use a-z, 0-9 and '-', starting and ending with a letter or digit, e.g. my-name");
}

}  // namespace

bool is_dns1123_label(std::string_view text) {
  return label_problem(text).empty();
}

bool is_dns1123_subdomain(std::string_view text) {
  return subdomain_problem(text).empty();
}

bool is_port_name(std::string_view text) {
  constexpr std::size_t k_max_port_name = 15;
  return !text.empty() && text.size() <= k_max_port_name && label_problem(text).empty() &&
         text.find("--") == std::string_view::npos &&
         std::any_of(text.begin(), text.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

Result<void> check_port_name(std::string_view text) {
  if (is_port_name(text)) {
    return {};
  }
  return fail(Errc::usage, cat("port name \"", text, "\" is not valid"),
              "Kubernetes port names are 1-15 of a-z, 0-9 and '-' with at least one letter and no "
              "\"--\"",
              "give a shorter port name, e.g. http-web");
}

bool is_ipv4_literal(std::string_view text) {
  // inet_pton needs a NUL-terminated string; glibc's refuses leading zeros, as the API server does.
  const std::string copy(text);
  in_addr address{};
  return inet_pton(AF_INET, copy.c_str(), &address) == 1;
}

bool is_ipv6_literal(std::string_view text) {
  const std::string copy(text);
  in6_addr address{};
  return inet_pton(AF_INET6, copy.c_str(), &address) == 1;
}

bool is_ip_literal(std::string_view text) {
  return is_ipv4_literal(text) || is_ipv6_literal(text);
}

Result<void> check_dns1123_label(std::string_view text, std::string_view what) {
  std::string problem = label_problem(text);
  if (problem.empty()) {
    return {};
  }
  return name_error(text, what, std::move(problem), "DNS-1123 label");
}

Result<void> check_dns1123_subdomain(std::string_view text, std::string_view what) {
  std::string problem = subdomain_problem(text);
  if (problem.empty()) {
    return {};
  }
  return name_error(text, what, std::move(problem), "DNS-1123 subdomain");
}

Result<void> check_cluster_ip(std::string_view text) {
  if (text == "None") {
    return fail(Errc::usage, "cluster IP \"None\" makes a headless Service",
                "an alias needs one fixed address to point at",
                "give an address inside the cluster's service range, or auto");
  }
  if (!is_ip_literal(text)) {
    return fail(Errc::usage, cat("cluster IP \"", text, "\" is not an IP address"),
                "spec.clusterIP takes one IPv4 or IPv6 address",
                "give an address inside the cluster's service range, e.g. 10.96.0.50, or auto");
  }
  return {};
}

bool is_inside_domain(std::string_view name, std::string_view domain) {
  const std::string lower_name = to_lower(without_trailing_dot(name));
  const std::string lower_domain = to_lower(without_trailing_dot(domain));
  if (lower_domain.empty()) {
    return true;  // the root contains every name
  }
  return lower_name == lower_domain || ends_with(lower_name, cat(".", lower_domain));
}

std::string alias_zone(std::string_view fqdn) {
  const std::string_view name = without_trailing_dot(fqdn);
  const std::size_t dot = name.find('.');
  return dot == std::string_view::npos ? std::string(name) : std::string(name.substr(dot + 1));
}

Result<void> check_alias_fqdn(std::string_view fqdn, std::string_view cluster_domain) {
  const auto refuse = [fqdn](std::string why, std::string fix) -> Result<void> {
    return fail(Errc::usage, cat("alias \"", printable(fqdn), "\" is not a usable DNS name"),
                std::move(why), std::move(fix));
  };
  if (fqdn.empty()) {
    return refuse("it is empty", "give a name such as my-fruits.internal");
  }
  if (ends_with(fqdn, ".")) {
    // Suggest only a name that passes: "a.internal.." -> "a.internal", never "a.internal.".
    std::string_view bare = fqdn;
    while (ends_with(bare, ".")) {
      bare.remove_suffix(1);
    }
    if (!bare.empty() && bare.find('.') != std::string_view::npos &&
        subdomain_problem(to_lower(bare)).empty()) {
      return refuse("ServiceEntry hosts take no trailing dot", cat("write it as ", to_lower(bare)));
    }
  }
  if (const std::string character = first_non_ascii(fqdn); !character.empty()) {
    const std::optional<std::string> ascii = punycode_name(fqdn);
    if (ascii && subdomain_problem(*ascii).empty() && ascii->find('.') != std::string::npos) {
      return refuse(cat("DNS names are ASCII and '", character, "' is not"),
                    cat("write it in punycode, as IDNA does: ", *ascii));
    }
  }
  if (fqdn.find('*') != std::string_view::npos) {
    return refuse("a wildcard cannot be aliased to one Service",
                  "name one host, e.g. my-fruits.internal");
  }
  if (std::any_of(fqdn.begin(), fqdn.end(), [](char c) { return c >= 'A' && c <= 'Z'; })) {
    return refuse("it has upper-case letters and ServiceEntry hosts must be lower-case",
                  cat("write it as ", to_lower(fqdn)));
  }
  if (fqdn.find('.') == std::string_view::npos) {
    return refuse("it has no dot, so resolvers would append search domains to it",
                  cat("put it in a zone, e.g. ", fqdn, ".internal"));
  }
  std::string problem = subdomain_problem(fqdn);
  if (!problem.empty()) {
    return refuse(std::move(problem), "use labels of a-z, 0-9 and '-', e.g. my-fruits.internal");
  }
  const std::string_view top = fqdn.substr(fqdn.rfind('.') + 1);
  if (std::all_of(top.begin(), top.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return refuse("its last label is all digits, so it reads as an IP address",
                  "end it with a zone name, e.g. my-fruits.internal");
  }
  if (is_inside_domain(fqdn, cluster_domain)) {
    return refuse(cat("it is inside the cluster domain ", cluster_domain,
                      ", which the cluster DNS answers itself"),
                  "pick a zone outside it, e.g. my-fruits.internal");
  }
  return {};
}

}  // namespace meshdns::manifest
