#pragma once

// Label selectors in kubectl's syntax (`-l`, `?labelSelector=`), for reading objects from manifests
// the way the API server filters a list: `app=web`, `app==web`, `tier!=db`, `env in (a,b)`,
// `env notin (a)`, `app` (has the label), `!app` (lacks it), `replicas>2`; requirements joined by
// commas must all hold. An empty selector matches everything. Pure.

#include <meshdns/result.hpp>

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace meshdns::manifest {

class LabelSelector {
 public:
  enum class Op { exists, does_not_exist, equals, not_equals, in, not_in, greater, less };
  struct Requirement {
    std::string key;
    Op op = Op::exists;
    std::vector<std::string> values;  // one for equals/not_equals/greater/less, any for in/not_in
  };

  // Errc::usage naming the selector and what is wrong with it.
  static Result<LabelSelector> parse(std::string_view text);

  // `labels` is metadata.labels: an object of strings, or null/absent (no labels).
  bool matches(const nlohmann::json& labels) const;

  const std::vector<Requirement>& requirements() const { return m_requirements; }

 private:
  std::vector<Requirement> m_requirements;
};

}  // namespace meshdns::manifest
