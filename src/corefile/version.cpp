#include <meshdns/corefile/version.hpp>
#include <meshdns/text.hpp>

#include <charconv>
#include <cstddef>

namespace meshdns::corefile {
namespace {

constexpr std::string_view k_expected_form = "expected MAJOR.MINOR.PATCH such as 1.6.2 or v1.11.1";

// One decimal component with no sign and no leading '+'; bounded so "99999999999" is not UB.
bool parse_component(std::string_view text, int& out) {
  if (text.empty() || text.size() > 6) {
    return false;
  }
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc{} && end == text.data() + text.size();
}

Error no_version_in_image(std::string_view image, std::string_view why) {
  return fail(Errc::config, cat("cannot tell the CoreDNS version of image ", image),
              std::string(why), "pass --coredns-version, e.g. --coredns-version 1.6.2");
}

}  // namespace

std::string Version::str() const {
  return cat(major, '.', minor, '.', patch);
}

Result<Version> parse_version(std::string_view text) {
  std::string_view rest = text;
  if (!rest.empty() && (rest.front() == 'v' || rest.front() == 'V')) {
    rest.remove_prefix(1);
  }
  // Build suffixes ("-eksbuild.3", "+meta") say nothing about the upstream release.
  if (const std::size_t suffix = rest.find_first_of("-+"); suffix != std::string_view::npos) {
    rest = rest.substr(0, suffix);
  }
  const std::vector<std::string_view> parts = split(rest, '.');
  Version version;
  if (parts.size() != 3 || !parse_component(parts[0], version.major) ||
      !parse_component(parts[1], version.minor) || !parse_component(parts[2], version.patch)) {
    return fail(Errc::usage, cat("invalid CoreDNS version \"", text, "\""),
                std::string(k_expected_form),
                "pass a release number such as --coredns-version 1.6.2");
  }
  return version;
}

Result<Version> version_from_image(std::string_view image) {
  // name[:tag][@digest]; a digest pins bytes but names no release.
  std::string_view name_and_tag = image.substr(0, image.find('@'));
  // A ':' before the last '/' is a registry port (host:5000/coredns), not a tag.
  const std::size_t last_slash = name_and_tag.rfind('/');
  const std::size_t colon = name_and_tag.rfind(':');
  if (colon == std::string_view::npos ||
      (last_slash != std::string_view::npos && colon < last_slash)) {
    return no_version_in_image(image, "the image reference has no tag");
  }
  const std::string_view tag = name_and_tag.substr(colon + 1);
  Result<Version> version = parse_version(tag);
  if (!version) {
    return no_version_in_image(image, cat("its tag \"", tag, "\" is not a release number"));
  }
  return version;
}

}  // namespace meshdns::corefile
