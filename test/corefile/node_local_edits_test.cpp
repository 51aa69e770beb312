#include "support/test_data.hpp"

#include <meshdns/corefile/engine.hpp>
#include <meshdns/result.hpp>
#include <meshdns/text.hpp>

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <string>

namespace meshdns::corefile {
namespace {

PatchOptions node_local(std::string upstream) {
  PatchOptions options;
  options.kind = Kind::node_local;
  options.upstream = std::move(upstream);
  return options;
}

std::string corpus(std::string_view name) {
  return test::corpus_corefile(name);
}

TEST_CASE("corefile::add_node_local_zone: the addon Corefile, placeholders kept",
          "[corefile][node_local]") {
  const std::string original = corpus("k8s-addon-nodelocaldns");
  REQUIRE_FALSE(original.empty());
  Result<std::string> patched = patch(original, node_local("__PILLAR__CLUSTER__DNS__"));
  REQUIRE(patched.has_value());
  // The file's own bind line, so the cache listens where the other blocks do.
  CHECK(*patched == cat(original,
                        "internal:53 {\n    errors\n    cache 30\n    bind 169.254.20.10 "
                        "10.96.0.10\n    forward . __PILLAR__CLUSTER__DNS__\n}\n"));
  CHECK(patch(*patched, node_local("__PILLAR__CLUSTER__DNS__")).value() == *patched);
  CHECK(unpatch(*patched, node_local("")).value() == original);
  CHECK(unpatch(*patched, node_local("__PILLAR__CLUSTER__DNS__")).value() == original);
  CHECK(unpatch(original, node_local("")).value() == original);
}

TEST_CASE("corefile::add_node_local_zone: addresses, no bind, existing blocks",
          "[corefile][node_local]") {
  const std::string plain = "cluster.local:53 {\n    forward . 10.96.0.11\n}\n";
  Result<std::string> patched = patch(plain, node_local("10.96.0.11"));
  REQUIRE(patched.has_value());
  CHECK(*patched == cat(plain,
                        "\ninternal:53 {\n    errors\n    cache 30\n    forward . "
                        "10.96.0.11\n}\n"));
  CHECK(unpatch(*patched, node_local("")).value() == plain);
  // A zone block of the user's is never edited: refused, or set aside with --force and put back
  // by unpatch byte for byte.
  const std::string own =
      "cluster.local:53 {\n    bind 169.254.20.10\n}\ninternal:53 {\n    log\n    forward . "
      "1.2.3.4\n}\n";
  const Result<std::string> refused = patch(own, node_local("10.96.0.11"));
  REQUIRE_FALSE(refused.has_value());
  CHECK(refused.error().code == Errc::refused);
  CHECK(refused.error().why.rfind("line 4: server block \"internal:53\"", 0) == 0);
  PatchOptions forced = node_local("10.96.0.11");
  forced.force = Force::yes;
  const std::string set_aside = patch(own, forced).value();
  CHECK(set_aside ==
        "cluster.local:53 {\n    bind 169.254.20.10\n}\ninternal:53 {\n    errors\n    cache "
        "30\n    bind 169.254.20.10\n    forward . 10.96.0.11\n}\n# meshdns-saved[internal] "
        "internal:53 {\n# meshdns-saved[internal]     log\n# meshdns-saved[internal]     forward . "
        "1.2.3.4\n# meshdns-saved[internal] }\n");
  CHECK(unpatch(set_aside, node_local("")).value() == own);
}

TEST_CASE("corefile::patch: placeholders are node_local upstreams only", "[corefile][node_local]") {
  const std::string corefile = ".:53 {\n    errors\n}\n";
  PatchOptions kube = node_local("__PILLAR__CLUSTER__DNS__");
  kube.kind = Kind::kube_dns;
  CHECK(patch(corefile, kube).error().what ==
        "'__PILLAR__CLUSTER__DNS__' is not an upstream address");
  CHECK(patch(corefile, node_local("__PILLAR__")).error().code == Errc::usage);
  CHECK(patch(corefile, node_local("__pillar__cluster__dns__")).error().code == Errc::usage);
  CHECK(patch(corefile, node_local("{$CLUSTER_DNS}")).error().code == Errc::usage);
}

}  // namespace
}  // namespace meshdns::corefile
