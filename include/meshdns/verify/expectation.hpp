#pragma once

// What each name must resolve to, whichever source it came from (arguments, a names file,
// manifests, the cluster). Pure: text in, values out.

#include <meshdns/result.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace meshdns::verify {

struct Expectation {
  std::string name;                    // lower-case DNS name, no final dot
  std::vector<std::string> addresses;  // canonical text, sorted; empty: any address passes
  std::string origin;                  // where it was read: "argument", "names.txt:12", ...
  std::vector<std::string> notes;      // problems found while reading it (reported as warnings)
  std::string replica;  // verify --via-cluster / --pod: the pod asked ("kube-system/coredns-a");
                        // empty: the resolvers of --server or /etc/resolv.conf
};

// Where the CLI gets expectations from when they live outside the command line (the cluster's
// ServiceEntries, manifests). The cluster implementation belongs to the Kubernetes client.
class ExpectationSource {
 public:
  virtual ~ExpectationSource() = default;
  virtual Result<std::vector<Expectation>> expectations() = 0;
};

// Accepts a trailing dot and strips it. Fails with Errc::usage when the name is not a lower-case
// DNS name (labels of a-z, 0-9 and '-', at most 63 bytes each, 253 in all).
Result<std::string> validate_name(std::string_view name);

// "10.0.0.1", "FD00::0001" -> canonical text ("fd00::1"); nullopt when not an IP address.
std::optional<std::string> canonical_address(std::string_view text);

// Builds an expectation from a name and address texts, validating both; `origin` prefixes errors.
Result<Expectation> make_expectation(std::string_view name,
                                     const std::vector<std::string>& addresses, std::string origin);

// A names file: one `NAME [IP...]` a line, `#` starts a comment, blank lines are skipped.
// `file_label` names the file in errors and origins ("names.txt", "stdin").
Result<std::vector<Expectation>> parse_names_file(std::string_view text,
                                                  std::string_view file_label);

// verify --via-cluster / --pod: one expectation per name and replica, name by name (so reports
// list a name's replicas together), each carrying its replica's label.
std::vector<Expectation> per_replica(const std::vector<Expectation>& names,
                                     const std::vector<std::string>& replicas);

// Joins lists from several sources in order. A name given twice with the same addresses is kept
// once; with different addresses it is a usage error naming both places.
Result<std::vector<Expectation>> merge_expectations(std::vector<Expectation> expectations);

}  // namespace meshdns::verify
