#pragma once

// A 403 from the API server, with the RBAC rule that is missing. The server's Forbidden message
// already names the verb, the resource and the namespace ("User "x" cannot get resource
// "configmaps" in API group "" in the namespace "kube-system""), so it is kept verbatim; the why
// says what needed it, the fix spells out the rule. One wording for every read and write.

#include <meshdns/kube/requests.hpp>
#include <meshdns/result.hpp>

#include <string_view>

namespace meshdns::cli {

// Is this the API server's refusal (403 with its Status), rather than a 401 or a local failure?
bool is_denied(const Error& error);

// purpose: "reading the DNS configuration", "saving the previous state"...
Error explain_denied(const kube::ResourceRef& ref, std::string_view verb, std::string_view purpose,
                     Error error);

}  // namespace meshdns::cli
