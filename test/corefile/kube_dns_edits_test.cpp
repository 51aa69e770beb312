#include <meshdns/corefile/engine.hpp>
#include <meshdns/result.hpp>

#include <catch2/catch.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace meshdns::corefile {
namespace {

PatchOptions kube_dns(std::vector<std::string> zones, std::string upstream) {
  PatchOptions options;
  options.kind = Kind::kube_dns;
  options.zones = std::move(zones);
  options.upstream = std::move(upstream);
  return options;
}

TEST_CASE("corefile::add_kube_dns_zone", "[corefile][kube_dns]") {
  struct Row {
    std::string_view name;
    std::string_view in;
    std::vector<std::string> zones;
    std::string_view out;
    bool reversible;  // unpatch gives `in` back (not when the zone's block existed before)
  };
  const Row rows[] = {
      {"new block after the last, blank line, file's indent",
       ".:53 {\n  errors\n}\n",
       {"internal"},
       ".:53 {\n  errors\n}\n\ninternal:53 {\n  errors\n  cache 30\n  forward . 10.96.0.60\n}\n",
       true},
      {"no final newline",
       ".:53 {\n\terrors\n}",
       {"internal"},
       ".:53 {\n\terrors\n}\n\ninternal:53 {\n\terrors\n\tcache 30\n\tforward . 10.96.0.60\n}",
       true},
      {"CRLF",
       ".:53 {\r\n    errors\r\n}\r\n",
       {"internal"},
       ".:53 {\r\n    errors\r\n}\r\n\r\ninternal:53 {\r\n    errors\r\n    cache 30\r\n    "
       "forward . 10.96.0.60\r\n}\r\n",
       true},
      {"comment after the closing brace stays",
       ". {\n log\n} # end\n# trailer\n",
       {"internal"},
       ". {\n log\n} # end\n\ninternal:53 {\n errors\n cache 30\n forward . 10.96.0.60\n}\n# "
       "trailer\n",
       true},
      {"blocks without blank lines between them",
       "a {\n log\n}\nb {\n log\n}\n",
       {"internal"},
       "a {\n log\n}\nb {\n log\n}\ninternal:53 {\n errors\n cache 30\n forward . 10.96.0.60\n}\n",
       true},
      {"two zones in order",
       ". {\n log\n}\n",
       {"internal", "corp.example"},
       ". {\n log\n}\n\ninternal:53 {\n errors\n cache 30\n forward . 10.96.0.60\n}\n\n"
       "corp.example:53 {\n errors\n cache 30\n forward . 10.96.0.60\n}\n",
       true},
      {"a block in patch's form with another upstream: replaced in place",
       ". {\n log\n}\ndns://internal.:53 {\n  errors\n  cache 30\n  forward . 10.0.0.1\n}\n",
       {"internal"},
       ". {\n log\n}\ndns://internal.:53 {\n  errors\n  cache 30\n  forward . 10.96.0.60\n}\n",
       false},
      {"same zone on another port is another block",
       "internal:5353 {\n  log\n}\n",
       {"internal"},
       "internal:5353 {\n  log\n}\n\ninternal:53 {\n  errors\n  cache 30\n  forward . "
       "10.96.0.60\n}\n",
       true},
  };
  for (const Row& row : rows) {
    INFO(row.name);
    const PatchOptions options = kube_dns(row.zones, "10.96.0.60");
    const Result<std::string> patched = patch(row.in, options);
    REQUIRE(patched.has_value());
    CHECK(*patched == row.out);
    const Result<std::string> again = patch(*patched, options);
    REQUIRE(again.has_value());
    CHECK(*again == *patched);
    const Result<std::string> restored = unpatch(*patched, options);
    REQUIRE(restored.has_value());
    if (row.reversible) {
      CHECK(*restored == row.in);
    }
  }
}

TEST_CASE("corefile::add_kube_dns_zone: proxy before CoreDNS 1.0.5", "[corefile][kube_dns]") {
  // Kubernetes 1.9-1.10 shipped CoreDNS 1.0.x, which has no forward plugin.
  const std::string in = ".:53 {\n    kubernetes cluster.local\n    proxy . /etc/resolv.conf\n}\n";
  for (const std::string_view version : {"0.9.10", "1.0.1", "1.0.4"}) {
    INFO(version);
    PatchOptions options = kube_dns({"internal"}, "10.96.0.60");
    options.coredns_version = *parse_version(version);
    const Result<std::string> patched = patch(in, options);
    REQUIRE(patched.has_value());
    CHECK(*patched ==
          in + "\ninternal:53 {\n    errors\n    cache 30\n    proxy . 10.96.0.60\n}\n");
    CHECK(lint(*patched, options.coredns_version).empty());
    CHECK(unpatch(*patched, options).value() == in);
  }
  PatchOptions options = kube_dns({"internal"}, "10.96.0.60");
  options.coredns_version = Version{1, 0, 5};
  CHECK(patch(in, options).value().find("forward . 10.96.0.60") != std::string::npos);
}

TEST_CASE("corefile::remove_kube_dns_zone", "[corefile][kube_dns]") {
  struct Row {
    std::string_view name;
    std::string_view in;
    std::string upstream;
    std::string_view out;
  };
  const Row rows[] = {
      {"patch form, any upstream",
       ". {\n log\n}\n\ninternal:53 {\n errors\n cache 30\n forward . "
       "10.1.1.1\n}\n",
       "", ". {\n log\n}\n"},
      {"patch form, other upstream than asked",
       ". {\n log\n}\n\ninternal:53 {\n errors\n cache "
       "30\n forward . 10.1.1.1\n}\n",
       "10.96.0.60", ". {\n log\n}\n\ninternal:53 {\n errors\n cache 30\n forward . 10.1.1.1\n}\n"},
      {"a user's block with more in it stays",
       "internal:53 {\n errors\n cache 30\n forward . 10.1.1.1\n log\n}\n", "",
       "internal:53 {\n errors\n cache 30\n forward . 10.1.1.1\n log\n}\n"},
      {"a commented block stays",
       "internal:53 {\n errors # mine\n cache 30\n forward . 1.1.1.1\n}\n", "",
       "internal:53 {\n errors # mine\n cache 30\n forward . 1.1.1.1\n}\n"},
      {"nothing to remove", ".:53 {\n log\n}", "", ".:53 {\n log\n}"},
  };
  for (const Row& row : rows) {
    INFO(row.name);
    const Result<std::string> out = unpatch(row.in, kube_dns({"internal"}, row.upstream));
    REQUIRE(out.has_value());
    CHECK(*out == row.out);
  }
}

}  // namespace
}  // namespace meshdns::corefile
