// Corefile engine benchmarks (SPEC §6: a 10,000-block Corefile parsed, patched and printed in under
// 50 ms). Run: build/test/bench/bench_corefile (see test/bench/README.md).

#include "corefile/syntax_tree.hpp"

#include <meshdns/corefile/engine.hpp>
#include <meshdns/text.hpp>
#include <meshdns/unified_diff.hpp>

#include <benchmark/benchmark.h>

#include <string>

namespace meshdns::corefile {
namespace {

// A kube-dns Corefile with `blocks` stub-domain blocks after the usual .:53 block: the shape of a
// cluster with many forwarded zones, in the 2-space style of the AKS/EKS defaults.
std::string generated_corefile(int blocks) {
  std::string text =
      ".:53 {\n"
      "  errors\n"
      "  health {\n"
      "    lameduck 5s\n"
      "  }\n"
      "  ready\n"
      "  kubernetes cluster.local in-addr.arpa ip6.arpa {\n"
      "    pods insecure\n"
      "    fallthrough in-addr.arpa ip6.arpa\n"
      "  }\n"
      "  prometheus :9153\n"
      "  forward . /etc/resolv.conf\n"
      "  cache 30\n"
      "  loop\n"
      "  reload\n"
      "  loadbalance\n"
      "}\n";
  for (int n = 0; n < blocks; ++n) {
    text += cat("# stub domain ", n, "\nzone", n,
                ".example:53 {\n  errors\n  cache 30\n  forward . 10.", n / 65536 % 256, '.',
                n / 256 % 256, '.', n % 256, "\n}\n");
  }
  return text;
}

PatchOptions kube_dns_options() {
  PatchOptions options;
  options.kind = Kind::kube_dns;
  options.zones = {"internal"};
  options.upstream = "10.96.0.60";
  options.coredns_version = Version{1, 6, 2};
  return options;
}

void parse_print(benchmark::State& state) {
  const std::string corefile = generated_corefile(static_cast<int>(state.range(0)));
  for (auto _ : state) {
    benchmark::DoNotOptimize(print(parse(corefile)));
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * corefile.size()));
}
BENCHMARK(parse_print)->Arg(10'000)->Unit(benchmark::kMillisecond);

// The SPEC §6 target: patch() parses, lints the input, edits, lints the output and prints.
void patch_kube_dns(benchmark::State& state) {
  const std::string corefile = generated_corefile(static_cast<int>(state.range(0)));
  const PatchOptions options = kube_dns_options();
  for (auto _ : state) {
    Result<std::string> patched = patch(corefile, options);
    if (!patched) {
      state.SkipWithError(format_error(patched.error()).c_str());
      break;
    }
    benchmark::DoNotOptimize(patched);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * corefile.size()));
}
BENCHMARK(patch_kube_dns)->Arg(100)->Arg(1'000)->Arg(10'000)->Unit(benchmark::kMillisecond);

void lint_only(benchmark::State& state) {
  const std::string corefile = generated_corefile(static_cast<int>(state.range(0)));
  for (auto _ : state) {
    benchmark::DoNotOptimize(lint(corefile, Version{1, 6, 2}));
  }
}
BENCHMARK(lint_only)->Arg(10'000)->Unit(benchmark::kMillisecond);

// What `corefile diff` adds on top of patch for the same file (60,000+ lines, one change).
void diff_after_patch(benchmark::State& state) {
  const std::string corefile = generated_corefile(static_cast<int>(state.range(0)));
  const Result<std::string> patched = patch(corefile, kube_dns_options());
  if (!patched) {
    state.SkipWithError(format_error(patched.error()).c_str());
    return;
  }
  for (auto _ : state) {
    benchmark::DoNotOptimize(unified_diff(corefile, *patched, {"Corefile", "Corefile"}));
  }
}
BENCHMARK(diff_after_patch)->Arg(10'000)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace meshdns::corefile

BENCHMARK_MAIN();
