#pragma once

// The Corefile engine's operations on whole Corefile texts. Pure: no I/O. Lossless: every byte outside
// the lines an operation adds or changes comes back as it was (comments, blank lines, tabs, CRLF, a
// missing final newline, imports, snippets, {$ENV} placeholders).

#include <meshdns/corefile/version.hpp>
#include <meshdns/result.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace meshdns::corefile {

// Which Corefile: the cluster's kube-dns (ConfigMap kube-system/coredns) or Istio's istiocoredns.
enum class Kind : std::uint8_t { kube_dns, istiocoredns };

struct PatchOptions {
  Kind kind = Kind::kube_dns;
  std::vector<std::string> zones = {"internal"};  // lower-case DNS names, no trailing dot needed
  // kube-dns: the istiocoredns Service's cluster IP ("10.96.0.60" or "10.96.0.60:53").
  // istiocoredns: the istio-coredns-plugin's address; empty means "127.0.0.1:8053".
  std::string upstream;
  Version coredns_version{1, 6, 2};  // of the CoreDNS that will load the result
};

enum class Severity : std::uint8_t { error, warning };

// One lint finding. `line` is 1-based; the message is in CoreDNS's terms, the fix says what to do:
//   line 14: grpc appears twice in server block "internal:53" (first on line 9)
//   fix: give each zone its own server block
struct Finding {
  Severity severity = Severity::error;
  std::size_t line = 0;
  std::string message;
  std::string fix;
};

// Everything CoreDNS `version` would refuse, plus warnings. Never throws; any bytes in.
std::vector<Finding> lint(std::string_view corefile, Version version);

// The Corefile with every zone of `options` routed as SPEC §1 shows. Idempotent: patch(patch(x)) ==
// patch(x). A zone block that exists with another upstream is updated in place. Refuses (Errc::usage
// for a bad zone or upstream, Errc::refused naming the first finding's line for input or output that
// lints with errors) rather than return a Corefile CoreDNS would not load; the article's grpc-twice
// istiocoredns Corefile is repaired into one server block per zone, not refused.
Result<std::string> patch(std::string_view corefile, const PatchOptions& options);

// Removes exactly what patch() added for these zones: unpatch(patch(x), o) == x byte for byte.
Result<std::string> unpatch(std::string_view corefile, const PatchOptions& options);

// Is `zone` a valid lower-case DNS name for a zone ("internal", "corp.example")? Used for flags too.
bool is_valid_zone(std::string_view zone);

}  // namespace meshdns::corefile
