#include <meshdns/verify/expectation.hpp>

namespace meshdns::verify {

std::vector<Expectation> per_replica(const std::vector<Expectation>& names,
                                     const std::vector<std::string>& replicas) {
  std::vector<Expectation> expanded;
  expanded.reserve(names.size() * replicas.size());
  for (const Expectation& name : names) {
    for (const std::string& replica : replicas) {
      Expectation copy = name;
      copy.replica = replica;
      expanded.push_back(std::move(copy));
    }
  }
  return expanded;
}

}  // namespace meshdns::verify
