#include <meshdns/corefile/engine.hpp>
#include <meshdns/text.hpp>

#include <catch2/catch.hpp>

#include <string>
#include <string_view>

namespace meshdns::corefile {
namespace {

// "E3: message => fix" per finding, joined by " | ".
std::string findings(std::string_view corefile, std::string_view version) {
  std::string out;
  for (const Finding& finding : lint(corefile, *parse_version(version))) {
    out += cat(out.empty() ? "" : " | ", finding.severity == Severity::error ? "E" : "W",
               finding.line, ": ", finding.message, " => ", finding.fix);
  }
  return out;
}

TEST_CASE("corefile::lint", "[corefile][lint]") {
  struct Row {
    std::string_view corefile;
    std::string_view version;
    std::string_view findings;
  };
  const Row rows[] = {
      {".:53 {\n  errors\n  forward . /etc/resolv.conf\n  cache 30\n}\n", "1.6.2", ""},
      {".:53 {\n  proxy . 10.0.0.1\n}\n", "1.6.2",
       "E2: proxy was removed in CoreDNS 1.5.0; use forward => replace 'proxy' with 'forward' "
       "(same FROM and TO arguments; forward has no 'protocol' option)"},
      {".:53 {\n  proxy . 10.0.0.1\n}\n", "1.4.0", ""},
      {".:53 {\n  grpc internal 127.0.0.1:8053\n}\n", "1.1.2",
       "E2: grpc is not in CoreDNS 1.1.2: it was added in CoreDNS 1.5.0 => use 'proxy ZONE ADDRESS "
       "{ protocol grpc insecure }', or upgrade CoreDNS to 1.5.0"},
      {".:53 {\n  errors\n  grpc internal 127.0.0.1:8053\n  grpc global 127.0.0.1:8053\n}\n",
       "1.6.2",
       "E4: grpc appears twice in server block \".:53\" (first on line 3); CoreDNS allows this "
       "plugin only once per server block => give each zone its own server block"},
      {"internal:53 {\n  cache 30\n  cache 60\n}\n", "1.6.2",
       "E3: cache appears twice in server block \"internal:53\" (first on line 2); CoreDNS allows "
       "this plugin only once per server block => keep one cache line in this block"},
      {".:53 {\n  forward a. 10.0.0.1\n  forward b. 10.0.0.2\n}\n", "1.9.4",
       "E3: forward appears twice in server block \".:53\" (first on line 2); CoreDNS allows this "
       "plugin only once per server block => keep one forward line in this block"},
      {".:53 {\n  forward a. 10.0.0.1\n  forward b. 10.0.0.2\n}\n", "1.10.0", ""},
      {".:53 {\n  forward .\n}\n", "1.6.2",
       "E2: forward . has no upstream => give the address to send the queries to: 'forward . "
       "10.96.0.10'"},
      {".:53 {\n  grpc internal\n}\n", "1.6.2",
       "E2: grpc internal has no upstream => give the address to send the queries to: 'grpc "
       "internal 127.0.0.1:8053'"},
      {"internal {\n  whoami\n}\ndns://internal.:53 {\n  whoami\n}\n", "1.6.2",
       "E4: cannot serve dns://internal.:53 - it is already defined => merge this server block "
       "into the one on line 1, or remove one of them"},
      {"internal {\n  whoami\n}\ninternal:5353 {\n  whoami\n}\ntls://internal {\n  whoami\n}\n",
       "1.6.2", ""},
      {".:53 {\n  bind 10.0.0.1\n  whoami\n}\n.:53 {\n  bind 10.0.0.2\n  whoami\n}\n", "1.6.2", ""},
      // view: blocks for one key are tried in order, so all but the last need a view.
      {". {\n  view a {\n    expr type() == 'A'\n  }\n  whoami\n}\n. {\n  whoami\n}\n", "1.11.0",
       ""},
      {". {\n  whoami\n}\n. {\n  view a {\n    expr type() == 'A'\n  }\n  whoami\n}\n", "1.11.0",
       "E4: cannot serve dns://.:53 - it is already defined => merge this server block into the "
       "one on line 1, or remove one of them"},
      {"cluster.local:53{\n  errors\n}\n", "1.6.2",
       "E1: Site addresses cannot end with a curly brace: 'cluster.local:53{' => put a space "
       "before "
       "the brace: 'cluster.local:53 {'"},
      {".:53 {\n  errors\n", "1.6.2",
       "E1: Unexpected EOF: the '{' on line 1 is never closed => add the missing '}'"},
      {". { bind 127.0.0.1 }\n", "1.6.2",
       "E1: Unexpected '}' because no matching opening brace => put the '}' that closes the block "
       "on a line of its own"},
      {".:53 {\n  errors\n\ncluster.local:53\n  whoami\n}\n", "1.6.2",
       "E4: Unknown directive 'cluster.local:53' => this looks like a server block key: close the "
       "block above with '}' and open this one with '{'"},
      {".:53 {\n  ocp_dnsnameresolver\n}\n", "1.6.2",
       "W2: Unknown directive 'ocp_dnsnameresolver' (in no stock CoreDNS release) => CoreDNS "
       "refuses it unless built with that plugin; check the spelling"},
      // Accepted by CoreDNS: snippets (checked where imported), imports, env placeholders.
      {"(common) {\n  grpc a 1.1.1.1\n  grpc b 1.1.1.1\n}\n{$ZONE}:53 {\n  import common\n  "
       "{$PLUGIN}\n  forward . {$UPSTREAM}\n}\nimport custom/*.server\n",
       "1.6.2", ""},
  };
  for (const Row& row : rows) {
    INFO(row.corefile);
    CHECK(findings(row.corefile, row.version) == row.findings);
  }
}

}  // namespace
}  // namespace meshdns::corefile
