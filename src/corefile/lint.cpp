#include "corefile/lint_checks.hpp"
#include "corefile/zone_key.hpp"

#include <meshdns/corefile/directives.hpp>
#include <meshdns/text.hpp>

#include <algorithm>
#include <unordered_map>
#include <utility>

namespace meshdns::corefile {

namespace {

bool has_placeholder(std::string_view text) {
  return text.find("{$") != std::string_view::npos || text.find("{%") != std::string_view::npos;
}

// A name that is no plugin but looks like a server key is almost always a block whose braces are
// missing (AgentBaker's malformed fixture): an error even though external plugins only warn.
bool looks_like_address(std::string_view name) {
  return name.find_first_of(".:/") != std::string_view::npos;
}

class Linter {
 public:
  Linter(const Document& document, Version version) : m_doc(document), m_version(version) {}

  std::vector<Diagnosis> run() {
    for (const Finding& finding : m_doc.diagnostics()) {
      m_out.push_back(Diagnosis{Check::syntax, "", finding});
    }
    for (const ServerBlock& block : m_doc.blocks()) {
      if (block.kind != BlockKind::server) {
        continue;
      }
      check_keys(block);
      check_directives(block);
    }
    std::stable_sort(m_out.begin(), m_out.end(), [](const Diagnosis& a, const Diagnosis& b) {
      return a.finding.line < b.finding.line;
    });
    return std::move(m_out);
  }

 private:
  void add(Check check, std::string directive, Severity severity, std::size_t line,
           std::string message, std::string fix) {
    m_out.push_back(Diagnosis{check, std::move(directive),
                              Finding{severity, line, std::move(message), std::move(fix)}});
  }

  // What tells two blocks for one zone apart: CoreDNS serves both when they bind different
  // addresses, or when the earlier ones select their queries with `view`.
  std::string bind_signature(const ServerBlock& block) const {
    std::vector<std::string> binds;
    for (const Directive& directive : block.directives) {
      if (m_doc.value_is(directive.name, "bind")) {
        for (TokenIndex arg : directive.args) {
          binds.push_back(m_doc.value(arg));
        }
      }
    }
    std::sort(binds.begin(), binds.end());
    return join(binds, " ");
  }

  bool has_view(const ServerBlock& block) const {
    return std::any_of(block.directives.begin(), block.directives.end(),
                       [&](const Directive& d) { return m_doc.value_is(d.name, "view"); });
  }

  void check_keys(const ServerBlock& block) {
    const std::string binds = bind_signature(block);
    const bool view = has_view(block);
    for (TokenIndex key_token : block.keys) {
      std::string text = m_doc.value(key_token);
      if (!text.empty() && text.back() == ',') {
        text.pop_back();
      }
      const std::optional<ZoneKey> key = parse_zone_key(text);
      if (!key) {
        continue;
      }
      std::string identity = key->str();
      if (!binds.empty()) {
        identity += cat(" ", binds);
      }
      const auto [seen, inserted] =
          m_keys.try_emplace(std::move(identity), SeenKey{key_token, view});
      // With `view`, blocks for one key are tried in order: every one but the last needs a view.
      if (!inserted && seen->second.view) {
        seen->second = SeenKey{key_token, view};
      } else if (!inserted) {
        add(Check::duplicate_key, "", Severity::error, m_doc.line_of(key_token),
            cat("cannot serve ", key->str(), " - it is already defined"),
            cat("merge this server block into the one on line ", m_doc.line_of(seen->second.key),
                ", or remove one of them"));
      }
    }
  }

  void check_directives(const ServerBlock& block) {
    // Few plugins are once-per-block, so a short list beats a map here.
    std::vector<std::pair<std::string, TokenIndex>> once_seen;
    for (const Directive& directive : block.directives) {
      const std::string name = m_doc.value(directive.name);
      if (name == "import" || has_placeholder(name)) {
        continue;
      }
      const DirectiveFacts facts = directive_facts(name, m_version);
      if (!facts.known) {
        check_unknown(name, m_doc.line_of(directive.name));
        continue;
      }
      if (facts.once_per_block) {
        const auto seen = std::find_if(once_seen.begin(), once_seen.end(),
                                       [&](const auto& entry) { return entry.first == name; });
        if (seen == once_seen.end()) {
          once_seen.emplace_back(name, directive.name);
        } else {
          add(Check::once_per_block, name, Severity::error, m_doc.line_of(directive.name),
              cat(name, " appears twice in server block \"", block_label(m_doc, block),
                  "\" (first on line ", m_doc.line_of(seen->second),
                  "); CoreDNS allows this plugin only once per server block"),
              name == "grpc" ? std::string("give each zone its own server block")
                             : cat("keep one ", name, " line in this block"));
        }
      }
      if (name == "forward" || name == "proxy" || name == "grpc") {
        check_upstream(name, directive, m_doc.line_of(directive.name));
      }
    }
  }

  void check_unknown(const std::string& name, std::size_t line) {
    const std::optional<Version> added = first_release_with(name);
    const std::string release = tabulated_release(m_version).str();
    if (!added) {
      if (looks_like_address(name)) {
        add(Check::unknown_directive, name, Severity::error, line,
            cat("Unknown directive '", name, "'"),
            "this looks like a server block key: close the block above with '}' and open this "
            "one with '{'");
      } else {
        add(Check::unknown_directive, name, Severity::warning, line,
            cat("Unknown directive '", name, "' (in no stock CoreDNS release)"),
            cat("CoreDNS refuses it unless built with that plugin; check the spelling"));
      }
      return;
    }
    if (m_version < *added) {
      add(Check::unknown_directive, name, Severity::error, line,
          cat(name, " is not in CoreDNS ", release, ": it was added in CoreDNS ", added->str()),
          name == "grpc"
              ? cat("use 'proxy ZONE ADDRESS { protocol grpc insecure }', or upgrade CoreDNS to ",
                    added->str())
              : cat("remove it, or upgrade CoreDNS to ", added->str(), " or later"));
      return;
    }
    const std::optional<Version> removed = first_release_without(name, *added);
    if (name == "proxy" && removed) {
      add(Check::unknown_directive, name, Severity::error, line,
          cat("proxy was removed in CoreDNS ", removed->str(), "; use forward"),
          "replace 'proxy' with 'forward' (same FROM and TO arguments; forward has no "
          "'protocol' option)");
      return;
    }
    add(Check::unknown_directive, name, Severity::error, line,
        removed ? cat(name, " was removed in CoreDNS ", removed->str())
                : cat("Unknown directive '", name, "' in CoreDNS ", release),
        removed ? cat("remove it, or run a CoreDNS older than ", removed->str())
                : std::string("remove it"));
  }

  void check_upstream(const std::string& name, const Directive& directive, std::size_t line) {
    if (directive.args.size() >= 2) {
      return;
    }
    const std::string from = directive.args.empty() ? "ZONE" : m_doc.value(directive.args[0]);
    add(Check::missing_upstream, name, Severity::error, line,
        directive.args.empty() ? cat(name, " has no zone and no upstream")
                               : cat(name, " ", from, " has no upstream"),
        cat("give the address to send the queries to: '", name, " ", from,
            name == "grpc" ? " 127.0.0.1:8053'" : " 10.96.0.10'"));
  }

  struct SeenKey {
    TokenIndex key;
    bool view;
  };

  const Document& m_doc;
  Version m_version;
  std::unordered_map<std::string, SeenKey> m_keys;
  std::vector<Diagnosis> m_out;
};

}  // namespace

std::string block_label(const Document& document, const ServerBlock& block) {
  std::vector<std::string> keys;
  for (TokenIndex key : block.keys) {
    keys.push_back(document.value(key));
  }
  return join(keys, " ");
}

std::vector<Diagnosis> diagnose(const Document& document, Version version) {
  return Linter(document, version).run();
}

bool has_errors(const std::vector<Diagnosis>& diagnoses) {
  return std::any_of(diagnoses.begin(), diagnoses.end(),
                     [](const Diagnosis& d) { return d.finding.severity == Severity::error; });
}

std::vector<Finding> lint(std::string_view corefile, Version version) {
  const Document document = parse(std::string(corefile));
  std::vector<Finding> findings;
  for (Diagnosis& diagnosis : diagnose(document, version)) {
    findings.push_back(std::move(diagnosis.finding));
  }
  return findings;
}

}  // namespace meshdns::corefile
