#include "cli/corefile_flags.hpp"

#include <meshdns/corefile/engine.hpp>
#include <meshdns/corefile/zones.hpp>
#include <meshdns/io/public_suffix.hpp>
#include <meshdns/text.hpp>

#include <arpa/inet.h>

#include <algorithm>
#include <charconv>
#include <utility>

namespace meshdns::cli {
namespace {

bool is_ipv4(const std::string& text) {
  in_addr address{};
  return inet_pton(AF_INET, text.c_str(), &address) == 1;
}

bool is_ipv6(const std::string& text) {
  in6_addr address{};
  return inet_pton(AF_INET6, text.c_str(), &address) == 1;
}

bool is_port(std::string_view text) {
  unsigned port = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), port);
  return !text.empty() && ec == std::errc{} && end == text.data() + text.size() && port >= 1 &&
         port <= 65535 && text.front() != '0';
}

Error bad_upstream(std::string_view upstream) {
  // Say what is wrong with the part that is wrong: an IP with a bad port is not a host name.
  const std::size_t colon = upstream.rfind(':');
  const std::string address(upstream.substr(0, colon));
  const bool port_is_wrong =
      colon != std::string_view::npos &&
      (is_ipv4(address) || (address.size() > 2 && address.front() == '[' && address.back() == ']'));
  return fail(Errc::usage, cat("invalid --upstream \"", upstream, "\""),
              port_is_wrong
                  ? cat("port \"", upstream.substr(colon + 1), "\" is not a number from 1 to 65535")
                  : std::string("CoreDNS forwards to IP addresses only"),
              "pass the istiocoredns Service's cluster IP, e.g. --upstream 10.96.0.60 or "
              "10.96.0.60:53");
}

}  // namespace

Result<std::vector<std::string>> normalize_zones(const std::vector<std::string>& zones) {
  corefile::ZoneLimits limits;
  limits.is_public_suffix = io::is_public_suffix;
  return corefile::normalize_zones(zones, limits);
}

Result<std::string> check_upstream(std::string_view upstream) {
  const std::string text(upstream);
  if (is_ipv4(text) || is_ipv6(text)) {
    return text;
  }
  if (text.size() > 2 && text.front() == '[') {  // [v6]:port
    const std::size_t close = text.find("]:");
    if (close != std::string::npos && is_ipv6(text.substr(1, close - 1)) &&
        is_port(std::string_view(text).substr(close + 2))) {
      return text;
    }
    return bad_upstream(upstream);
  }
  const std::size_t colon = text.rfind(':');
  if (colon != std::string::npos && is_ipv4(text.substr(0, colon)) &&
      is_port(std::string_view(text).substr(colon + 1))) {
    return text;
  }
  return bad_upstream(upstream);
}

Result<corefile::Version> parse_coredns_version_flag(std::string_view value) {
  if (value.find_first_of(":/@") != std::string_view::npos) {
    Result<corefile::Version> version = corefile::version_from_image(value);
    if (!version) {
      // The flag is the way out when an image names no release, so it cannot be the advice here.
      Error error = std::move(version).error();
      error.what = cat("invalid --coredns-version \"", value, "\"");
      error.fix = value.find('@') != std::string_view::npos
                      ? "a digest names no release: pass the release that image holds, e.g. "
                        "--coredns-version 1.11.1"
                      : "pass a release such as 1.6.2 or an image with a release tag such as "
                        "coredns/coredns:1.6.2";
      return error;
    }
    return version;
  }
  Result<corefile::Version> version = corefile::parse_version(value);
  if (!version) {
    Error error = std::move(version).error();
    error.what = cat("invalid --coredns-version \"", value, "\"");
    error.fix = "pass a release such as 1.6.2 or an image such as coredns/coredns:1.6.2";
    return error;
  }
  return version;
}

Result<corefile::AliasRewrite> parse_alias_flag(std::string_view value, bool target_required) {
  const std::size_t eq = value.find('=');
  corefile::AliasRewrite alias;
  alias.alias = std::string(value.substr(0, eq));
  if (eq != std::string_view::npos) {
    alias.target = std::string(value.substr(eq + 1));
  }
  const bool missing = alias.alias.empty() || (target_required && alias.target.empty());
  if (missing) {
    return fail(Errc::usage, cat("invalid --alias \"", value, "\""),
                target_required ? "it takes the alias and the Service name it stands for"
                                : "it takes the alias to remove",
                target_required ? "pass --alias my-fruits.internal="
                                  "fruits-api-service.micro-shake-factory.svc.cluster.local"
                                : "pass --alias my-fruits.internal");
  }
  return alias;
}

Result<void> apply_file_backend(const FileBackendFlags& flags, CorefileFileJob& job) {
  const std::string_view backend = flags.backend;
  if (backend == "dns-proxy") {
    return fail(Errc::usage, "--backend dns-proxy changes no Corefile",
                "Istio's sidecars answer the alias from the ServiceEntry when they capture DNS",
                "apply the ServiceEntry (kubectl meshdns alias --backend dns-proxy), or pick "
                "--backend coredns with --alias");
  }
  const bool coredns =
      backend == "coredns" || ((backend.empty() || backend == "auto") && !flags.aliases.empty());
  if (!coredns) {
    if (!flags.aliases.empty()) {
      return fail(Errc::usage, "--alias works only with --backend coredns",
                  "the istiocoredns backend routes whole zones given with --zone, not single names",
                  "drop --backend istiocoredns, or pass --zone instead of --alias");
    }
    job.backend = FileBackend::istiocoredns;
    return {};
  }
  if (flags.zone_flags) {
    return fail(Errc::usage, "--zone, --upstream and --kind work only with --backend istiocoredns",
                "the coredns backend writes one rewrite line per --alias in the block that holds "
                "the kubernetes plugin",
                "drop them, or pass --backend istiocoredns without --alias");
  }
  job.backend = FileBackend::coredns;
  job.rewrites.coredns_version = job.options.coredns_version;
  const bool unpatch = job.action == CorefileAction::unpatch;
  for (const std::string& value : flags.aliases) {
    Result<corefile::AliasRewrite> alias = parse_alias_flag(value, !unpatch);
    if (!alias) {
      return std::move(alias).error();
    }
    job.rewrites.aliases.push_back(std::move(*alias));
  }
  if (job.rewrites.aliases.empty() && job.action != CorefileAction::lint) {
    return fail(Errc::usage, "--backend coredns needs --alias",
                "it writes one rewrite line per alias",
                unpatch ? "pass --alias my-fruits.internal, once per alias"
                        : "pass --alias my-fruits.internal=SERVICE.NAMESPACE.svc.cluster.local "
                          ", once per alias");
  }
  return {};
}

}  // namespace meshdns::cli
