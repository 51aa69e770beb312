#include <meshdns/manifest/object.hpp>
#include <meshdns/text.hpp>

#include <array>
#include <utility>

namespace meshdns::manifest {

namespace {
constexpr std::array<std::pair<IstioApiVersion, std::string_view>, 3> k_istio_versions{{
    {IstioApiVersion::v1, "v1"},
    {IstioApiVersion::v1beta1, "v1beta1"},
    {IstioApiVersion::v1alpha3, "v1alpha3"},
}};
constexpr std::string_view k_istio_group = "networking.istio.io/";
}  // namespace

std::string_view istio_api_version(IstioApiVersion version) {
  switch (version) {
    case IstioApiVersion::v1:
      return "networking.istio.io/v1";
    case IstioApiVersion::v1beta1:
      return "networking.istio.io/v1beta1";
    case IstioApiVersion::v1alpha3:
      return "networking.istio.io/v1alpha3";
  }
  return "networking.istio.io/v1";
}

Result<IstioApiVersion> parse_istio_api_version(std::string_view text) {
  std::string_view bare = text;
  if (starts_with(bare, k_istio_group)) {
    bare.remove_prefix(k_istio_group.size());
  }
  for (const auto& [version, name] : k_istio_versions) {
    if (bare == name) {
      return version;
    }
  }
  return fail(
      Errc::usage, cat("unknown Istio API version \"", text, "\""),
      "ServiceEntry and VirtualService exist in networking.istio.io v1, v1beta1 and v1alpha3",
      "use one of v1, v1beta1, v1alpha3");
}

}  // namespace meshdns::manifest
