#pragma once

// The Corefile engine's operations on whole Corefile texts. Pure: no I/O. Lossless: every byte
// outside the lines an operation adds or changes comes back as it was (comments, blank lines, tabs,
// CRLF, a missing final newline, imports, snippets, {$ENV} placeholders).

#include <meshdns/corefile/version.hpp>
#include <meshdns/result.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace meshdns::corefile {

// Which Corefile: the cluster's kube-dns (ConfigMap kube-system/coredns), Istio's istiocoredns, or
// NodeLocal DNSCache's (ConfigMap kube-system/node-local-dns), which must send the zones on to
// kube-dns since it forwards every name outside the cluster domain straight upstream.
enum class Kind : std::uint8_t { kube_dns, istiocoredns, node_local };

// --force: a user's own block (or line) for the zone is set aside as marked comments instead of
// refusing the patch; unpatch puts it back byte for byte.
enum class Force : bool { no, yes };

struct PatchOptions {
  Kind kind = Kind::kube_dns;
  std::vector<std::string> zones = {"internal"};  // DNS names (lower-cased), trailing dot optional
  // kube-dns: the istiocoredns Service's cluster IP ("10.96.0.60" or "10.96.0.60:53").
  // istiocoredns: the istio-coredns-plugin's address; empty means "127.0.0.1:8053".
  // node_local: how the cache reaches kube-dns: an address, or the placeholder node-cache fills in
  // at start ("__PILLAR__CLUSTER__DNS__").
  std::string upstream;
  Version coredns_version{1, 6, 2};  // of the CoreDNS that will load the result
  Force force = Force::no;
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

// Everything CoreDNS `version` would refuse, plus warnings, sorted by line. Never throws; any bytes
// in. Checks: braces (with the line of the unclosed "{"), a key glued to its brace, the same
// transport+zone+port twice (blocks with different `bind` addresses, and blocks before a later one
// of the same key that carry a `view`, are allowed as CoreDNS allows them), directives the stock
// build of that release lacks (saying which release added or removed them), once-per-block plugins
// twice in a block, forward/proxy/grpc without an upstream. Not flagged, as CoreDNS accepts them:
// import lines, {$ENV}/{%ENV%} placeholders (a directive or key holding one is not checked), and
// snippet bodies (CoreDNS checks them where imported; the imported files are not in this text).
// A directive in no stock release at all is a warning (an external plugin of a custom build, e.g.
// OpenShift's ocp_dnsnameresolver), unless it looks like a server key ("cluster.local:53"): that
// is a block whose braces are missing, an error.
std::vector<Finding> lint(std::string_view corefile, Version version);

// The Corefile with every zone of `options` routed as SPEC §1 shows (node_local: a block like
// kube-dns's, plus the `bind` line of the file's first block that has one, since NodeLocal DNSCache
// listens on its link-local and kube-dns addresses only; kube-dns below CoreDNS 1.0.5: `proxy`
// instead of `forward`; istiocoredns: on the port its catch-all block listens on): new server
// blocks go after the last block (with a blank line before them when the file separates its
// blocks so); new lines take the file's indentation, newline bytes and final-newline-or-not;
// nothing else moves. Idempotent: patch(patch(x)) == patch(x). A zone block in patch's exact form
// with another upstream is updated in place. Never edits a user's line: a user's block for the
// zone, a block serving it among other zones, or (istiocoredns <= 1.4.0) a user's proxy line for
// it is refused (Errc::refused, "line N: ...", and the fix), or with Force::yes set aside as
// marked comments (`# meshdns-saved[ZONE] ...`) that unpatch restores byte for byte.
// Refuses (Errc::usage for a zone corefile::normalize_zones refuses, the Corefile's own cluster
// domains included, or a bad upstream; Errc::refused naming the first finding's line for input or
// output that lints with errors) rather than return a Corefile CoreDNS would not load; the
// article's grpc-twice istiocoredns Corefile is repaired into one server block per zone, not
// refused.
Result<std::string> patch(std::string_view corefile, const PatchOptions& options);

// Removes exactly what patch() added for these zones, and puts back what patch --force set aside:
// unpatch(patch(x), o) == x byte for byte for any x patch accepts that does not already hold
// patch's lines. What it removes is found by content, each only in patch's exact form (no
// comments, no extra lines): a `ZONE:PORT` block of errors / cache 30 / forward|proxy . UPSTREAM
// (any one upstream unless options.upstream names one) or errors / cache 30 / grpc ZONE ADDRESS;
// a `proxy ZONE ADDRESS { protocol grpc insecure }`; an `except ZONE` line of its own in the
// catch-all forward (and the `{ }` when nothing else is in it). A user's except line that lists
// the zone among others stays. A repaired article Corefile (grpc twice in .:53, which CoreDNS
// refuses) is not restored: unpatch keeps the per-zone blocks of the other zones and removes only
// this zone's, so patch(unpatch(patch(x))) == patch(x) and every result loads in CoreDNS.
// Refuses (Errc::refused) input or output that lints with errors; idempotent.
Result<std::string> unpatch(std::string_view corefile, const PatchOptions& options);

// Is `zone` a valid lower-case DNS name for a zone ("internal", "corp.example")? Used for flags
// too.
bool is_valid_zone(std::string_view zone);

// Is `upstream` an address CoreDNS forwards to: IPv4 or IPv6, with an optional port
// ("10.96.0.60", "10.96.0.60:53", "[fd00::10]:53")? Used for --upstream and by cluster_dns for
// the other platforms' forms (stubDomains, the DNS operator's upstreams).
bool is_valid_upstream(std::string_view upstream);

}  // namespace meshdns::corefile
