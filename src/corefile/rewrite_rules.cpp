#include "corefile/rewrite_rules.hpp"

#include "corefile/layout.hpp"
#include "corefile/tree_edits.hpp"
#include "corefile/zone_key.hpp"

#include <meshdns/corefile/engine.hpp>
#include <meshdns/text.hpp>

#include <unordered_map>
#include <utility>

namespace meshdns::corefile {

namespace {

// A name exactly as the tool writes it: lower-case, valid, no trailing dot.
bool is_written_name(std::string_view name) {
  return !name.empty() && name.back() != '.' && is_valid_zone(name) &&
         name.find('.') != std::string_view::npos;
}

bool is_label(std::string_view text) {
  return is_valid_zone(text) && text.find('.') == std::string_view::npos;
}

}  // namespace

std::string without_trailing_dot(std::string name) {
  if (name.size() > 1 && name.back() == '.') {
    name.pop_back();
  }
  return name;
}

std::string tool_rewrite_line(std::string_view alias, std::string_view target) {
  return cat("rewrite name exact ", alias, " ", target);
}

std::optional<ToolRewrite> tool_rewrite_words(const std::vector<std::string_view>& words) {
  if (words.size() != 5 || words[0] != "rewrite" || words[1] != "name" || words[2] != "exact" ||
      !is_written_name(words[3]) || !is_written_name(words[4])) {
    return std::nullopt;
  }
  return ToolRewrite{std::string(words[3]), std::string(words[4])};
}

std::optional<std::string> exact_rewrite_source(const std::vector<std::string>& values) {
  std::size_t at = 1;  // values[0] is "rewrite"
  if (at < values.size() && (values[at] == "stop" || values[at] == "continue")) {
    ++at;
  }
  if (at >= values.size() || to_lower(values[at]) != "name") {
    return std::nullopt;
  }
  ++at;
  const std::size_t rest = values.size() - at;
  // plugin/rewrite name.go: two arguments are FROM TO of an exact rule; more start with the type.
  if (rest >= 3 && to_lower(values[at]) == "exact") {
    ++at;
  } else if (rest != 2) {
    return std::nullopt;
  }
  return without_trailing_dot(to_lower(values[at]));
}

std::optional<ToolRewrite> tool_rewrite(const Document& document, const Directive& directive) {
  if (directive.open || directive.args.size() != 4) {
    return std::nullopt;
  }
  const TokenIndex name = directive.name;
  const bool starts_line = name == 0 || document.kind(name - 1) == TokenKind::newline ||
                           !line_indent(document, name).empty();
  if (!starts_line) {
    return std::nullopt;
  }
  for (TokenIndex i = directive.last + 1; i < document.tokens().size(); ++i) {
    const TokenKind kind = document.kind(i);
    if (kind == TokenKind::newline) {
      break;
    }
    if (kind != TokenKind::space) {
      return std::nullopt;  // a comment (or a brace) shares the line
    }
  }
  std::vector<std::string_view> words{document.text(name)};
  for (TokenIndex arg : directive.args) {
    if (document.kind(arg) != TokenKind::word) {
      return std::nullopt;
    }
    words.push_back(document.text(arg));
  }
  return tool_rewrite_words(words);
}

std::optional<std::string> exact_rewrite_source(const Document& document,
                                                const Directive& directive) {
  if (directive.open) {
    return std::nullopt;  // "rewrite stop { name regex ... }": not an exact rule on one line
  }
  std::vector<std::string> values{document.value(directive.name)};
  for (const std::string& value : arg_values(document, directive)) {
    values.push_back(value);
  }
  return exact_rewrite_source(values);
}

Result<std::vector<AliasRewrite>> checked_aliases(const RewriteOptions& options, bool targets) {
  std::vector<AliasRewrite> out;
  std::unordered_map<std::string, std::size_t> index;  // alias -> its place in out
  if (options.aliases.empty()) {
    return fail(Errc::usage, "no alias given", "the coredns backend writes one line per alias",
                "pass --alias my-fruits.internal=SERVICE.NAMESPACE.svc.cluster.local");
  }
  for (AliasRewrite alias : options.aliases) {
    alias.alias = without_trailing_dot(to_lower(alias.alias));
    if (!is_written_name(alias.alias)) {
      return fail(Errc::usage, cat("alias '", alias.alias, "' is not a usable DNS name"),
                  "an alias is a lower-case DNS name with at least one dot",
                  "pass a name such as my-fruits.internal");
    }
    alias.target = without_trailing_dot(to_lower(alias.target));
    if (targets) {
      const bool named = !alias.service.empty() || !alias.namespace_name.empty();
      if (alias.target.empty() && !named) {
        return fail(Errc::usage, cat("alias ", alias.alias, " has no target"),
                    "a rewrite line needs the Service the alias stands for",
                    cat("pass --alias ", alias.alias, "=SERVICE.NAMESPACE.svc.cluster.local"));
      }
      const bool bad_target = alias.target.empty()
                                  ? !is_label(alias.service) || !is_label(alias.namespace_name)
                                  : !is_written_name(alias.target);
      if (bad_target) {
        return fail(Errc::usage, cat("the target of alias ", alias.alias, " is not a DNS name"),
                    "it must be a Service name SERVICE.NAMESPACE.svc.<cluster domain>",
                    "pass a name such as fruits-api-service.micro-shake-factory.svc.cluster.local");
      }
    }
    const auto [same, added] = index.emplace(alias.alias, out.size());
    if (added) {
      out.push_back(std::move(alias));
    } else if (targets && !(out[same->second] == alias)) {
      return fail(Errc::usage, cat("alias ", alias.alias, " is given twice with different targets"),
                  "one name can stand for one Service only", "pass each alias once");
    }
  }
  return out;
}

std::optional<Error> refuse_old_coredns(Version version) {
  if (version >= k_first_answer_rewriting_release) {
    return std::nullopt;
  }
  return fail(Errc::refused,
              cat("CoreDNS ", version.str(), " cannot serve aliases with rewrite lines"),
              "an exact rewrite rule rewrites the answer's owner name back to the alias only since "
              "CoreDNS 1.2.5; before it, answers carry the Service's name and resolvers drop them",
              "upgrade CoreDNS to 1.2.5 or later, or use --backend istiocoredns");
}

Result<std::string> target_in(const AliasRewrite& alias, const std::vector<std::string>& domains,
                              std::string_view where) {
  if (domains.empty()) {
    return fail(Errc::refused, cat("cannot tell the cluster domain for ", alias.alias),
                cat(where, " names no forward zone"),
                "name the cluster domain there, e.g. kubernetes cluster.local in-addr.arpa "
                "ip6.arpa");
  }
  for (const std::string& domain : domains) {
    if (zone_contains(fully_qualified(domain), fully_qualified(alias.alias))) {
      return fail(Errc::usage, cat("alias ", alias.alias, " is inside the cluster domain ", domain),
                  cat(where, " answers that domain itself"),
                  "pick a name outside it, e.g. my-fruits.internal");
    }
  }
  if (alias.target.empty()) {
    return cat(alias.service, ".", alias.namespace_name, ".svc.", domains.front());
  }
  for (const std::string& domain : domains) {
    const std::string suffix = cat(".svc.", domain);
    if (!ends_with(alias.target, suffix)) {
      continue;
    }
    const std::string_view head =
        std::string_view(alias.target).substr(0, alias.target.size() - suffix.size());
    const std::vector<std::string_view> labels = split(head, '.');
    if (labels.size() == 2 && is_label(labels[0]) && is_label(labels[1])) {
      return alias.target;
    }
  }
  return fail(Errc::usage,
              cat("target ", alias.target, " of alias ", alias.alias, " is not a Service name"),
              cat(where, " answers SERVICE.NAMESPACE.svc.", domains.front()),
              cat("pass --alias ", alias.alias, "=SERVICE.NAMESPACE.svc.", domains.front()));
}

}  // namespace meshdns::corefile
