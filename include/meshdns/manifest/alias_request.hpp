#pragma once

// The file `alias -f FILE` reads: a YAML (or JSON) list of the aliases to create, one
// `{service, namespace, fqdn}` mapping per alias. Pure: the caller reads the file.

#include <meshdns/result.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace meshdns::manifest {

// One alias to create: `fqdn` becomes an alias of Service `service` in `namespace_name`.
struct AliasRequest {
  std::string service;
  std::string namespace_name;
  std::string fqdn;
};

// `text` holds one YAML document that is a list of mappings with the keys `service` and `fqdn`
// (strings, required) and `namespace` (optional: `default_namespace`). The names themselves are
// not checked here: a bad FQDN fails that alias alone, as the rest are still applied. Errors
// (Errc::config, `origin` names the file): YAML that does not parse, a document that is not a
// list, an item that is not a mapping, a missing or non-string value, an unknown key (a typo such
// as `fdqn` would otherwise be dropped silently), an FQDN listed twice (the two would overwrite
// each other), and a list with no items.
Result<std::vector<AliasRequest>> parse_alias_requests(std::string_view text,
                                                       std::string_view origin,
                                                       std::string_view default_namespace);

}  // namespace meshdns::manifest
