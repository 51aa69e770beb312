#include "corefile/syntax_tree.hpp"

#include <meshdns/corefile/outline.hpp>

#include <algorithm>

namespace meshdns::corefile {

Outline outline(std::string_view corefile) {
  const Document document = parse(std::string(corefile));
  Outline out;
  for (const ServerBlock& block : document.blocks()) {
    if (block.kind == BlockKind::import) {
      for (const TokenIndex key : block.keys) {
        out.imports.push_back(document.value(key));
      }
      continue;
    }
    if (block.kind != BlockKind::server) {
      continue;
    }
    OutlineBlock outlined;
    for (const TokenIndex key : block.keys) {
      outlined.keys.push_back(document.value(key));
    }
    for (const Directive& directive : block.directives) {
      OutlineDirective line{document.value(directive.name), {}};
      for (const TokenIndex arg : directive.args) {
        line.args.push_back(document.value(arg));
      }
      outlined.directives.push_back(std::move(line));
    }
    out.blocks.push_back(std::move(outlined));
  }
  return out;
}

bool loads_plugin(const Outline& outline, std::string_view plugin) {
  return std::any_of(outline.blocks.begin(), outline.blocks.end(), [&](const OutlineBlock& block) {
    return std::any_of(block.directives.begin(), block.directives.end(),
                       [&](const OutlineDirective& d) { return d.name == plugin; });
  });
}

}  // namespace meshdns::corefile
