#pragma once

// Name and address checks shared by the builders and by `alias`/`scaffold`. The bool forms answer a
// question; the check_ forms return the SPEC §4 one-line error (what; why; fix) as Errc::usage,
// because every name checked here comes from a flag or an argument.

#include <meshdns/result.hpp>

#include <string>
#include <string_view>

namespace meshdns::manifest {

inline constexpr std::string_view k_default_cluster_domain = "cluster.local";

// RFC 1123 label as Kubernetes checks it: 1-63 of [a-z0-9-], alphanumeric at both ends.
bool is_dns1123_label(std::string_view text);
// RFC 1123 subdomain as Kubernetes checks it: at most 253 characters, dot-separated
// DNS-1123 labels.
bool is_dns1123_subdomain(std::string_view text);

// IPv4 dotted quad without leading zeros (the API server refuses "010.0.0.1"), IPv6 in any RFC 4291
// text form. No prefix lengths, no zone ids.
bool is_ipv4_literal(std::string_view text);
bool is_ipv6_literal(std::string_view text);
bool is_ip_literal(std::string_view text);

// A container or Service port name (IANA_SVC_NAME): 1-15 of [a-z0-9-], at least one letter, no
// "--", alphanumeric at both ends.
bool is_port_name(std::string_view text);

// `what` names the thing in the message, e.g. "namespace" or "--name".
Result<void> check_dns1123_label(std::string_view text, std::string_view what);
Result<void> check_dns1123_subdomain(std::string_view text, std::string_view what);
Result<void> check_port_name(std::string_view text);
// A fixed Service cluster IP: an IP literal; "None" (headless) is refused because nothing could be
// aliased to it.
Result<void> check_cluster_ip(std::string_view text);

// The alias of `alias SERVICE FQDN`: a lower-case DNS name with at least one dot, no trailing dot,
// no wildcard, a top-level label that is not all digits, and outside `cluster_domain` (names there
// belong to Kubernetes' own DNS, which would answer them first).
Result<void> check_alias_fqdn(std::string_view fqdn,
                              std::string_view cluster_domain = k_default_cluster_domain);

// True when `name` is `domain` or ends with "." + domain (case-insensitive; trailing dots ignored).
bool is_inside_domain(std::string_view name, std::string_view domain);

// The zone an alias lives in, as `corefile patch --zone` takes it: everything after the first label
// ("my-fruits.internal" -> "internal", "a.b.example" -> "b.example").
std::string alias_zone(std::string_view fqdn);

}  // namespace meshdns::manifest
