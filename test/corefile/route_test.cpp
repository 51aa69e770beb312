#include "corefile/syntax_tree.hpp"
#include "corefile/zone_key.hpp"
#include "support/test_data.hpp"

#include <meshdns/corefile/route.hpp>
#include <meshdns/text.hpp>

#include <catch2/catch.hpp>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace meshdns::corefile {

namespace {

const Version k_current{1, 11, 3};

std::string key_of(const std::string& corefile, const RouteQuery& query) {
  const std::optional<Route> found = route(corefile, query, k_current);
  return found ? cat(found->key, " @", found->line) : "REFUSED";
}

RouteQuery asked(std::string name, std::string port = "53", std::string address = "") {
  RouteQuery query;
  query.name = std::move(name);
  query.port = std::move(port);
  query.listen_address = std::move(address);
  return query;
}

}  // namespace

TEST_CASE("corefile::route: the longest zone wins, the root zone last", "[corefile][route]") {
  const std::string kubeadm =
      ".:53 {\n    errors\n    kubernetes cluster.local in-addr.arpa ip6.arpa\n"
      "    forward . /etc/resolv.conf\n}\n"
      "internal:53 {\n    errors\n    cache 30\n    forward . 10.96.0.60\n}\n"
      "corp.internal:53 {\n    forward . 10.0.0.1\n}\n";
  struct Row {
    std::string name, port, address, expected;
  };
  const std::vector<Row> rows = {
      {"my-fruits.internal", "53", "", "internal:53 @6"},
      {"MY-FRUITS.INTERNAL.", "53", "", "internal:53 @6"},  // case and trailing dot ignored
      {"a.corp.internal", "53", "", "corp.internal:53 @11"},
      {"corp.internal", "53", "", "corp.internal:53 @11"},
      {"xinternal", "53", "", ".:53 @1"},  // a label boundary, not a string suffix
      {"fruits.shop.svc.cluster.local", "53", "", ".:53 @1"},
      {"example.com", "53", "", ".:53 @1"},
      {".", "53", "", ".:53 @1"},
      {"my-fruits.internal", "1053", "", "REFUSED"},  // nothing listens on that port
  };
  for (const Row& row : rows) {
    INFO(row.name << " port " << row.port);
    CHECK(key_of(kubeadm, asked(row.name, row.port, row.address)) == row.expected);
  }
}

TEST_CASE("corefile::route: keys, ports, transports, bind", "[corefile][route]") {
  struct Row {
    std::string corefile;
    RouteQuery query;
    std::string expected;
  };
  RouteQuery tls = asked("a.example.org");
  tls.transport = "tls";
  tls.port = "853";
  const std::vector<Row> rows = {
      // Several keys on one block: each zone is served by it.
      {"example.org org {\n    whoami\n}\n", asked("a.org"), "org @1"},
      {"example.org org {\n    whoami\n}\n", asked("a.example.org"), "example.org @1"},
      {"example.org org {\n    whoami\n}\n", asked("a.net"), "REFUSED"},
      // Transport and port come from the key: tls:// defaults to 853.
      {"tls://example.org {\n    whoami\n}\n.:53 {\n    whoami\n}\n", tls, "tls://example.org @1"},
      {"tls://example.org {\n    whoami\n}\n.:53 {\n    whoami\n}\n", asked("a.example.org"),
       ".:53 @4"},
      // bind: the block listens only on its addresses.
      {".:53 {\n    bind 169.254.10.10\n}\n.:53 {\n    bind 169.254.10.11\n}\n",
       asked("example.com", "53", "169.254.10.11"), ".:53 @4"},
      {".:53 {\n    bind 169.254.10.10\n}\n", asked("example.com", "53", "10.0.0.1"), "REFUSED"},
      // An interface name cannot be resolved from the file: the block may listen there.
      {". {\n    bind lo {\n        except 127.0.0.1\n    }\n}\n",
       asked("example.com", "53", "10.0.0.1"), ". @1"},
      // A key CoreDNS expands at load time is not guessed at.
      {"{$ZONE}:53 {\n    whoami\n}\n", asked("a.example"), "REFUSED"},
  };
  for (const Row& row : rows) {
    INFO(row.corefile << row.query.name);
    CHECK(key_of(row.corefile, row.query) == row.expected);
  }
}

TEST_CASE("corefile::route: plugins in plugin.cfg order, imports and views reported",
          "[corefile][route]") {
  const std::string corefile =
      ".:53 {\n"
      "    forward . /etc/resolv.conf\n"
      "    kubernetes cluster.local\n"
      "    rewrite name exact my-fruits.internal fruits.shop.svc.cluster.local\n"
      "    import custom/*.override\n"
      "    cache 30\n"
      "    errors\n"
      "    mystery\n"
      "}\n";
  const std::optional<Route> found = route(corefile, asked("my-fruits.internal"), k_current);
  REQUIRE(found);
  std::vector<std::string> order;
  for (const RoutedPlugin& plugin : found->plugins) {
    order.push_back(cat(plugin.name, "@", plugin.line, plugin.known ? "" : "?"));
  }
  // CoreDNS runs rewrite before kubernetes and forward last, whatever the written order.
  CHECK(order == std::vector<std::string>{"errors@7", "cache@6", "rewrite@4", "kubernetes@3",
                                          "forward@2", "mystery@8?"});
  CHECK(found->plugins[2].args == std::vector<std::string>{"name", "exact", "my-fruits.internal",
                                                           "fruits.shop.svc.cluster.local"});
  CHECK(found->imports == std::vector<std::string>{"custom/*.override"});
  const std::optional<Route> istio =
      route(".:53 {\n    forward . /etc/resolv.conf {\n        except global internal\n    }\n}\n",
            asked("a.internal"), k_current);
  REQUIRE(istio);
  CHECK(istio->plugins.at(0).options ==
        std::vector<std::vector<std::string>>{{"except", "global", "internal"}});
  CHECK_FALSE(found->depends_on_view);

  const std::string views = test::corpus_corefile("coredns-test-view-mixed-tabs-spaces");
  const std::optional<Route> split = route(views, asked("one.test.split-name", "1053"), k_current);
  REQUIRE(split);
  CHECK(split->line == 21);
  CHECK(split->depends_on_view);
}

TEST_CASE("corefile::route on corpus Corefiles", "[corefile][route][corpus]") {
  struct Row {
    std::string file;
    RouteQuery query;
    std::string expected;
  };
  const std::vector<Row> rows = {
      {"kubeadm-k8s1.21plus-ikeeip", asked("my-fruits.internal"), ".:53 @1"},
      {"blog-rahulrai-kubedns-internal-stanza", asked("my-fruits.internal"), "internal:53 @1"},
      {"blog-rahulrai-kubedns-internal-stanza", asked("example.com"), "REFUSED"},
      {"k8s-addon-nodelocaldns", asked("a.b.svc.cluster.local", "53", "169.254.20.10"),
       "cluster.local:53 @1"},
      {"k8s-addon-nodelocaldns", asked("my-fruits.internal", "53", "10.96.0.10"), ".:53 @38"},
      {"k8s-addon-nodelocaldns", asked("my-fruits.internal", "53", "10.0.0.7"), "REFUSED"},
      {"aks-localdns-agentbaker-real-aks-two-dot53-binds", asked("a.com", "53", "169.254.10.11"),
       ".:53 @26"},
      {"coredns-man-corefile5-two-zones-one-key", asked("www.example.org"), "example.org @1"},
  };
  for (const Row& row : rows) {
    INFO(row.file << ": " << row.query.name);
    CHECK(key_of(test::corpus_corefile(row.file), row.query) == row.expected);
  }
}

// Every corpus Corefile, every zone it serves on port 53: a name under the zone goes to the block
// holding the longest zone that contains it, found here the other way round (by comparing every
// key with the name rather than walking the name's labels), and never to a block of another port.
TEST_CASE("corefile::route agrees with zone matching on the whole corpus",
          "[corefile][route][corpus]") {
  std::size_t checked = 0;
  for (const auto& entry : std::filesystem::directory_iterator(test::test_data("corefiles"))) {
    if (entry.path().extension() != ".Corefile") {
      continue;
    }
    const std::string text = test::corpus_corefile(entry.path().stem().string());
    const Document document = parse(text);
    std::vector<std::string> zones;  // of every dns block key on :53, with duplicates
    for (const ServerBlock& block : document.blocks()) {
      for (const TokenIndex key : block.keys) {
        const std::optional<ZoneKey> parsed =
            block.kind == BlockKind::server ? parse_zone_key(document.value(key)) : std::nullopt;
        if (parsed && parsed->transport == "dns" && parsed->port == "53") {
          zones.push_back(parsed->zone);
        }
      }
    }
    for (const std::string& zone : zones) {
      const std::string name = zone == "." ? "probe.example." : cat("probe.", zone);
      std::string longest;
      for (const std::string& other : zones) {
        const bool contains = other == "." || name == other ||
                              (name.size() > other.size() && ends_with(name, other) &&
                               name[name.size() - other.size() - 1] == '.');
        if (contains && (longest.empty() || other.size() > longest.size())) {
          longest = other;
        }
      }
      INFO(entry.path().filename().string() << ": " << name);
      const std::optional<Route> found = route(text, asked(name), k_current);
      REQUIRE(found);
      CHECK(found->zone == longest);
      const std::optional<ZoneKey> key = parse_zone_key(found->key);
      REQUIRE(key);
      CHECK(key->port == "53");
      ++checked;
    }
  }
  CHECK(checked > 150);  // the corpus holds well over a hundred :53 zones
}

}  // namespace meshdns::corefile
