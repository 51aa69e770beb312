#include <meshdns/corefile/engine.hpp>
#include <meshdns/corefile/rewrite.hpp>
#include <meshdns/result.hpp>
#include <meshdns/text.hpp>

#include <catch2/catch.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace meshdns::corefile {
namespace {

constexpr std::string_view k_kubeadm =
    ".:53 {\n"
    "    errors\n"
    "    health {\n"
    "       lameduck 5s\n"
    "    }\n"
    "    ready\n"
    "    kubernetes cluster.local in-addr.arpa ip6.arpa {\n"
    "       pods insecure\n"
    "       fallthrough in-addr.arpa ip6.arpa\n"
    "       ttl 30\n"
    "    }\n"
    "    prometheus :9153\n"
    "    forward . /etc/resolv.conf {\n"
    "       max_concurrent 1000\n"
    "    }\n"
    "    cache 30\n"
    "    loop\n"
    "    reload\n"
    "    loadbalance\n"
    "}\n";

constexpr std::string_view k_fruits = "fruits-api-service.micro-shake-factory.svc.cluster.local";

RewriteOptions aliases(std::vector<AliasRewrite> list, Version version = {1, 11, 3}) {
  RewriteOptions options;
  options.aliases = std::move(list);
  options.coredns_version = version;
  return options;
}

AliasRewrite to(std::string alias, std::string_view target) {
  return {std::move(alias), std::string(target), "", ""};
}

std::string replaced(std::string_view text, std::string_view from, std::string_view to) {
  std::string out(text);
  out.replace(out.find(from), from.size(), to);
  return out;
}

TEST_CASE("corefile::patch_rewrites", "[corefile][rewrite]") {
  struct Row {
    std::string_view name;
    std::string in;
    std::vector<AliasRewrite> aliases;
    std::string out;
  };
  const std::string kubeadm(k_kubeadm);
  const Row rows[] = {
      {"kubeadm: the line just before kubernetes, at its indentation",
       kubeadm,
       {to("my-fruits.internal", k_fruits)},
       replaced(kubeadm, "    kubernetes",
                "    rewrite name exact my-fruits.internal "
                "fruits-api-service.micro-shake-factory.svc.cluster.local\n    kubernetes")},
      {"two aliases keep their order; a trailing dot and capitals are normalised",
       kubeadm,
       {to("My-Fruits.internal.", k_fruits),
        to("shakes.corp.example", "shake.bar.svc.cluster.local")},
       replaced(kubeadm, "    kubernetes",
                "    rewrite name exact my-fruits.internal "
                "fruits-api-service.micro-shake-factory.svc.cluster.local\n"
                "    rewrite name exact shakes.corp.example shake.bar.svc.cluster.local\n"
                "    kubernetes")},
      {"tabs and CRLF copied from the neighbours",
       ".:53 {\r\n\terrors\r\n\tkubernetes cluster.local\r\n\tforward . /etc/resolv.conf\r\n}\r\n",
       {to("a.internal", "s.ns.svc.cluster.local")},
       ".:53 {\r\n\terrors\r\n\trewrite name exact a.internal s.ns.svc.cluster.local\r\n"
       "\tkubernetes cluster.local\r\n\tforward . /etc/resolv.conf\r\n}\r\n"},
      {"kubernetes first in its block, comment on the brace line stays",
       ". { # kube-dns\n  kubernetes cluster.local\n}",
       {to("a.internal", "s.ns.svc.cluster.local")},
       ". { # kube-dns\n  rewrite name exact a.internal s.ns.svc.cluster.local\n  kubernetes "
       "cluster.local\n}"},
      {"a new alias goes after the tool's earlier lines",
       ".:53 {\n  errors\n  rewrite name exact a.internal s.ns.svc.cluster.local\n  log\n"
       "  kubernetes cluster.local\n}\n",
       {to("b.internal", "t.ns.svc.cluster.local")},
       ".:53 {\n  errors\n  rewrite name exact a.internal s.ns.svc.cluster.local\n"
       "  rewrite name exact b.internal t.ns.svc.cluster.local\n  log\n  kubernetes "
       "cluster.local\n}\n"},
      {"an alias's line with another target is updated in place",
       ".:53 {\n  rewrite name exact a.internal old.ns.svc.cluster.local\n  kubernetes "
       "cluster.local\n}\n",
       {to("a.internal", "new.ns.svc.cluster.local")},
       ".:53 {\n  rewrite name exact a.internal new.ns.svc.cluster.local\n  kubernetes "
       "cluster.local\n}\n"},
      {"the cluster domain comes from the kubernetes line (Service + namespace form)",
       ".:53 {\n  kubernetes k8s.example.org in-addr.arpa ip6.arpa\n}\n",
       {{"a.internal", "", "fruits", "shop"}},
       ".:53 {\n  rewrite name exact a.internal fruits.shop.svc.k8s.example.org\n  kubernetes "
       "k8s.example.org in-addr.arpa ip6.arpa\n}\n"},
      {"kubernetes without zones serves the block's keys",
       "cluster.local:53 .:53 {\n  kubernetes\n}\n",
       {{"a.internal", "", "s", "ns"}},
       "cluster.local:53 .:53 {\n  rewrite name exact a.internal s.ns.svc.cluster.local\n  "
       "kubernetes\n}\n"},
      {"every block that serves the alias and holds kubernetes gets the line (bind twins)",
       ".:53 {\n  bind 10.0.0.1\n  kubernetes cluster.local\n}\n.:53 {\n  bind 10.0.0.2\n"
       "  kubernetes cluster.local\n}\n",
       {to("a.internal", "s.ns.svc.cluster.local")},
       ".:53 {\n  bind 10.0.0.1\n  rewrite name exact a.internal s.ns.svc.cluster.local\n  "
       "kubernetes cluster.local\n}\n.:53 {\n  bind 10.0.0.2\n  rewrite name exact a.internal "
       "s.ns.svc.cluster.local\n  kubernetes cluster.local\n}\n"},
      {"a zone block on another port does not take the alias",
       ".:53 {\n  kubernetes cluster.local\n}\ninternal:5353 {\n  forward . 10.0.0.9\n}\n",
       {to("a.internal", "s.ns.svc.cluster.local")},
       ".:53 {\n  rewrite name exact a.internal s.ns.svc.cluster.local\n  kubernetes "
       "cluster.local\n}\ninternal:5353 {\n  forward . 10.0.0.9\n}\n"},
  };
  for (const Row& row : rows) {
    INFO(row.name);
    const RewriteOptions options = aliases(row.aliases);
    const Result<std::string> patched = patch_rewrites(row.in, options);
    REQUIRE(patched.has_value());
    CHECK(*patched == row.out);
    const Result<std::string> again = patch_rewrites(*patched, options);
    REQUIRE(again.has_value());
    CHECK(*again == *patched);
    for (const Finding& finding : lint(*patched, options.coredns_version)) {
      INFO(finding.line << ": " << finding.message);
      CHECK(finding.severity == Severity::warning);
    }
    // What the tool added goes again; lines it found (updated in place) are the tool's too.
    const Result<std::string> restored = unpatch_rewrites(*patched, options);
    REQUIRE(restored.has_value());
    if (row.in.find("rewrite") == std::string::npos) {
      CHECK(*restored == row.in);
    }
  }
}

TEST_CASE("corefile::unpatch_rewrites removes exactly one alias's line", "[corefile][rewrite]") {
  const RewriteOptions both = aliases(
      {to("a.internal", "s.ns.svc.cluster.local"), to("b.internal", "t.ns.svc.cluster.local")});
  const std::string original(k_kubeadm);
  const Result<std::string> patched = patch_rewrites(original, both);
  REQUIRE(patched.has_value());
  const Result<std::string> without_a = unpatch_rewrites(*patched, aliases({to("a.internal", "")}));
  REQUIRE(without_a.has_value());
  const Result<std::string> only_b =
      patch_rewrites(original, aliases({to("b.internal", "t.ns.svc.cluster.local")}));
  REQUIRE(only_b.has_value());
  CHECK(*without_a == *only_b);
  CHECK(rewrites_in(*without_a) ==
        std::vector<AliasRewrite>{{"b.internal", "t.ns.svc.cluster.local", "", ""}});
  const Result<std::string> none = unpatch_rewrites(*without_a, aliases({to("b.internal", "")}));
  REQUIRE(none.has_value());
  CHECK(*none == original);

  // A user's line in another form, and the tool's form with a comment, stay.
  const std::string user =
      ".:53 {\n  rewrite name a.internal x.ns.svc.cluster.local\n  rewrite name exact "
      "b.internal t.ns.svc.cluster.local # mine\n  kubernetes cluster.local\n}\n";
  const Result<std::string> kept = unpatch_rewrites(user, both);
  REQUIRE(kept.has_value());
  CHECK(*kept == user);
}

TEST_CASE("corefile::patch_rewrites refusals", "[corefile][rewrite]") {
  struct Row {
    std::string_view name;
    std::string in;
    std::vector<AliasRewrite> aliases;
    Version version;
    Errc code;
    std::string_view why;  // a part of the error's text
  };
  const std::string kubeadm(k_kubeadm);
  const AliasRewrite fruits = to("my-fruits.internal", k_fruits);
  const Row rows[] = {
      {"CoreDNS before 1.2.5", kubeadm, {fruits}, {1, 2, 4}, Errc::refused, "since CoreDNS 1.2.5"},
      {"istiocoredns's zone block wins the alias",
       kubeadm + "internal:53 {\n    errors\n    cache 30\n    forward . 10.96.0.60\n}\n",
       {fruits},
       {1, 11, 3},
       Errc::refused,
       "line 21: CoreDNS hands my-fruits.internal to server block internal:53"},
      {"a user's corporate zone wins",
       kubeadm + "corp.example {\n    forward . 10.1.1.1\n}\n",
       {to("api.eu.corp.example", k_fruits)},
       {1, 11, 3},
       Errc::refused,
       "line 21: CoreDNS hands api.eu.corp.example to server block corp.example"},
      {"no block holds kubernetes",
       ".:53 {\n  forward . /etc/resolv.conf\n}\n",
       {fruits},
       {1, 11, 3},
       Errc::refused,
       "has none"},
      {"the kubernetes block serves the cluster domain only",
       "cluster.local:53 {\n  kubernetes\n}\n.:53 {\n  forward . /etc/resolv.conf\n}\n",
       {fruits},
       {1, 11, 3},
       Errc::refused,
       "line 4: CoreDNS hands my-fruits.internal to server block .:53"},
      {"the alias is in the cluster domain",
       kubeadm,
       {to("x.svc.cluster.local", k_fruits)},
       {1, 11, 3},
       Errc::usage,
       "inside the cluster domain cluster.local"},
      {"a target in another cluster domain",
       kubeadm,
       {to("a.internal", "fruits.shop.svc.k8s.example")},
       {1, 11, 3},
       Errc::usage,
       "answers SERVICE.NAMESPACE.svc.cluster.local"},
      {"a target that is no Service name",
       kubeadm,
       {to("a.internal", "a.b.c.svc.cluster.local")},
       {1, 11, 3},
       Errc::usage,
       "is not a Service name"},
      {"an alias without a dot",
       kubeadm,
       {to("fruits", k_fruits)},
       {1, 11, 3},
       Errc::usage,
       "not a usable DNS name"},
      {"one alias, two targets",
       kubeadm,
       {fruits, to("my-fruits.internal", "other.ns.svc.cluster.local")},
       {1, 11, 3},
       Errc::usage,
       "given twice"},
      {"a user's own rewrite of the alias",
       ".:53 {\n  rewrite stop name my-fruits.internal x.y.svc.cluster.local\n  kubernetes "
       "cluster.local\n}\n",
       {fruits},
       {1, 11, 3},
       Errc::refused,
       "line 2 already rewrites it"},
      {"input CoreDNS would refuse",
       ".:53 {\n  kubernetes cluster.local\n",
       {fruits},
       {1, 11, 3},
       Errc::refused,
       "refusing to patch"},
  };
  for (const Row& row : rows) {
    INFO(row.name);
    const Result<std::string> patched = patch_rewrites(row.in, aliases(row.aliases, row.version));
    REQUIRE_FALSE(patched.has_value());
    CHECK(patched.error().code == row.code);
    const std::string text = format_error(patched.error());
    INFO(text);
    CHECK(text.find(row.why) != std::string::npos);
    CHECK(text.find("answer auto") == std::string::npos);
  }
}

TEST_CASE("corefile::check_rewrite_reach", "[corefile][rewrite][override]") {
  // k3s: the override is imported inside .:53; a .server file with internal:53 takes the alias.
  const std::string k3s =
      ".:53 {\n    kubernetes cluster.local in-addr.arpa ip6.arpa\n    forward . "
      "/etc/resolv.conf\n    import /etc/coredns/custom/*.override\n}\nimport "
      "/etc/coredns/custom/*.server\n";
  const RewriteOptions fruits = aliases({to("my-fruits.internal", "")});
  CHECK(check_rewrite_reach(k3s, fruits).has_value());
  const std::string server_file = "internal:53 {\n    forward . 10.96.0.60\n}\n";
  const Result<void> shadowed = check_rewrite_reach(k3s + server_file, fruits);
  REQUIRE_FALSE(shadowed.has_value());
  CHECK(shadowed.error().code == Errc::refused);
  CHECK(shadowed.error().why.find("line 7: CoreDNS hands my-fruits.internal to server block "
                                  "internal:53") == 0);
  CHECK(check_rewrite_reach(k3s, aliases({to("my-fruits.internal", "")}, {1, 2, 0})).error().code ==
        Errc::refused);
  CHECK(check_rewrite_reach(server_file, fruits).error().what ==
        "no server block holds the kubernetes plugin");
}

TEST_CASE("corefile::cluster_domain_of", "[corefile][rewrite]") {
  CHECK(*cluster_domain_of(k_kubeadm) == "cluster.local");
  CHECK(*cluster_domain_of(".:53 {\n  kubernetes in-addr.arpa k8s.corp. ip6.arpa\n}\n") ==
        "k8s.corp");
  CHECK(*cluster_domain_of("cluster.local:53 {\n  kubernetes\n}\n") == "cluster.local");
  CHECK(*cluster_domain_of("10.0.0.0/17 k8s.corp {\n  kubernetes\n}\n") == "k8s.corp");
  CHECK(cluster_domain_of(".:53 {\n  forward . 1.1.1.1\n}\n").error().code == Errc::refused);
}

TEST_CASE("corefile::patch_override", "[corefile][rewrite][override]") {
  struct Row {
    std::string_view name;
    std::string_view in;
    std::vector<AliasRewrite> aliases;
    std::string_view out;
  };
  const Row rows[] = {
      {"empty body",
       "",
       {to("a.internal", "s.ns.svc.cluster.local")},
       "rewrite name exact a.internal s.ns.svc.cluster.local\n"},
      {"after the body's lines, in its indentation and CRLF",
       "  log\r\n",
       {to("a.internal", "s.ns.svc.cluster.local"), {"b.internal", "", "t", "ns"}},
       "  log\r\n  rewrite name exact a.internal s.ns.svc.cluster.local\r\n  rewrite name exact "
       "b.internal t.ns.svc.cluster.local\r\n"},
      {"no final newline stays so",
       "log",
       {to("a.internal", "s.ns.svc.cluster.local")},
       "log\nrewrite name exact a.internal s.ns.svc.cluster.local"},
      {"updated in place",
       "rewrite name exact a.internal old.ns.svc.cluster.local # not ours\nrewrite name exact "
       "b.internal old.ns.svc.cluster.local\n",
       {to("b.internal", "s.ns.svc.cluster.local")},
       "rewrite name exact a.internal old.ns.svc.cluster.local # not ours\nrewrite name exact "
       "b.internal s.ns.svc.cluster.local\n"},
  };
  for (const Row& row : rows) {
    INFO(row.name);
    const RewriteOptions options = aliases(row.aliases);
    const Result<std::string> patched = patch_override(row.in, options, "cluster.local");
    REQUIRE(patched.has_value());
    CHECK(*patched == row.out);
    const Result<std::string> again = patch_override(*patched, options, "cluster.local");
    REQUIRE(again.has_value());
    CHECK(*again == *patched);
    if (row.in.find("rewrite") == std::string_view::npos) {
      const Result<std::string> restored = unpatch_override(*patched, options);
      REQUIRE(restored.has_value());
      CHECK(*restored == row.in);
    }
  }
}

TEST_CASE("corefile::unpatch_override", "[corefile][rewrite][override]") {
  const RewriteOptions ab = aliases(
      {to("a.internal", "s.ns.svc.cluster.local"), to("b.internal", "t.ns.svc.cluster.local")});
  for (const std::string_view original : {"", "log", "log\n", "\n", "# mine\nlog"}) {
    INFO('"' << original << '"');
    const Result<std::string> patched = patch_override(original, ab, "cluster.local");
    REQUIRE(patched.has_value());
    CHECK(override_rewrites(*patched).size() == 2);
    const Result<std::string> restored = unpatch_override(*patched, ab);
    REQUIRE(restored.has_value());
    CHECK(*restored == original);
    // Removing a alone gives what patching b alone gives.
    const Result<std::string> only_b = patch_override(
        original, aliases({to("b.internal", "t.ns.svc.cluster.local")}), "cluster.local");
    const Result<std::string> without_a =
        unpatch_override(*patched, aliases({to("a.internal", "")}));
    REQUIRE(without_a.has_value());
    CHECK(*without_a == *only_b);
  }
  const Result<std::string> conflict =
      patch_override("rewrite name a.internal x.y.svc.cluster.local\n",
                     aliases({to("a.internal", "s.ns.svc.cluster.local")}), "cluster.local");
  REQUIRE_FALSE(conflict.has_value());
  CHECK(conflict.error().why.find("line 1 of the .override body") != std::string::npos);
  const Result<std::string> old = patch_override(
      "", aliases({to("a.internal", "s.ns.svc.cluster.local")}, {1, 2, 2}), "cluster.local");
  REQUIRE_FALSE(old.has_value());
  CHECK(old.error().code == Errc::refused);
}

}  // namespace
}  // namespace meshdns::corefile

namespace meshdns::corefile {
namespace {

// `alias -f` with thousands of aliases makes one call: every line lands, in order, and removing
// half of them gives what patching the other half gives.
TEST_CASE("corefile::patch_rewrites with thousands of aliases", "[corefile][rewrite]") {
  RewriteOptions all = aliases({});
  RewriteOptions even = aliases({});
  RewriteOptions odd = aliases({});
  for (int i = 0; i < 3000; ++i) {
    const AliasRewrite alias =
        to(cat("a", i, ".internal"), cat("s", i, ".ns", i % 7, ".svc.cluster.local"));
    all.aliases.push_back(alias);
    (i % 2 == 0 ? even : odd).aliases.push_back(alias);
  }
  const Result<std::string> patched = patch_rewrites(k_kubeadm, all);
  REQUIRE(patched.has_value());
  const std::vector<AliasRewrite> found = rewrites_in(*patched);
  REQUIRE(found.size() == all.aliases.size());
  for (std::size_t i = 0; i < found.size(); ++i) {
    CHECK(found[i].alias == all.aliases[i].alias);
  }
  CHECK(*patch_rewrites(*patched, all) == *patched);
  CHECK(*unpatch_rewrites(*patched, odd) == *patch_rewrites(k_kubeadm, even));
  CHECK(*unpatch_rewrites(*patched, all) == k_kubeadm);

  const Result<std::string> body = patch_override("", all, "cluster.local");
  REQUIRE(body.has_value());
  CHECK(override_rewrites(*body).size() == all.aliases.size());
  CHECK(*unpatch_override(*body, odd) == *patch_override("", even, "cluster.local"));
}

}  // namespace
}  // namespace meshdns::corefile
