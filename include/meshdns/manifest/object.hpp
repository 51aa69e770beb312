#pragma once

// What every builder in meshdns::manifest returns: a Kubernetes object as an insertion-ordered JSON
// tree. Insertion order is the printing order (apiVersion, kind, metadata, spec; inside metadata
// name, namespace, labels, annotations), so YAML and JSON output read like a hand-written manifest
// and come out the same on every run. The module is pure: values in, values out, no I/O.

#include <meshdns/result.hpp>

#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <string_view>

namespace meshdns::manifest {

using Object = nlohmann::ordered_json;
// Sorted by key, as kubectl prints them, so output never depends on the order flags were given.
using Labels = std::map<std::string, std::string>;

// Every object the tool creates carries this label, so `alias list` and `alias delete` can find
// exactly what the tool owns and nothing else.
inline constexpr std::string_view k_managed_by_key = "app.kubernetes.io/managed-by";
inline constexpr std::string_view k_managed_by_value = "kubectl-meshdns";
// Annotations on a ServiceEntry the tool made: the Service it aliases ("NAMESPACE/NAME") and the
// alias itself, so ownership checks need no parsing of spec.
inline constexpr std::string_view k_service_annotation = "meshdns.io/service";
inline constexpr std::string_view k_alias_annotation = "meshdns.io/alias";

// networking.istio.io versions, newest first. Istio 1.1-1.4 serve only v1alpha3, 1.5-1.21 add
// v1beta1, 1.22+ add v1; all three carry the same schema for the objects built here.
enum class IstioApiVersion { v1, v1beta1, v1alpha3 };

// "networking.istio.io/v1", ...
std::string_view istio_api_version(IstioApiVersion version);

// For `--api-version`: accepts "v1" or "networking.istio.io/v1" (and the same for the others);
// anything else is an Errc::usage error that lists the accepted values.
Result<IstioApiVersion> parse_istio_api_version(std::string_view text);

}  // namespace meshdns::manifest
