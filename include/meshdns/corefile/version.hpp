#pragma once

// CoreDNS release numbers, and reading them from the image references found in clusters.

#include <meshdns/result.hpp>

#include <compare>
#include <string>
#include <string_view>

namespace meshdns::corefile {

struct Version {
  int major = 0;
  int minor = 0;
  int patch = 0;

  auto operator<=>(const Version&) const = default;
  std::string str() const;  // "1.6.2"
};

// "1.6.2", "v1.11.1", "1.8.7-eksbuild.3" (suffix after '-' ignored). Errc::usage naming the text
// and the expected form when it is not a version.
Result<Version> parse_version(std::string_view text);

// The version in a container image reference: "coredns/coredns:1.6.2",
// "registry.k8s.io/coredns/coredns:v1.11.1", "...:v1.8.7-eksbuild.3", "host:5000/coredns:1.7.0".
// A digest-only reference ("...@sha256:...") or a tag that is no version ("latest") gives
// Errc::config whose fix asks for --coredns-version.
Result<Version> version_from_image(std::string_view image);

}  // namespace meshdns::corefile
