#include "corefile/editing.hpp"
#include "corefile/layout.hpp"
#include "corefile/lint_checks.hpp"
#include "corefile/rewrite_rules.hpp"
#include "corefile/route_match.hpp"
#include "corefile/syntax_tree.hpp"
#include "corefile/tree_edits.hpp"
#include "corefile/zone_key.hpp"

#include <meshdns/corefile/engine.hpp>
#include <meshdns/corefile/rewrite.hpp>
#include <meshdns/text.hpp>

#include <algorithm>
#include <optional>
#include <unordered_map>
#include <utility>

namespace meshdns::corefile {

namespace {

// A block that holds `kubernetes`, with what the plugin serves.
struct KubernetesBlock {
  const ServerBlock* block = nullptr;
  const Directive* kubernetes = nullptr;
  std::vector<std::string> domains;  // not fully qualified: "cluster.local"
};

bool is_reverse_zone(std::string_view fqdn) {
  return zone_contains("in-addr.arpa.", fqdn) || zone_contains("ip6.arpa.", fqdn);
}

// The forward zones the plugin answers: its own arguments, or without any the block's keys (as the
// plugin does when the line names no zone).
std::vector<std::string> served_domains(const Document& document, const ServerBlock& block,
                                        const Directive& kubernetes) {
  std::vector<std::string> zones;
  for (TokenIndex arg : kubernetes.args) {
    zones.push_back(fully_qualified(document.value(arg)));
  }
  if (zones.empty()) {
    for (TokenIndex key : block.keys) {
      if (const auto parsed = parse_zone_key(document.value(key))) {
        zones.push_back(parsed->zone);
      }
    }
  }
  std::vector<std::string> out;
  for (const std::string& zone : zones) {
    // Reverse zones (and CIDR keys, which CoreDNS turns into them) hold no Service names.
    if (zone != "." && is_valid_zone(zone) && !is_reverse_zone(zone)) {
      out.push_back(without_trailing_dot(zone));
    }
  }
  return out;
}

std::vector<KubernetesBlock> kubernetes_blocks(const Document& document) {
  std::vector<KubernetesBlock> out;
  for (const ServerBlock& block : document.blocks()) {
    if (block.kind != BlockKind::server) {
      continue;
    }
    if (const Directive* kubernetes = find_directive(document, block.directives, "kubernetes")) {
      out.push_back({&block, kubernetes, served_domains(document, block, *kubernetes)});
    }
  }
  return out;
}

bool holds_kubernetes(const std::vector<KubernetesBlock>& kubes, const ServerBlock* block) {
  return std::any_of(kubes.begin(), kubes.end(),
                     [block](const KubernetesBlock& kube) { return kube.block == block; });
}

Error no_kubernetes_block() {
  return fail(Errc::refused, "no server block holds the kubernetes plugin",
              "the coredns backend adds its rewrite lines to the block whose kubernetes plugin "
              "answers the Service names, and this Corefile has none",
              "pass the cluster's kube-dns Corefile (ConfigMap kube-system/coredns, key Corefile)");
}

std::string where(const Document& document, const KubernetesBlock& kube) {
  return cat("the kubernetes plugin on line ", document.line_of(kube.kubernetes->name));
}

// The rewrite lines of one block, read once (a block may hold thousands of aliases): the tool's
// lines by alias, the first line per alias that rewrites it in another form, and the tool's last.
struct BlockRewrites {
  std::unordered_map<std::string, std::vector<const Directive*>> tool;
  std::unordered_map<std::string, const Directive*> other;
  const Directive* last_tool = nullptr;
};

BlockRewrites rewrites_of(const Document& document, const ServerBlock& block) {
  BlockRewrites out;
  for (const Directive& directive : block.directives) {
    if (document.value(directive.name) != "rewrite") {
      continue;
    }
    if (std::optional<ToolRewrite> line = tool_rewrite(document, directive)) {
      out.tool[std::move(line->alias)].push_back(&directive);
      out.last_tool = &directive;
    } else if (std::optional<std::string> alias = exact_rewrite_source(document, directive)) {
      out.other.emplace(std::move(*alias), &directive);
    }
  }
  return out;
}

// Where a block's new rewrite lines go: after its last tool line; else just before `kubernetes`,
// i.e. after the directive before it or the block's "{" (unless kubernetes shares the "{" line,
// where a line inserted after "{" would swallow it: then after kubernetes).
TokenIndex insertion_anchor(const Document& document, const KubernetesBlock& kube,
                            const BlockRewrites& rewrites) {
  if (rewrites.last_tool != nullptr) {
    return rewrites.last_tool->last;
  }
  const Directive* before = nullptr;
  for (const Directive& directive : kube.block->directives) {
    if (&directive == kube.kubernetes) {
      break;
    }
    before = &directive;
  }
  if (before != nullptr) {
    return before->last;
  }
  const TokenIndex name = kube.kubernetes->name;
  if (document.kind(name - 1) == TokenKind::newline || !line_indent(document, name).empty()) {
    return *kube.block->open;
  }
  return kube.kubernetes->last;
}

// The indentation of the block's directive lines, from the kubernetes line when it starts one.
std::string line_indent_for(const Document& document, const KubernetesBlock& kube,
                            const Style& style) {
  const std::string own = line_indent(document, kube.kubernetes->name);
  return own.empty() ? body_indent(document, *kube.block, style) : own;
}

Error shadowed(const Document& document, const AliasRewrite& alias, const KubernetesBlock& kube,
               const BlockMatch& winner) {
  const std::string zone = without_trailing_dot(winner.zone);
  return fail(Errc::refused, cat("cannot alias ", alias.alias, " with a rewrite line"),
              cat("line ", document.line_of(winner.key), ": CoreDNS hands ", alias.alias,
                  " to server block ", block_label(document, *winner.block),
                  ", the longest zone holding it, not to the kubernetes block on line ",
                  document.line_of(kube.block->first), ", so a rewrite line would do nothing"),
              cat("remove that block, with kubectl meshdns corefile unpatch --zone ", zone,
                  " if the istiocoredns backend wrote it, or pick an alias outside ", zone));
}

// The blocks that must get the alias's line: those holding kubernetes that CoreDNS hands the alias
// to (match_block, the rule `explain` uses too). A block on the same port whose zone holding the
// alias is longer wins it, and the line would do nothing: refused, unless that block holds
// kubernetes and gets the line itself. Blocks whose zones tie (bind or view twins) each get it.
Result<std::vector<const KubernetesBlock*>> blocks_for(const Document& document,
                                                       const std::vector<KubernetesBlock>& kubes,
                                                       const AliasRewrite& alias) {
  const std::string name = fully_qualified(alias.alias);
  std::vector<const KubernetesBlock*> out;
  std::optional<BlockMatch> elsewhere;  // who gets the alias when no kubernetes block does
  for (const KubernetesBlock& kube : kubes) {
    bool serves = false;
    for (TokenIndex key : kube.block->keys) {
      const std::optional<ZoneKey> parsed = parse_zone_key(document.value(key));
      if (!parsed) {
        continue;
      }
      const std::optional<BlockMatch> winner =
          match_block(document, RouteQuery{alias.alias, parsed->transport, parsed->port, ""});
      if (!zone_contains(parsed->zone, name)) {
        if (winner && !elsewhere) {
          elsewhere = winner;
        }
        continue;
      }
      const bool lost =
          winner && winner->block != kube.block && winner->zone.size() > parsed->zone.size();
      if (lost && !holds_kubernetes(kubes, winner->block)) {
        return shadowed(document, alias, kube, *winner);
      }
      serves = serves || !lost;
    }
    if (serves) {
      out.push_back(&kube);
    }
  }
  if (!out.empty()) {
    return out;
  }
  const KubernetesBlock& first = kubes.front();
  if (elsewhere) {
    return shadowed(document, alias, first, *elsewhere);
  }
  return fail(Errc::refused, cat("cannot alias ", alias.alias, " with a rewrite line"),
              cat("line ", document.line_of(first.block->first), ": the kubernetes block ",
                  block_label(document, *first.block), " does not serve ", alias.alias,
                  ", and no block does"),
              "serve the alias's zone in that block, e.g. give it the key .:53");
}

}  // namespace

Result<std::string> patch_rewrites(std::string_view corefile, const RewriteOptions& options) {
  Result<std::vector<AliasRewrite>> aliases = checked_aliases(options, /*targets=*/true);
  if (!aliases) {
    return std::move(aliases).error();
  }
  const Version version = options.coredns_version;
  if (auto error = refuse_old_coredns(version)) {
    return std::move(*error);
  }
  Editing editing(corefile);
  if (auto error = refuse_invalid_input(editing.document(), version, "patch")) {
    return std::move(*error);
  }
  const Style style = detect_style(editing.document());
  // All aliases in one round: every position is in the one parse, and new lines that share an
  // anchor keep the aliases' order.
  Result<void> done = editing.round([&](const Document& doc) -> Result<std::vector<Edit>> {
    const std::vector<KubernetesBlock> kubes = kubernetes_blocks(doc);
    if (kubes.empty()) {
      return no_kubernetes_block();
    }
    std::unordered_map<const KubernetesBlock*, BlockRewrites> found;
    std::unordered_map<const KubernetesBlock*, std::vector<std::string>> added;
    std::vector<Edit> edits;
    for (const AliasRewrite& alias : *aliases) {
      Result<std::vector<const KubernetesBlock*>> blocks = blocks_for(doc, kubes, alias);
      if (!blocks) {
        return std::move(blocks).error();
      }
      for (const KubernetesBlock* kube : *blocks) {
        Result<std::string> target = target_in(alias, kube->domains, where(doc, *kube));
        if (!target) {
          return std::move(target).error();
        }
        auto known = found.find(kube);
        if (known == found.end()) {
          known = found.emplace(kube, rewrites_of(doc, *kube->block)).first;
        }
        const BlockRewrites& rewrites = known->second;
        if (const auto other = rewrites.other.find(alias.alias); other != rewrites.other.end()) {
          return fail(Errc::refused, cat("cannot alias ", alias.alias, " with a rewrite line"),
                      cat("line ", doc.line_of(other->second->name),
                          " already rewrites it, in a form this tool does not write"),
                      "remove that line, or keep it and leave this alias to it");
        }
        const auto tool = rewrites.tool.find(alias.alias);
        if (tool == rewrites.tool.end()) {
          added[kube].push_back(tool_rewrite_line(alias.alias, *target));
          continue;
        }
        for (const Directive* line : tool->second) {
          const TokenIndex old_target = line->args.back();
          if (doc.text(old_target) != *target) {
            edits.push_back(Edit{begin_of(doc, old_target), end_of(doc, old_target), *target});
          }
        }
      }
    }
    // New lines in one insertion per block, in the aliases' order.
    for (const KubernetesBlock& kube : kubes) {
      const auto lines = added.find(&kube);
      if (lines == added.end()) {
        continue;
      }
      if (!kube.block->open) {
        return fail(
            Errc::refused,
            cat("cannot add rewrite lines to the block on line ", doc.line_of(kube.block->first)),
            "it has no '{'", "give the block braces");
      }
      edits.push_back(insert_lines_after(doc, style, insertion_anchor(doc, kube, found.at(&kube)),
                                         line_indent_for(doc, kube, style), lines->second));
    }
    return edits;
  });
  if (!done) {
    return std::move(done).error();
  }
  return editing.checked(version, "patch");
}

Result<std::string> unpatch_rewrites(std::string_view corefile, const RewriteOptions& options) {
  Result<std::vector<AliasRewrite>> aliases = checked_aliases(options, /*targets=*/false);
  if (!aliases) {
    return std::move(aliases).error();
  }
  const Version version = options.coredns_version;
  Editing editing(corefile);
  if (auto error = refuse_invalid_input(editing.document(), version, "unpatch")) {
    return std::move(*error);
  }
  (void)editing.round([&](const Document& doc) -> Result<std::vector<Edit>> {
    std::vector<Edit> edits;
    for (const KubernetesBlock& kube : kubernetes_blocks(doc)) {
      const BlockRewrites rewrites = rewrites_of(doc, *kube.block);
      for (const AliasRewrite& alias : *aliases) {
        if (const auto tool = rewrites.tool.find(alias.alias); tool != rewrites.tool.end()) {
          for (const Directive* line : tool->second) {
            edits.push_back(remove_directive_lines(doc, *line));
          }
        }
      }
    }
    return edits;
  });
  return editing.checked(version, "unpatch");
}
Result<void> check_rewrite_reach(std::string_view corefile, const RewriteOptions& options) {
  Result<std::vector<AliasRewrite>> aliases = checked_aliases(options, /*targets=*/false);
  if (!aliases) {
    return std::move(aliases).error();
  }
  if (auto error = refuse_old_coredns(options.coredns_version)) {
    return std::move(*error);
  }
  const Document document = parse(std::string(corefile));
  const std::vector<KubernetesBlock> kubes = kubernetes_blocks(document);
  if (kubes.empty()) {
    return no_kubernetes_block();
  }
  for (const AliasRewrite& alias : *aliases) {
    if (Result<std::vector<const KubernetesBlock*>> blocks = blocks_for(document, kubes, alias);
        !blocks) {
      return std::move(blocks).error();
    }
  }
  return {};
}

std::vector<AliasRewrite> rewrites_in(std::string_view corefile) {
  const Document document = parse(std::string(corefile));
  std::vector<AliasRewrite> out;
  for (const KubernetesBlock& kube : kubernetes_blocks(document)) {
    for (const Directive& directive : kube.block->directives) {
      if (const std::optional<ToolRewrite> line = tool_rewrite(document, directive)) {
        out.push_back({line->alias, line->target, "", ""});
      }
    }
  }
  return out;
}

Result<std::string> cluster_domain_of(std::string_view corefile) {
  const Document document = parse(std::string(corefile));
  const std::vector<KubernetesBlock> kubes = kubernetes_blocks(document);
  if (kubes.empty()) {
    return no_kubernetes_block();
  }
  const KubernetesBlock& kube = kubes.front();
  if (kube.domains.empty()) {
    return fail(Errc::refused, "cannot tell the cluster domain",
                cat("the kubernetes plugin on line ", document.line_of(kube.kubernetes->name),
                    " names no forward zone"),
                "name it on that line, e.g. kubernetes cluster.local in-addr.arpa ip6.arpa");
  }
  return kube.domains.front();
}

}  // namespace meshdns::corefile
