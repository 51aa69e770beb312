// libFuzzer target: any bytes through the Corefile engine. A crash, a sanitizer report or a broken
// property below is a finding; test/fuzz/run keeps the input that caused it.

#include "corefile/syntax_tree.hpp"

#include <meshdns/corefile/engine.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace {

using meshdns::corefile::Kind;
using meshdns::corefile::PatchOptions;
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

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);

  // Lossless on every input, valid Corefile or not.
  if (meshdns::corefile::print(meshdns::corefile::parse(input)) != input) {
    broken("print(parse(x)) == x");
  }

  const PatchOptions options = options_for(size == 0 ? 0 : data[size - 1]);
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
  return 0;
}
