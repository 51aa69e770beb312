#pragma once

// Turns one name's A and AAAA answers into a verdict. Pure.

#include <meshdns/dns/answer.hpp>
#include <meshdns/verify/expectation.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace meshdns::verify {

enum class Status : std::uint8_t {
  pass,
  mismatch,        // addresses differ from the expected ones
  owner_mismatch,  // address records whose owner is neither the question nor a CNAME it leads to
  nxdomain,
  nodata,  // the name exists without A or AAAA records
  servfail,
  refused,
  timeout,
  error,  // anything else (connection refused, malformed response); `detail` says what
};
const char* to_string(Status status);  // "PASS", "MISMATCH", "OWNER_MISMATCH", "NXDOMAIN", ...
inline bool passed(Status status) {
  return status == Status::pass;
}

struct NameResult {
  std::string name;
  Status status = Status::error;
  std::vector<std::string> got;           // addresses on the question's chain, sorted
  std::vector<std::string> want;          // expected addresses, sorted; empty: any
  std::vector<std::string> stray_owners;  // owners of address records off the chain
  std::vector<std::string> warnings;      // reported, but the name still passes or fails alone
  std::string detail;                     // for Status::error
  std::string replica;                    // the expectation's replica; empty without one
};

// A CNAME chain that starts at the question (alias.internal CNAME target.internal, then target's A)
// is what every stub resolver accepts, so it passes; an address whose owner is off that chain is
// what a rewrite without answer rewriting produces, and clients such as glibc drop it.
NameResult judge(const Expectation& expectation, const dns::Answer& a, const dns::Answer& aaaa);

// The one-line verdict: "PASS", "MISMATCH got 10.0.0.2, 10.0.0.3; want 10.0.0.1",
// "OWNER_MISMATCH answer owner svc.ns.svc.cluster.local, question alias.internal", "TIMEOUT".
std::string describe(const NameResult& result);

}  // namespace meshdns::verify
