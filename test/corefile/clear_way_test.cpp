// The user's own lines for a zone: patch refuses them (line, reason, fix), or with --force sets
// them aside as marked comments that unpatch turns back into the same bytes.

#include <meshdns/corefile/engine.hpp>
#include <meshdns/result.hpp>

#include <catch2/catch.hpp>

#include <string>
#include <string_view>

namespace meshdns::corefile {
namespace {

struct Row {
  std::string_view name;
  Kind kind;
  std::string_view version;
  std::string_view in;
  std::string_view why;     // of the refusal without --force
  std::string_view forced;  // the result with --force
};

PatchOptions options_for(const Row& row, Force force) {
  PatchOptions options;
  options.kind = row.kind;
  options.coredns_version = *parse_version(row.version);
  options.upstream = row.kind == Kind::kube_dns ? "10.96.0.60" : "";
  options.force = force;
  return options;
}

TEST_CASE("corefile::clear_way_for_zone", "[corefile][clear_way]") {
  const Row rows[] = {
      {"a multi-key block with the catch-all: its forward is everyone's upstream", Kind::kube_dns,
       "1.6.2",
       ".:53 internal:53 {\n    errors\n    kubernetes cluster.local\n    forward . "
       "/etc/resolv.conf\n}\n",
       "line 1: server block \".:53 internal:53\" serves internal together with other zones; "
       "routing internal there would change how they resolve too",
       "# meshdns-key[internal] .:53 internal:53 {\n.:53 {\n    errors\n    kubernetes "
       "cluster.local\n    forward . /etc/resolv.conf\n}\n\ninternal:53 {\n    errors\n    cache "
       "30\n    forward . 10.96.0.60\n}\n"},
      {"the user's own zone block, a comment and two upstreams", Kind::kube_dns, "1.6.2",
       ".:53 {\n  forward . /etc/resolv.conf\n}\n\n# corp resolvers\ninternal:53 {\n  errors\n  "
       "forward . 10.1.1.1 10.1.1.2 # primary, secondary\n}\n",
       "line 6: server block \"internal:53\" for internal is the user's own, not in the form "
       "patch writes",
       ".:53 {\n  forward . /etc/resolv.conf\n}\n\ninternal:53 {\n  errors\n  cache 30\n  "
       "forward . 10.96.0.60\n}\n\n# corp resolvers\n# meshdns-saved[internal] internal:53 {\n# "
       "meshdns-saved[internal]   errors\n# meshdns-saved[internal]   forward . 10.1.1.1 10.1.1.2 "
       "# primary, secondary\n# meshdns-saved[internal] }\n"},
      {"`internal {` without a port, CRLF, no final newline", Kind::kube_dns, "1.6.2",
       ".:53 {\r\n\tlog\r\n}\r\ninternal {\r\n\tlog\r\n}",
       "line 4: server block \"internal\" for internal is the user's own, not in the form patch "
       "writes",
       ".:53 {\r\n\tlog\r\n}\r\ninternal:53 {\r\n\terrors\r\n\tcache 30\r\n\tforward . "
       "10.96.0.60\r\n}\r\n# meshdns-saved[internal] internal {\r\n# meshdns-saved[internal] "
       "\tlog\r\n# meshdns-saved[internal] }"},
      {"a zone block keyed with another zone", Kind::kube_dns, "1.6.2",
       "corp.example:53 internal:53 {\n  forward . 10.1.1.1\n}",
       "line 1: server block \"corp.example:53 internal:53\" serves internal together with other "
       "zones; routing internal there would change how they resolve too",
       "# meshdns-key[internal] corp.example:53 internal:53 {\ncorp.example:53 {\n  forward . "
       "10.1.1.1\n}\n\ninternal:53 {\n  errors\n  cache 30\n  forward . 10.96.0.60\n}"},
      {"istiocoredns: the user's own zone block", Kind::istiocoredns, "1.6.2",
       ".:53 {\n  forward . /etc/resolv.conf\n}\ninternal:53 {\n  grpc internal 10.0.0.1\n}\n",
       "line 4: server block \"internal:53\" for internal is the user's own, not in the form "
       "patch writes",
       ".:53 {\n  forward . /etc/resolv.conf {\n    except internal\n  }\n}\ninternal:53 {\n  "
       "errors\n  cache 30\n  grpc internal 127.0.0.1:8053\n}\n# meshdns-saved[internal] "
       "internal:53 {\n# meshdns-saved[internal]   grpc internal 10.0.0.1\n# "
       "meshdns-saved[internal] }\n"},
      {"istiocoredns 1.1.2: the user's own proxy line for the zone", Kind::istiocoredns, "1.1.2",
       ".:53 {\n  proxy internal 10.0.0.1 10.0.0.2\n  proxy . /etc/resolv.conf\n}\n",
       "line 2: the proxy line for internal is the user's own, not in the form patch writes "
       "(proxy internal ADDRESS { protocol grpc insecure })",
       ".:53 {\n  proxy internal 127.0.0.1:8053 {\n    protocol grpc insecure\n  }\n# "
       "meshdns-saved[internal]   proxy internal 10.0.0.1 10.0.0.2\n  proxy . "
       "/etc/resolv.conf\n}\n"},
  };
  for (const Row& row : rows) {
    INFO(row.name);
    const Result<std::string> refused = patch(row.in, options_for(row, Force::no));
    REQUIRE_FALSE(refused.has_value());
    CHECK(refused.error().code == Errc::refused);
    CHECK(refused.error().what ==
          "refusing to patch zone internal: patch edits only lines it wrote");
    CHECK(refused.error().why == row.why);
    CHECK(refused.error().fix ==
          "remove or rename those lines yourself, or pass --force to set them aside as comments "
          "(corefile unpatch puts them back)");
    const PatchOptions forced = options_for(row, Force::yes);
    const Result<std::string> patched = patch(row.in, forced);
    REQUIRE(patched.has_value());
    CHECK(*patched == row.forced);
    CHECK(patch(*patched, forced).value() == *patched);
    CHECK(unpatch(*patched, options_for(row, Force::no)).value() == row.in);
  }
}

}  // namespace
}  // namespace meshdns::corefile
