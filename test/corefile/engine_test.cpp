#include <meshdns/corefile/engine.hpp>
#include <meshdns/result.hpp>

#include <catch2/catch.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace meshdns::corefile {
namespace {

TEST_CASE("corefile::patch refuses", "[corefile][engine]") {
  struct Row {
    std::string_view name;
    std::string_view corefile;
    Kind kind;
    std::vector<std::string> zones;
    std::string upstream;
    std::string_view version;
    Errc code;
    std::string_view error;
  };
  const Row rows[] = {
      {"zone is no DNS name",
       ".:53 {\n}\n",
       Kind::kube_dns,
       {"in ternal"},
       "10.96.0.60",
       "1.6.2",
       Errc::usage,
       "invalid zone \"in ternal\" (a zone is a DNS name of letters, digits and hyphens; pass a "
       "name such as --zone internal or --zone corp.example)"},
      {"upstream is a host name",
       ".:53 {\n}\n",
       Kind::kube_dns,
       {"internal"},
       "istiocoredns",
       "1.6.2",
       Errc::usage,
       "'istiocoredns' is not an upstream address (CoreDNS forwards to an IPv4 or IPv6 address "
       "with an optional port; pass an address such as 10.96.0.60 or 10.96.0.60:53)"},
      {"kube-dns needs an upstream",
       ".:53 {\n}\n",
       Kind::kube_dns,
       {"internal"},
       "",
       "1.6.2",
       Errc::usage,
       "no upstream given (the kube-dns zone block forwards to the istiocoredns Service; pass "
       "--upstream with its cluster IP, e.g. --upstream 10.96.0.60)"},
      {"unbalanced braces",
       ".:53 {\n  errors\n",
       Kind::kube_dns,
       {"internal"},
       "10.96.0.60",
       "1.6.2",
       Errc::refused,
       "refusing to patch a Corefile that CoreDNS 1.6.2 would refuse (line 1: Unexpected EOF: the "
       "'{' on line 1 is never closed; add the missing '}')"},
      {"proxy on 1.6.2",
       ".:53 {\n  proxy . /etc/resolv.conf\n}\n",
       Kind::istiocoredns,
       {"internal"},
       "",
       "1.6.2",
       Errc::refused,
       "refusing to patch a Corefile that CoreDNS 1.6.2 would refuse (line 2: proxy was removed in "
       "CoreDNS 1.5.0; use forward; replace 'proxy' with 'forward' (same FROM and TO arguments; "
       "forward has no 'protocol' option))"},
      {"grpc twice outside .:53 is not repaired",
       "internal:53 {\n  grpc internal 1.1.1.1\n  grpc internal 2.2.2.2\n}\n",
       Kind::istiocoredns,
       {"internal"},
       "",
       "1.6.2",
       Errc::refused,
       "refusing to patch a Corefile that CoreDNS 1.6.2 would refuse (line 3: grpc appears twice "
       "in "
       "server block \"internal:53\" (first on line 2); CoreDNS allows this plugin only once per "
       "server block; give each zone its own server block)"},
      {"no .:53 block for the proxy",
       "internal:53 {\n  errors\n}\n",
       Kind::istiocoredns,
       {"corp"},
       "",
       "1.1.2",
       Errc::refused,
       "cannot add the proxy line for zone corp (the Corefile has no '.:53 { }' server block; add "
       "the catch-all block istiocoredns ships ('.:53 { ... proxy . /etc/resolv.conf }') or check "
       "--kind)"},
      {"unclosed quote would swallow the new block",
       "import \"custom\n",
       Kind::kube_dns,
       {"internal"},
       "10.96.0.60",
       "1.6.2",
       Errc::refused,
       "refusing to patch a Corefile that CoreDNS 1.6.2 would refuse (line 1: unterminated quoted "
       "string: it runs to the end of the file; close the string with '\"')"},
      {"brace-less snippet at the end",
       "(s)\nlog\n",
       Kind::kube_dns,
       {"internal"},
       "10.96.0.60",
       "1.6.2",
       Errc::refused,
       "cannot add a server block for internal:53 (the server block on line 1 has no braces, so "
       "CoreDNS reads everything after it as its directives; wrap that block's directives in '{' "
       "and '}')"},
      {"brace-less last block",
       "localhost\nwhoami\n",
       Kind::kube_dns,
       {"internal"},
       "10.96.0.60",
       "1.6.2",
       Errc::refused,
       "cannot add a server block for internal:53 (the server block on line 1 has no braces, so "
       "CoreDNS reads everything after it as its directives; wrap that block's directives in '{' "
       "and '}')"},
  };
  for (const Row& row : rows) {
    INFO(row.name);
    PatchOptions options;
    options.kind = row.kind;
    options.zones = row.zones;
    options.upstream = row.upstream;
    options.coredns_version = *parse_version(row.version);
    const Result<std::string> out = patch(row.corefile, options);
    REQUIRE_FALSE(out.has_value());
    CHECK(out.error().code == row.code);
    CHECK(format_error(out.error()) == row.error);
  }
}

TEST_CASE("corefile::unpatch refuses", "[corefile][engine]") {
  PatchOptions options;
  options.zones = {"-internal"};
  Result<std::string> out = unpatch(".:53 {\n", options);
  REQUIRE_FALSE(out.has_value());
  CHECK(out.error().code == Errc::usage);
  options.zones = {"internal"};
  out = unpatch(".:53 {\n", options);
  REQUIRE_FALSE(out.has_value());
  CHECK(out.error().code == Errc::refused);
  CHECK(out.error().why == "line 1: Unexpected EOF: the '{' on line 1 is never closed");
}

TEST_CASE("corefile::patch accepts zone spellings", "[corefile][engine]") {
  // "internal." is the same zone as "internal"; duplicates in the list are patched once.
  PatchOptions options;
  options.zones = {"internal.", "internal"};
  options.upstream = "10.96.0.60:53";
  const Result<std::string> out = patch(".:53 {\n  errors\n}\n", options);
  REQUIRE(out.has_value());
  CHECK(*out ==
        ".:53 {\n  errors\n}\n\ninternal:53 {\n  errors\n  cache 30\n  forward . "
        "10.96.0.60:53\n}\n");
}

}  // namespace
}  // namespace meshdns::corefile
