#pragma once

// The engine's side of corefile::route (include/meshdns/corefile/route.hpp): the same choice of
// server block on an already parsed Document, for edits that must know which block CoreDNS hands a
// name to (a rewrite line acts only there). One rule for `explain`, lint and the edits.

#include "corefile/syntax_tree.hpp"

#include <meshdns/corefile/route.hpp>

#include <cstddef>
#include <optional>
#include <string>

namespace meshdns::corefile {

struct BlockMatch {
  const ServerBlock* block = nullptr;
  std::size_t index = 0;  // among the server blocks, in file order
  TokenIndex key = 0;     // the key that matched
  std::string zone;       // its zone, fully qualified
  bool depends_on_view = false;
  bool bind_unresolved = false;
};

// The block CoreDNS picks for `query` (see route()), or nullopt when none serves the name.
std::optional<BlockMatch> match_block(const Document& document, const RouteQuery& query);

}  // namespace meshdns::corefile
