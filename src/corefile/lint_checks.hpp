#pragma once

// lint() over a parsed Document, with each finding tagged by the check that made it, so patch can
// tell the problems it repairs (two grpc in the article's .:53 block) from the ones it refuses.

#include "corefile/syntax_tree.hpp"

#include <meshdns/corefile/engine.hpp>
#include <meshdns/corefile/version.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace meshdns::corefile {

enum class Check : std::uint8_t {
  syntax,         // what CoreDNS's Caddyfile parser refuses: braces, a key glued to "{"
  duplicate_key,  // the same zone, port and transport served twice
  unknown_directive,
  once_per_block,
  missing_upstream,  // forward / proxy / grpc without an address
};

struct Diagnosis {
  Check check = Check::syntax;
  std::string directive;  // the directive concerned, if any
  Finding finding;
};

// Sorted by line. Snippet bodies are not checked: CoreDNS checks them only where they are imported,
// and an import's target is not in this file.
std::vector<Diagnosis> diagnose(const Document& document, Version version);

bool has_errors(const std::vector<Diagnosis>& diagnoses);

// The key text of a block for messages: its keys joined by spaces (".:53", "example.org
// example.com").
std::string block_label(const Document& document, const ServerBlock& block);

}  // namespace meshdns::corefile
