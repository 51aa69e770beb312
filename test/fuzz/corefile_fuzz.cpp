// libFuzzer target: any bytes through the Corefile engine. A crash, a sanitizer report or a broken
// property below is a finding; test/fuzz/run keeps the input that caused it.

#include "corefile/syntax_tree.hpp"

#include <meshdns/corefile/engine.hpp>
#include <meshdns/corefile/rewrite.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace {

using meshdns::corefile::AliasRewrite;
using meshdns::corefile::Kind;
using meshdns::corefile::PatchOptions;
using meshdns::corefile::RewriteOptions;
using meshdns::corefile::Version;

[[noreturn]] void broken(const char* property) {
  std::fprintf(stderr, "property broken: %s\n", property);
  std::abort();
}

// Both kinds, both istiocoredns forms (proxy up to 1.4.0, grpc after), one and two zones.
PatchOptions options_for(std::uint8_t choice) {
  PatchOptions options;
  options.kind = (choice & 1) != 0 ? Kind::istiocoredns : Kind::kube_dns;
  options.coredns_version = (choice & 2) != 0 ? Version{1, 1, 2} : Version{1, 6, 2};
  options.zones = (choice & 4) != 0 ? std::vector<std::string>{"internal", "corp.example"}
                                    : std::vector<std::string>{"internal"};
  options.upstream = options.kind == Kind::kube_dns ? "10.96.0.60" : "";
  return options;
}

// Deep nesting from a short input (issue #17: 30,000 levels crashed the parser): an input that
// starts with byte 0x01 and two bytes N is its rest wrapped in N (up to 65,535) levels of
// "forward . 10.0.0.1 {", inside a server block, closed or not by the low bit of N. libFuzzer's
// inputs stay short, so mutation still explores the rest of the engine.
std::string with_deep_nesting(const std::uint8_t* data, std::size_t size) {
  if (size < 3 || data[0] != 0x01) {
    return {reinterpret_cast<const char*>(data), size};
  }
  const std::size_t depth = (std::size_t{data[1]} << 8U) | data[2];
  const std::string rest(reinterpret_cast<const char*>(data) + 3, size - 3);
  std::string out = ".:53 {\n";
  for (std::size_t i = 0; i < depth; ++i) {
    out += "forward . 10.0.0.1 {\n";
  }
  out += rest;
  for (std::size_t i = 0; (depth & 1U) == 0 && i <= depth; ++i) {
    out += "}\n";
  }
  return out;
}

bool lints_clean(const std::string& corefile, Version version) {
  for (const auto& finding : meshdns::corefile::lint(corefile, version)) {
    if (finding.severity == meshdns::corefile::Severity::error) {
      return false;
    }
  }
  return true;
}

bool holds_line_for(const std::vector<AliasRewrite>& lines, const RewriteOptions& options) {
  for (const AliasRewrite& line : lines) {
    for (const AliasRewrite& alias : options.aliases) {
      if (line.alias == alias.alias) {
        return true;
      }
    }
  }
  return false;
}

// The coredns backend: the rewrite lines in a Corefile, and in a k3s/AKS `.override` body.
void check_rewrites(const std::string& input, std::uint8_t choice) {
  RewriteOptions options;
  options.coredns_version = (choice & 8) != 0 ? Version{1, 2, 5} : Version{1, 11, 3};
  options.aliases = {{"my-fruits.internal", "", "fruits-api-service", "micro-shake-factory"}};
  if ((choice & 16) != 0) {
    options.aliases.push_back({"shakes.corp.example", "", "shake-api", "bar"});
  }
  const bool had_lines = holds_line_for(meshdns::corefile::rewrites_in(input), options);
  const auto patched = meshdns::corefile::patch_rewrites(input, options);
  if (patched) {
    const auto again = meshdns::corefile::patch_rewrites(*patched, options);
    if (!again || *again != *patched) {
      broken("patch_rewrites(patch_rewrites(x)) == patch_rewrites(x)");
    }
    if (!lints_clean(*patched, options.coredns_version)) {
      broken("patch_rewrites(x) lints clean");
    }
    const auto restored = meshdns::corefile::unpatch_rewrites(*patched, options);
    if (!had_lines && (!restored || *restored != input)) {
      broken("unpatch_rewrites(patch_rewrites(x)) == x");
    }
  }
  const bool body_had_lines = holds_line_for(meshdns::corefile::override_rewrites(input), options);
  const auto body = meshdns::corefile::patch_override(input, options, "cluster.local");
  if (body) {
    const auto again = meshdns::corefile::patch_override(*body, options, "cluster.local");
    if (!again || *again != *body) {
      broken("patch_override(patch_override(x)) == patch_override(x)");
    }
    const auto restored = meshdns::corefile::unpatch_override(*body, options);
    if (!body_had_lines && (!restored || *restored != input)) {
      broken("unpatch_override(patch_override(x)) == x");
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string input = with_deep_nesting(data, size);

  // Lossless on every input, valid Corefile or not.
  if (meshdns::corefile::print(meshdns::corefile::parse(input)) != input) {
    broken("print(parse(x)) == x");
  }

  const PatchOptions options = options_for(input.empty() ? 0 : input.back());
  (void)meshdns::corefile::lint(input, options.coredns_version);
  const auto patched = meshdns::corefile::patch(input, options);
  if (patched) {
    const auto again = meshdns::corefile::patch(*patched, options);
    if (!again || *again != *patched) {
      broken("patch(patch(x)) == patch(x)");
    }
    // The engine's promise: what patch accepts and returns, CoreDNS loads.
    for (const auto& finding : meshdns::corefile::lint(*patched, options.coredns_version)) {
      if (finding.severity == meshdns::corefile::Severity::error) {
        broken("patch(x) lints clean");
      }
    }
  }
  (void)meshdns::corefile::unpatch(input, options);
  check_rewrites(input, size == 0 ? 0 : data[size - 1]);
  return 0;
}
