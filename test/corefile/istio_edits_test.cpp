#include <meshdns/corefile/engine.hpp>
#include <meshdns/result.hpp>

#include <catch2/catch.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace meshdns::corefile {
namespace {

PatchOptions istio(std::string_view version, std::vector<std::string> zones = {"internal"}) {
  PatchOptions options;
  options.kind = Kind::istiocoredns;
  options.zones = std::move(zones);
  options.coredns_version = *parse_version(version);
  return options;
}

struct Row {
  std::string_view name;
  std::string_view version;
  std::string_view in;
  std::string_view out;
};

void check_round_trip(const Row& row, const PatchOptions& options, bool reversible) {
  INFO(row.name);
  const Result<std::string> patched = patch(row.in, options);
  REQUIRE(patched.has_value());
  CHECK(*patched == row.out);
  CHECK(lint(*patched, options.coredns_version).empty());
  const Result<std::string> again = patch(*patched, options);
  REQUIRE(again.has_value());
  CHECK(*again == *patched);
  const Result<std::string> restored = unpatch(*patched, options);
  REQUIRE(restored.has_value());
  if (reversible) {
    CHECK(*restored == row.in);
  }
}

constexpr std::string_view k_chart_1_1 =
    ".:53 {\n    errors\n    log\n    proxy global 127.0.0.1:8053 {\n        protocol grpc "
    "insecure\n    }\n    proxy . /etc/resolv.conf\n}\n";

TEST_CASE("corefile::add_istio_proxy", "[corefile][istio]") {
  const Row rows[] = {
      {"after the chart's proxy global", "1.1.2", k_chart_1_1,
       ".:53 {\n    errors\n    log\n    proxy global 127.0.0.1:8053 {\n        protocol grpc "
       "insecure\n    }\n    proxy internal 127.0.0.1:8053 {\n        protocol grpc insecure\n    "
       "}\n    proxy . /etc/resolv.conf\n}\n"},
      {"before the catch-all proxy, tabs", "1.4.0",
       ".:53 {\n\terrors\n\tproxy . /etc/resolv.conf\n}",
       ".:53 {\n\terrors\n\tproxy internal 127.0.0.1:8053 {\n\t\tprotocol grpc "
       "insecure\n\t}\n\tproxy "
       ". /etc/resolv.conf\n}"},
      {"at the end of the block", "1.1.2", ". {\n  errors\n}\n",
       ". {\n  errors\n  proxy internal 127.0.0.1:8053 {\n    protocol grpc insecure\n  }\n}\n"},
      {"a fork of the chart listening on 1053", "1.1.2",
       ".:1053 {\n  proxy . /etc/resolv.conf\n}\n",
       ".:1053 {\n  proxy internal 127.0.0.1:8053 {\n    protocol grpc insecure\n  }\n  proxy . "
       "/etc/resolv.conf\n}\n"},
  };
  for (const Row& row : rows) {
    check_round_trip(row, istio(row.version), true);
  }
}

TEST_CASE("corefile::add_istio_grpc", "[corefile][istio]") {
  const Row rows[] = {
      {"chart 1.4+: an except line of patch's own beside the chart's", "1.6.2",
       ".:53 {\n    errors\n    grpc global 127.0.0.1:8053\n    forward . /etc/resolv.conf {\n     "
       " "
       "except global\n    }\n}\n",
       ".:53 {\n    errors\n    grpc global 127.0.0.1:8053\n    forward . /etc/resolv.conf {\n     "
       " "
       "except global\n      except internal\n    }\n}\n\ninternal:53 {\n    errors\n    cache "
       "30\n    grpc internal 127.0.0.1:8053\n}\n"},
      {"the user's except already lists the zone: left alone, and kept by unpatch", "1.6.2",
       ".:53 {\n    forward . /etc/resolv.conf {\n      except global internal\n    }\n}\n",
       ".:53 {\n    forward . /etc/resolv.conf {\n      except global internal\n    }\n}\n\n"
       "internal:53 {\n    errors\n    cache 30\n    grpc internal 127.0.0.1:8053\n}\n"},
      {"a fork of the 1.1-1.3 chart on port 1053: the zone block on that port", "1.6.2",
       ".:1053 {\n  forward . /etc/resolv.conf\n}\n",
       ".:1053 {\n  forward . /etc/resolv.conf {\n    except internal\n  }\n}\n\ninternal:1053 {\n "
       " "
       "errors\n  cache 30\n  grpc internal 127.0.0.1:8053\n}\n"},
      {"forward without a sub-block gets one", "1.6.2",
       ".:53 {\n  errors\n  forward . /etc/resolv.conf # upstream\n}\n",
       ".:53 {\n  errors\n  forward . /etc/resolv.conf {\n    except internal\n  } # "
       "upstream\n}\n\n"
       "internal:53 {\n  errors\n  cache 30\n  grpc internal 127.0.0.1:8053\n}\n"},
      {"sub-block without except keeps its options", "1.6.2",
       ".:53 {\n  forward . 8.8.8.8 {\n    max_concurrent 1000\n  }\n}\n",
       ".:53 {\n  forward . 8.8.8.8 {\n    max_concurrent 1000\n    except internal\n  }\n}\n\n"
       "internal:53 {\n  errors\n  cache 30\n  grpc internal 127.0.0.1:8053\n}\n"},
      {"one-line sub-block", "1.6.2", ".:53 {\n  forward . 8.8.8.8 { max_fails 2 }\n}\n",
       ".:53 {\n  forward . 8.8.8.8 { max_fails 2\n    except internal }\n}\n\ninternal:53 {\n  "
       "errors\n  cache 30\n  grpc internal 127.0.0.1:8053\n}\n"},
      {"no catch-all forward: only the block", "1.6.2", ".:53 {\n  whoami\n}\n",
       ".:53 {\n  whoami\n}\n\ninternal:53 {\n  errors\n  cache 30\n  grpc internal "
       "127.0.0.1:8053\n}\n"},
  };
  for (const Row& row : rows) {
    check_round_trip(row, istio(row.version), true);
  }
}

TEST_CASE("corefile::repair_grpc_in_root_block", "[corefile][istio]") {
  // The article's "CoreDNS > 1.4.0" Corefile: two grpc in .:53, which CoreDNS refuses.
  const Row article = {
      "article", "1.6.2",
      ".:53 {\n        errors\n        health\n        grpc internal 127.0.0.1:8053\n        grpc "
      "global 127.0.0.1:8053\n        forward . /etc/resolv.conf {\n        except global "
      "internal\n        }\n        cache 30\n    }\n",
      ".:53 {\n        errors\n        health\n        forward . /etc/resolv.conf {\n        "
      "except "
      "global internal\n        }\n        cache 30\n    }\n\nglobal:53 {\n        errors\n        "
      "cache 30\n        grpc global 127.0.0.1:8053\n}\n\ninternal:53 {\n        errors\n        "
      "cache 30\n        grpc internal 127.0.0.1:8053\n}\n"};
  REQUIRE_FALSE(lint(article.in, Version{1, 6, 2}).empty());
  check_round_trip(article, istio(article.version), false);
  // unpatch of the repaired file keeps the repair (CoreDNS would refuse the original) and only
  // takes the zone out; patching that again gives the same result.
  const Result<std::string> unpatched = unpatch(article.out, istio("1.6.2"));
  REQUIRE(unpatched.has_value());
  // The article's own except line is the user's: it stays; patch's block goes.
  CHECK(unpatched->find("internal:53") == std::string::npos);
  CHECK(unpatched->find("except global internal") != std::string::npos);
  CHECK(lint(*unpatched, Version{1, 6, 2}).empty());
  const Result<std::string> repatched = patch(*unpatched, istio("1.6.2"));
  REQUIRE(repatched.has_value());
  CHECK(*repatched == article.out);
}

TEST_CASE("corefile::remove_istio_zone", "[corefile][istio]") {
  struct RemoveRow {
    std::string_view name;
    std::string_view version;
    std::string_view in;
    std::string_view out;
  };
  const RemoveRow rows[] = {
      {"a user's except line naming the zone among others is not patch's: it stays", "1.6.2",
       ".:53 {\n  forward . x {\n    except global internal corp\n  }\n}\n",
       ".:53 {\n  forward . x {\n    except global internal corp\n  }\n}\n"},
      {"the only except zone: the line goes, the options stay", "1.6.2",
       ".:53 {\n  forward . x {\n    except internal\n    max_fails 2\n  }\n}\n",
       ".:53 {\n  forward . x {\n    max_fails 2\n  }\n}\n"},
      {"a proxy with other options stays", "1.1.2",
       ".:53 {\n  proxy internal 127.0.0.1:8053 {\n    protocol grpc insecure\n    fail_timeout "
       "5s\n  }\n}\n",
       ".:53 {\n  proxy internal 127.0.0.1:8053 {\n    protocol grpc insecure\n    fail_timeout "
       "5s\n  }\n}\n"},
  };
  for (const RemoveRow& row : rows) {
    INFO(row.name);
    const Result<std::string> out = unpatch(row.in, istio(row.version));
    REQUIRE(out.has_value());
    CHECK(*out == row.out);
  }
}

}  // namespace
}  // namespace meshdns::corefile
