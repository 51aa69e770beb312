#include <meshdns/corefile/outline.hpp>

#include <catch2/catch.hpp>

namespace meshdns::corefile {
namespace {

TEST_CASE("outline: blocks, their directives and the top-level imports") {
  const Outline found = outline(
      ".:53 {\n    errors\n    hosts /etc/coredns/NodeHosts {\n      reload 15s\n    }\n"
      "    forward . \"/etc/resolv.conf\"  # upstream\n    import "
      "/etc/coredns/custom/*.override\n}\n"
      "(snippet) {\n    reload\n}\n"
      "import /etc/coredns/custom/*.server\n"
      "cluster.local:53 in-addr.arpa:53 {\n    bind 169.254.20.10 10.96.0.10\n}\n");
  REQUIRE(found.blocks.size() == 2);  // the snippet is not a server block
  CHECK(found.blocks[0].keys == std::vector<std::string>{".:53"});
  REQUIRE(found.blocks[0].directives.size() == 4);
  CHECK(found.blocks[0].directives[1].name == "hosts");
  CHECK(found.blocks[0].directives[2].args == std::vector<std::string>{".", "/etc/resolv.conf"});
  CHECK(found.blocks[0].directives[3].name == "import");
  CHECK(found.blocks[1].keys == std::vector<std::string>{"cluster.local:53", "in-addr.arpa:53"});
  CHECK(found.blocks[1].directives[0].args ==
        std::vector<std::string>{"169.254.20.10", "10.96.0.10"});
  CHECK(found.imports == std::vector<std::string>{"/etc/coredns/custom/*.server"});
}

TEST_CASE("loads_plugin: block-level directives only") {
  // k3s: `reload 15s` is an option of hosts, the snippet's reload is not loaded by itself.
  CHECK_FALSE(loads_plugin(outline(".:53 {\n    hosts {\n      reload 15s\n    }\n}\n(s) {\n"
                                   "    reload\n}\n"),
                           "reload"));
  CHECK(loads_plugin(outline(".:53 {\n    errors\n    reload\n}\n"), "reload"));
  CHECK_FALSE(loads_plugin(outline(""), "reload"));
  CHECK_FALSE(loads_plugin(outline("{{{ not a Corefile"), "reload"));
}

}  // namespace
}  // namespace meshdns::corefile
