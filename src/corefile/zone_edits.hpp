#pragma once

// The per-zone edits of patch and unpatch for each kind of Corefile, on one parsed Document. Each
// function only computes edits; engine.cpp applies them, re-parses and lints. The rule they all
// keep: patch writes new lines or changes lines in its own exact form, never a user's line; what
// stands in its way is refused (line, reason, fix) or, with --force, set aside (set_aside.hpp).

#include "corefile/layout.hpp"
#include "corefile/syntax_tree.hpp"
#include "corefile/tree_edits.hpp"

#include <meshdns/corefile/engine.hpp>
#include <meshdns/corefile/version.hpp>
#include <meshdns/result.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace meshdns::corefile {

// istiocoredns gets the grpc form above CoreDNS 1.4.0 and the proxy form up to it: Istio's chart
// cuts at 1.4.0, and grpc first shipped in 1.5.0.
inline bool istio_grpc_form(const PatchOptions& options) {
  return options.kind == Kind::istiocoredns && options.coredns_version > Version{1, 4, 0};
}

// The user's lines where patch would write for `zone`: a server block for the zone that is not in
// the form patch writes for options.kind, a block serving the zone together with other keys
// (`.:53 internal:53 { ... }`), and on istiocoredns <= 1.4.0 a `proxy ZONE ...` line in the
// catch-all block that is not patch's. Refused (Errc::refused, "line N: ...") unless
// options.force, then set aside as marked comments for unpatch to put back.
Result<std::vector<Edit>> clear_way_for_zone(const Document& document, std::string_view zone,
                                             const PatchOptions& options);

// The upstream verb of the kube-dns zone block: CoreDNS before 1.0.5 has no forward plugin.
std::string_view kube_dns_verb(Version version);

// kube-dns: `ZONE:53 { errors / cache 30 / forward . UPSTREAM }` (proxy before 1.0.5), or the
// upstream of the zone's block in that form replaced in place.
Result<std::vector<Edit>> add_kube_dns_zone(const Document& document, const Style& style,
                                            std::string_view zone, std::string_view upstream,
                                            Version version);
// Removes the zone's block only if it is exactly that form ("*" as upstream: any one address). A
// block in that form that existed before patch goes too: it is indistinguishable from patch's.
std::vector<Edit> remove_kube_dns_zone(const Document& document, std::string_view zone,
                                       std::string_view upstream, Version version);

// NodeLocal DNSCache: `ZONE:53 { errors / cache 30 / bind ADDRESSES / forward . UPSTREAM }`, the
// bind line copied from the first block that has one (none when no block binds); an existing
// block in that form is updated as kube-dns's is. Removal takes only that exact form.
Result<std::vector<Edit>> add_node_local_zone(const Document& document, const Style& style,
                                              std::string_view zone, std::string_view upstream);
std::vector<Edit> remove_node_local_zone(const Document& document, std::string_view zone,
                                         std::string_view upstream);
// The lines of NodeLocal DNSCache's zone block ("*" upstream: any one).
std::vector<LineShape> node_local_shape(const Document& document, std::string_view upstream);

// istiocoredns for CoreDNS <= 1.4.0: `proxy ZONE ADDRESS { protocol grpc insecure }` in the
// catch-all block, next to the other proxy-to-plugin lines.
Result<std::vector<Edit>> add_istio_proxy(const Document& document, const Style& style,
                                          std::string_view zone, std::string_view address);
// istiocoredns for CoreDNS > 1.4.0: `ZONE:PORT { errors / cache 30 / grpc ZONE ADDRESS }` on the
// catch-all block's port, and an `except ZONE` line of its own in the catch-all `forward . ...`
// (unless an except there already lists the zone), because forward runs before grpc.
Result<std::vector<Edit>> add_istio_grpc(const Document& document, const Style& style,
                                         std::string_view zone, std::string_view address);
std::vector<Edit> add_forward_except(const Document& document, const Style& style,
                                     std::string_view zone);
// Removes whichever form patch wrote (either version), each only in its exact form: the zone
// block, the proxy line, the `except ZONE` line (and the `{ }` around it when nothing else is in
// it). An except line of the user's that lists the zone among others is not patch's and stays.
std::vector<Edit> remove_istio_zone(const Document& document, std::string_view zone,
                                    std::string_view address);

// The article's form (several `grpc ZONE ...` in the .:53 block, which CoreDNS refuses) rewritten
// as one server block per zone. grpc lines for `zones` are only removed (patch adds their blocks);
// the others move verbatim into their own blocks. `moved` gets the zones that moved.
std::vector<Edit> repair_grpc_in_root_block(const Document& document, const Style& style,
                                            const std::vector<std::string>& zones,
                                            std::vector<std::string>& moved);

}  // namespace meshdns::corefile
