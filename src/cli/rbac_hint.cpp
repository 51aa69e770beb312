#include "cli/rbac_hint.hpp"

#include <meshdns/text.hpp>

#include <string>

namespace meshdns::cli {
namespace {

// "configmaps" or "dnses.operator.openshift.io", as RBAC rules and kubectl name a resource.
std::string resource_name(const kube::ResourceRef& ref) {
  return ref.group.empty() ? ref.resource : cat(ref.resource, '.', ref.group);
}

}  // namespace

bool is_denied(const Error& error) {
  return error.code == Errc::unauthorized && starts_with(error.what, "Error from server");
}

Error explain_denied(const kube::ResourceRef& ref, std::string_view verb, std::string_view purpose,
                     Error error) {
  const std::string where = ref.namespace_name.empty()
                                ? std::string("cluster-wide")
                                : cat("in the namespace ", ref.namespace_name);
  error.why = cat(purpose, " needs permission to ", verb, ' ', resource_name(ref), ' ', where);
  error.fix = cat(
      "ask for an RBAC rule with verbs [", verb, "] on ", resource_name(ref),
      ref.group.empty() ? std::string(" (core API group)") : cat(" (API group ", ref.group, ')'),
      ", or check it with `kubectl auth can-i ", verb, ' ', resource_name(ref),
      ref.namespace_name.empty() ? std::string() : cat(" -n ", ref.namespace_name), '`');
  return error;
}

}  // namespace meshdns::cli
