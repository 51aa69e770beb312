#pragma once

// YAML <-> JSON for everything that reads or writes manifests (--from-manifests, apply bodies,
// golden files). Scalars follow the YAML 1.1 rules kubectl applies (sigs.k8s.io/yaml over go-yaml
// v2): a plain `1` is an integer, `yes`/`on`/`true` are booleans, `~`/`null`/empty are null, and
// anything quoted stays a string ("1" and "true" included).

#include <meshdns/result.hpp>

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace meshdns::manifest {

// Every non-empty document of a multi-document YAML stream, in order; empty documents (a trailing
// "---", a comment-only document) are skipped as kubectl skips them. Mapping keys become strings.
// Errors (Errc::config) name the line: YAML syntax errors, duplicate keys (kubectl refuses them),
// keys that are not scalars, and a document whose aliases expand it past 64 values per input byte
// (a "billion laughs"). Key order is not kept (nlohmann::json sorts keys). Merge keys (`<<`) are
// not expanded; yaml-cpp does not support them.
Result<std::vector<nlohmann::json>> parse_yaml_documents(std::string_view text);

// One block-style YAML document with a final newline. Strings that would read back as another type
// are double-quoted, so parse_yaml_documents(to_yaml(j)) == {j} for any j without NaN/infinity. The
// ordered overload keeps insertion order; the other prints keys sorted.
std::string to_yaml(const nlohmann::json& value);
std::string to_yaml(const nlohmann::ordered_json& value);

}  // namespace meshdns::manifest
