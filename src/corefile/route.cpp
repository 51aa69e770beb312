#include "corefile/route_match.hpp"
#include "corefile/zone_key.hpp"

#include <meshdns/corefile/directives.hpp>
#include <meshdns/corefile/route.hpp>
#include <meshdns/text.hpp>

#include <algorithm>
#include <limits>

namespace meshdns::corefile {

namespace {

// One server block key that can take the query: its zone on the query's transport and port.
struct Candidate {
  std::size_t block = 0;
  TokenIndex key = 0;
  std::string zone;
};

struct BindFacts {
  bool listens = true;      // on the query's address, as far as the Corefile tells
  bool unresolved = false;  // an interface name among the addresses
};

// `bind` limits the addresses a block listens on; without one it listens on all of them.
BindFacts bind_facts(const Document& document, const ServerBlock& block, std::string_view address) {
  BindFacts facts;
  bool has_bind = false;
  bool listed = false;
  for (const Directive& directive : block.directives) {
    if (!document.value_is(directive.name, "bind")) {
      continue;
    }
    has_bind = true;
    for (const TokenIndex arg : directive.args) {
      const std::string value = document.value(arg);
      if (!is_ip_literal(value)) {
        facts.unresolved = true;  // `bind eth0`: the interface's addresses are not in the file
      } else if (value == address) {
        listed = true;
      }
    }
  }
  // Unknown addresses count as listening: better to show a block that may answer than none.
  facts.listens = address.empty() || !has_bind || listed || facts.unresolved;
  return facts;
}

bool has_view(const Document& document, const ServerBlock& block) {
  return std::any_of(block.directives.begin(), block.directives.end(),
                     [&](const Directive& d) { return document.value_is(d.name, "view"); });
}

std::vector<Candidate> candidates(const Document& document, const RouteQuery& query,
                                  std::vector<bool>& bind_unresolved) {
  std::vector<Candidate> out;
  std::size_t index = 0;
  for (const ServerBlock& block : document.blocks()) {
    if (block.kind != BlockKind::server) {
      continue;
    }
    const BindFacts bind = bind_facts(document, block, query.listen_address);
    bind_unresolved.push_back(bind.unresolved);
    if (bind.listens) {
      for (const TokenIndex key : block.keys) {
        const std::optional<ZoneKey> parsed = parse_zone_key(document.value(key));
        if (parsed && parsed->transport == query.transport && parsed->port == query.port) {
          out.push_back({index, key, parsed->zone});
        }
      }
    }
    ++index;
  }
  return out;
}

const ServerBlock& server_block(const Document& document, std::size_t wanted) {
  std::size_t index = 0;
  for (const ServerBlock& block : document.blocks()) {
    if (block.kind == BlockKind::server && index++ == wanted) {
      return block;
    }
  }
  return document.blocks().front();  // unreachable: wanted comes from candidates()
}

std::vector<RoutedPlugin> plugins_in_order(const Document& document, const ServerBlock& block,
                                           Version version, std::vector<std::string>& imports) {
  const std::vector<std::string_view> order = plugin_order(version);
  const auto rank = [&](std::string_view name) {
    const auto found = std::find(order.begin(), order.end(), name);
    return found == order.end() ? std::numeric_limits<std::size_t>::max()
                                : static_cast<std::size_t>(found - order.begin());
  };
  std::vector<RoutedPlugin> out;
  for (const Directive& directive : block.directives) {
    const std::string name = document.value(directive.name);
    std::vector<std::string> args;
    for (const TokenIndex arg : directive.args) {
      args.push_back(document.value(arg));
    }
    if (name == "import") {
      imports.push_back(join(args, " "));
      continue;
    }
    std::vector<std::vector<std::string>> options;
    for (const Directive& option : directive.children) {
      std::vector<std::string> words{document.value(option.name)};
      for (const TokenIndex arg : option.args) {
        words.push_back(document.value(arg));
      }
      options.push_back(std::move(words));
    }
    const bool known = rank(name) != std::numeric_limits<std::size_t>::max();
    out.push_back(
        {name, std::move(args), std::move(options), document.line_of(directive.name), known});
  }
  // Stable: a plugin written twice (forward from 1.10.0) keeps its lines' order.
  std::stable_sort(out.begin(), out.end(), [&](const RoutedPlugin& a, const RoutedPlugin& b) {
    return rank(a.name) < rank(b.name);
  });
  return out;
}

// "a.b.c." -> "a.b.c.", "b.c.", "c.", ".": the order CoreDNS tries zones in.
std::vector<std::string> suffixes(const std::string& name) {
  std::vector<std::string> out;
  std::size_t offset = 0;
  while (offset < name.size() && name != ".") {
    out.push_back(name.substr(offset));
    const std::size_t dot = name.find('.', offset);
    if (dot == std::string::npos) {
      break;
    }
    offset = dot + 1;
  }
  out.emplace_back(".");
  return out;
}

}  // namespace

std::optional<BlockMatch> match_block(const Document& document, const RouteQuery& query) {
  std::vector<bool> bind_unresolved;
  const std::vector<Candidate> serving = candidates(document, query, bind_unresolved);
  for (const std::string& zone : suffixes(fully_qualified(query.name))) {
    std::vector<const Candidate*> matches;
    for (const Candidate& candidate : serving) {
      if (candidate.zone == zone) {
        matches.push_back(&candidate);
      }
    }
    if (matches.empty()) {
      continue;
    }
    const Candidate& first = *matches.front();
    BlockMatch out;
    out.block = &server_block(document, first.block);
    out.index = first.block;
    out.key = first.key;
    out.zone = zone;
    const bool shared = std::any_of(matches.begin(), matches.end(), [&](const Candidate* other) {
      return other->block != first.block;
    });
    out.depends_on_view = shared && has_view(document, *out.block);
    out.bind_unresolved = bind_unresolved[first.block];
    return out;
  }
  return std::nullopt;
}

std::optional<Route> route(std::string_view corefile, const RouteQuery& query, Version version) {
  const Document document = parse(std::string(corefile));
  const std::optional<BlockMatch> match = match_block(document, query);
  if (!match) {
    return std::nullopt;
  }
  Route out;
  out.block = match->index;
  out.line = document.line_of(match->key);
  out.key = document.value(match->key);
  out.zone = match->zone;
  for (const TokenIndex key : match->block->keys) {
    out.keys.push_back(document.value(key));
  }
  out.depends_on_view = match->depends_on_view;
  out.bind_unresolved = match->bind_unresolved;
  out.plugins = plugins_in_order(document, *match->block, version, out.imports);
  return out;
}

}  // namespace meshdns::corefile
