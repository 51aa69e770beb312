#pragma once

// The rewrite line the coredns backend writes, how it is recognised (by content, in exactly the
// form written), and the checks on aliases and targets that the Corefile edit and the k3s/AKS
// `.override` edit share.

#include "corefile/syntax_tree.hpp"

#include <meshdns/corefile/rewrite.hpp>
#include <meshdns/result.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace meshdns::corefile {

struct ToolRewrite {
  std::string alias;
  std::string target;
};

// "rewrite name exact ALIAS TARGET": no `stop`/`continue`, no `answer auto` (a parse error up to
// CoreDNS 1.8.3), names without a trailing dot.
std::string tool_rewrite_line(std::string_view alias, std::string_view target);

// The words of a line (unquoted tokens' texts) if they are exactly such a line.
std::optional<ToolRewrite> tool_rewrite_words(const std::vector<std::string_view>& words);

// The name an exact name rule renames, lower-case without a trailing dot, for any spelling CoreDNS
// reads as one: "rewrite [stop|continue] name [exact] FROM TO ..." (values, quotes removed).
std::optional<std::string> exact_rewrite_source(const std::vector<std::string>& values);

// The same for a parsed directive. tool_rewrite() also requires the line to be the directive's own:
// nothing before it on its line, no comment after it, no sub-block, so removing it removes exactly
// what patch inserted.
std::optional<ToolRewrite> tool_rewrite(const Document& document, const Directive& directive);
std::optional<std::string> exact_rewrite_source(const Document& document,
                                                const Directive& directive);

// The aliases of `options`, normalised (lower-case, no trailing dot) and each once; with
// `targets`, each must have a target or a Service and namespace. Errc::usage otherwise.
Result<std::vector<AliasRewrite>> checked_aliases(const RewriteOptions& options, bool targets);

// Errc::refused for CoreDNS below 1.2.5, saying why.
std::optional<Error> refuse_old_coredns(Version version);

// The target of `alias` where the kubernetes plugin serves `domains` (not fully qualified), or why
// not: the alias inside a cluster domain, a target that is no SERVICE.NAMESPACE.svc.DOMAIN. `where`
// names the source of the domains for messages ("the kubernetes plugin on line 7").
Result<std::string> target_in(const AliasRewrite& alias, const std::vector<std::string>& domains,
                              std::string_view where);

// "cluster.local." -> "cluster.local"; the root stays ".".
std::string without_trailing_dot(std::string name);

}  // namespace meshdns::corefile
