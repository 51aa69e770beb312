#pragma once

// What a Corefile holds, read with the engine's own parser, for code outside the engine that needs
// to look rather than edit: does a block load `reload`, which files does it `import`, where does
// the cluster-domain block forward. Values are as CoreDNS sees them (quotes removed).

#include <string>
#include <string_view>
#include <vector>

namespace meshdns::corefile {

struct OutlineDirective {
  std::string name;
  std::vector<std::string> args;  // on the directive's line(s), outside its { } sub-block
};

struct OutlineBlock {
  std::vector<std::string> keys;             // "cluster.local:53", ".:53", "internal"
  std::vector<OutlineDirective> directives;  // the block's own lines, not sub-block options
};

struct Outline {
  std::vector<OutlineBlock> blocks;  // server blocks, in file order (snippets left out)
  std::vector<std::string> imports;  // patterns of top-level `import` lines ("custom/*.server")
};

// Total: any bytes in (a block the parser could not close is outlined as far as it goes).
Outline outline(std::string_view corefile);

// Does some server block load the plugin (a directive of that name at block level)? `hosts {
// reload 15s }` is an option of hosts, not the reload plugin.
bool loads_plugin(const Outline& outline, std::string_view plugin);

}  // namespace meshdns::corefile
