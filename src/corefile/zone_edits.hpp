#pragma once

// The per-zone edits of patch and unpatch for each kind of Corefile, on one parsed Document. Each
// function only computes edits; engine.cpp applies them, re-parses and lints.

#include "corefile/layout.hpp"
#include "corefile/syntax_tree.hpp"

#include <meshdns/corefile/version.hpp>
#include <meshdns/result.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace meshdns::corefile {

// kube-dns: `ZONE:53 { errors / cache 30 / forward . UPSTREAM }`, or the upstream of the zone's
// existing block replaced in place.
Result<std::vector<Edit>> add_kube_dns_zone(const Document& document, const Style& style,
                                            std::string_view zone, std::string_view upstream);
// Removes the zone's block only if it is exactly that form ("*" as upstream: any one address). A
// block that existed before patch and was updated in place has that form too, so it goes as well:
// patch cannot know the upstream it replaced. Any other block for the zone stays as it is,
// including a forward line patch added to it: a user's own forward line looks the same.
std::vector<Edit> remove_kube_dns_zone(const Document& document, std::string_view zone,
                                       std::string_view upstream);

// NodeLocal DNSCache: `ZONE:53 { errors / cache 30 / bind ADDRESSES / forward . UPSTREAM }`, the
// bind line copied from the first block that has one (none when no block binds); an existing
// block for the zone is updated as kube-dns's is. Removal takes only that exact form.
Result<std::vector<Edit>> add_node_local_zone(const Document& document, const Style& style,
                                              std::string_view zone, std::string_view upstream);
std::vector<Edit> remove_node_local_zone(const Document& document, std::string_view zone,
                                         std::string_view upstream);

// istiocoredns for CoreDNS <= 1.4.0: `proxy ZONE ADDRESS { protocol grpc insecure }` in the .:53
// block, next to the other proxy-to-plugin lines.
Result<std::vector<Edit>> add_istio_proxy(const Document& document, const Style& style,
                                          std::string_view zone, std::string_view address);
// istiocoredns for CoreDNS > 1.4.0: `ZONE:53 { errors / cache 30 / grpc ZONE ADDRESS }` and
// `except ZONE` on the .:53 block's `forward . ...`, because forward runs before grpc.
Result<std::vector<Edit>> add_istio_grpc(const Document& document, const Style& style,
                                         std::string_view zone, std::string_view address);
std::vector<Edit> add_forward_except(const Document& document, const Style& style,
                                     std::string_view zone);
// Removes whichever form patch wrote (either version), each only in its exact form, and the zone
// from the forward's except list (the list, and a { } patch created for it, when it empties).
std::vector<Edit> remove_istio_zone(const Document& document, std::string_view zone,
                                    std::string_view address);

// The article's form (several `grpc ZONE ...` in the .:53 block, which CoreDNS refuses) rewritten
// as one server block per zone. grpc lines for `zones` are only removed (patch adds their blocks);
// the others move verbatim into their own blocks. `moved` gets the zones that moved.
std::vector<Edit> repair_grpc_in_root_block(const Document& document, const Style& style,
                                            const std::vector<std::string>& zones,
                                            std::vector<std::string>& moved);

}  // namespace meshdns::corefile
