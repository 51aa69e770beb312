#pragma once

// The `coredns` backend's edit: one `rewrite name exact ALIAS SERVICE.NS.svc.DOMAIN` line per alias
// in the kube-dns server block that holds the `kubernetes` plugin, so CoreDNS answers the alias
// with the Service's cluster IP in every pod, with or without Istio. Pure: values in, values out.
//
// Why these lines and nothing else (sources in docs/backends.md):
// - rewrite does not send the renamed question to another server block; it goes on down the plugin
//   chain of the block CoreDNS picked, so the line must sit in the block whose `kubernetes` answers
//   the target (coredns/coredns#5265, kubernetes/dns#525);
// - an `exact` name rule rewrites the answer's owner name back to the question's since CoreDNS
//   1.2.5, so resolvers see `ALIAS A IP`; before that they see the target's name and drop it;
// - `answer auto` is never written: CoreDNS up to 1.8.3 refuses it as a parse error;
// - CoreDNS picks the server block with the longest zone that contains the name, so the line only
//   acts when no other block serves a longer zone holding the alias.

#include <meshdns/corefile/version.hpp>
#include <meshdns/result.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace meshdns::corefile {

// The first CoreDNS release whose exact name rule rewrites the answer's owner name back.
inline constexpr Version k_first_answer_rewriting_release{1, 2, 5};

// One alias. The target is either `target`, a full Service name inside the block's cluster domain
// ("fruits-api-service.micro-shake-factory.svc.cluster.local", file mode's --alias FQDN=TARGET), or
// made of `service` and `namespace_name` as SERVICE.NAMESPACE.svc.<cluster domain>, the domain read
// from the block's `kubernetes` line (never assumed). Removal needs only `alias`.
struct AliasRewrite {
  std::string
      alias;  // "my-fruits.internal": lower-case DNS name with a dot; a trailing dot is dropped
  std::string target;
  std::string service;
  std::string namespace_name;

  bool operator==(const AliasRewrite&) const = default;
};

struct RewriteOptions {
  std::vector<AliasRewrite> aliases;
  Version coredns_version{1, 11, 3};  // of the CoreDNS that loads the result
};

// The Corefile with one `rewrite name exact ALIAS TARGET` line per alias in every server block that
// holds `kubernetes` and serves the alias's name. A new line copies the indentation and newline
// bytes of its neighbours and goes after the tool's other rewrite lines of that block, else just
// before the `kubernetes` line (where it reads well; plugin.cfg, not the line's place, decides when
// rewrite runs). Idempotent; a line for the alias with another target is updated in place; all
// aliases in one call. Refuses (Errc::refused, naming the line and the fix):
// - CoreDNS below 1.2.5 (the answer would carry the target's owner name);
// - input or output that CoreDNS would refuse (lint errors);
// - no block holds `kubernetes`, or none of those serves the alias's name;
// - another server block on the same port serves a longer zone holding the alias (an `internal:53`
//   block left by the istiocoredns backend, a user's zone): CoreDNS would send the alias there and
//   the line would do nothing;
// - a line of the user's that already rewrites the alias in another form.
// Errc::usage for an alias that is not a DNS name with a dot or lies in the cluster domain, a
// target outside the cluster domain's services, or one alias given two targets.
Result<std::string> patch_rewrites(std::string_view corefile, const RewriteOptions& options);

// Removes the tool's lines for the aliases (any target), found by content in the exact form
// patch_rewrites writes: unpatch_rewrites(patch_rewrites(x)) == x byte for byte, and removing one
// alias leaves the others' lines alone. Lines in other forms stay. Refuses input or output that
// lints with errors.
Result<std::string> unpatch_rewrites(std::string_view corefile, const RewriteOptions& options);

// The tool's lines found in the blocks that hold `kubernetes` (alias and target filled in), in file
// order: what `corefile status` and `alias list` compare with what should be there.
std::vector<AliasRewrite> rewrites_in(std::string_view corefile);

// The cluster domain of the first server block that holds `kubernetes`: the first zone on its
// `kubernetes` line that is not a reverse zone ("cluster.local"), else the block's own first zone.
// Errc::refused when no block holds the plugin.
Result<std::string> cluster_domain_of(std::string_view corefile);

// Would CoreDNS hand each alias to a block that holds `kubernetes`? The check patch_rewrites makes,
// for the forms that write elsewhere (the `.override` body): pass the platform's Corefile with the
// bodies of the `*.server` files it imports appended, since a block there (an `internal:53` the
// istiocoredns backend wrote into coredns-custom) wins the alias just the same. Errc::refused as
// patch_rewrites refuses (version, no kubernetes block, another block winning the alias).
Result<void> check_rewrite_reach(std::string_view corefile, const RewriteOptions& options);

// k3s and AKS: the body of a `coredns-custom` ConfigMap key ending `.override`, which their
// Corefile imports inside `.:53` next to `kubernetes` (a `.server` key makes a server block of its
// own, where a rewrite has no effect). The body holds bare directives; `cluster_domain` comes from
// the platform's Corefile (cluster_domain_of). Same rules as above for the lines: found by
// content, appended after the body's last line, updated in place, idempotent, lossless (an empty
// body becomes "LINE\n"), and unpatch_override(patch_override(x)) == x.
Result<std::string> patch_override(std::string_view body, const RewriteOptions& options,
                                   std::string_view cluster_domain);
Result<std::string> unpatch_override(std::string_view body, const RewriteOptions& options);
std::vector<AliasRewrite> override_rewrites(std::string_view body);

}  // namespace meshdns::corefile
