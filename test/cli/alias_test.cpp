// End-to-end tests of `kubectl-meshdns alias` (create, list, delete, -f, dry runs, refusals,
// --from-manifests) against the strict stand-in API server.

#include "support/standin_cluster.hpp"

#include <meshdns/text.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <memory>
#include <regex>
#include <string>
#include <utility>
#include <vector>

namespace meshdns::test {
namespace {

const char* const k_seed = R"(apiVersion: v1
kind: Namespace
metadata: {name: shop}
---
apiVersion: v1
kind: Service
metadata: {name: fruits-api-service, namespace: shop}
spec:
  clusterIP: 10.96.0.50
  selector: {app: fruits-api}
  ports: [{name: http-fruits-api, port: 80, targetPort: http-fruits-api}]
---
apiVersion: v1
kind: Service
metadata: {name: veggies-v1, namespace: shop}
spec: {clusterIP: 10.96.0.61, selector: {app: veggies}, ports: [{name: http, port: 80}]}
---
apiVersion: v1
kind: Service
metadata: {name: veggies-v2, namespace: shop}
spec: {clusterIP: 10.96.0.62, selector: {app: veggies}, ports: [{name: http, port: 80}]}
---
apiVersion: v1
kind: Service
metadata: {name: db, namespace: shop}
spec: {clusterIP: None, selector: {app: db}, ports: [{name: tcp-postgres, port: 5432}]}
---
apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: {name: legacy, namespace: shop}
spec:
  hosts: [legacy.internal]
  addresses: [10.96.0.99]
  location: MESH_INTERNAL
  resolution: STATIC
)";

// A stand-in seeded with k_seed, and the kubectl-meshdns flags that reach it in namespace shop.
// The seed holds no cluster DNS, so `alias` runs with --backend istiocoredns: the ServiceEntry
// behaviour these tests pin (the backends' own tests are in backends_test.cpp). It says so first.
const std::string k_backend_line = "backend: istiocoredns (asked with --backend)\n";

struct Cluster : SeededStandin {
  Cluster() : SeededStandin(k_seed, "shop") {}

  // `alias ...` (not list or delete) with --backend istiocoredns.
  ProcessResult run(std::vector<std::string> args, const ProcessOptions& options = {}) const {
    const auto alias = std::find(args.begin(), args.end(), "alias");
    if (alias != args.end() && alias + 1 != args.end() && alias[1] != "list" &&
        alias[1] != "delete") {
      args.insert(alias + 1, {"--backend", "istiocoredns"});
    }
    return SeededStandin::run(std::move(args), options);
  }

  // The methods of every logged request that writes (anything but GET).
  std::vector<std::string> writes() const {
    std::vector<std::string> out;
    const nlohmann::json log = request_log();
    for (const auto& request : log.at("requests")) {
      const std::string method = request.at("method").get<std::string>();
      if (method != "GET") {
        out.push_back(cat(method, " ", request.at("path").get<std::string>()));
      }
    }
    return out;
  }

  // ALIAS -> SERVICE of every managed alias in shop, read back with `alias list -o json`.
  std::map<std::string, std::string> aliases() const {
    const auto listed = run({"alias", "list", "-o", "json"});
    INFO(listed.err);
    REQUIRE(listed.exit_code == 0);
    std::map<std::string, std::string> out;
    const auto list = nlohmann::json::parse(listed.out);
    for (const auto& entry : list.at("items")) {
      out[entry.at("spec").at("hosts").at(0).get<std::string>()] =
          entry.at("metadata").at("annotations").at("meshdns.io/service").get<std::string>();
    }
    return out;
  }
};

}  // namespace

TEST_CASE("cli::alias create, list, re-apply and delete", "[cli][alias][kube]") {
  REQUIRE_STANDIN();
  const Cluster cluster;

  // By the selector's app label: fruits-api is fruits-api-service.
  const auto created = cluster.run({"alias", "fruits-api", "my-fruits.internal"});
  INFO(created.err);
  CHECK(created.exit_code == 0);
  CHECK(created.out == "serviceentry.networking.istio.io/my-fruits-internal serverside-applied\n");
  const auto requests = cluster.request_log().at("requests");
  const auto apply = std::find_if(requests.begin(), requests.end(), [](const auto& request) {
    return request.at("method") == "PATCH";
  });
  REQUIRE(apply != requests.end());
  CHECK(apply->at("path") ==
        "/apis/networking.istio.io/v1/namespaces/shop/serviceentries/my-fruits-internal");
  CHECK(apply->at("query") == nlohmann::json::parse(R"({"fieldManager": ["kubectl-meshdns"]})"));

  const auto stored = cluster.run({"alias", "list", "-o", "json"});
  const auto entry = nlohmann::json::parse(stored.out).at("items").at(0);
  CHECK(entry.at("spec") == nlohmann::json::parse(R"({
      "hosts": ["my-fruits.internal"], "location": "MESH_INTERNAL", "addresses": ["10.96.0.50"],
      "endpoints": [{"address": "fruits-api-service.shop.svc.cluster.local"}],
      "resolution": "DNS",
      "ports": [{"number": 80, "name": "http-fruits-api", "protocol": "HTTP"}]})"));
  CHECK(entry.at("metadata").at("labels").at("app.kubernetes.io/managed-by") == "kubectl-meshdns");

  // The table, as kubectl prints resources.
  const auto table = cluster.run({"alias", "list"});
  CHECK(table.exit_code == 0);
  CHECK(std::regex_match(table.out,
                         std::regex("ALIAS                SERVICE              NAMESPACE   "
                                    "ADDRESS      AGE\n"
                                    "my-fruits.internal   fruits-api-service   shop        "
                                    "10.96.0.50   [0-9]+s\n")));
  const auto other = cluster.run({"-n", "default", "alias", "list"});
  CHECK(other.out.empty());
  CHECK(other.err == "No resources found in default namespace.\n");
  const auto all = cluster.run({"-n", "default", "alias", "list", "-A"});
  CHECK(all.out.substr(0, all.out.rfind("   ")) == table.out.substr(0, table.out.rfind("   ")));

  // Idempotent: the same alias again changes nothing and is no conflict.
  const auto again = cluster.run({"alias", "fruits-api-service", "my-fruits.internal"});
  CHECK(again.exit_code == 0);
  CHECK(again.out == created.out);

  // Dry runs of delete keep the entry.
  const auto server_dry =
      cluster.run({"alias", "delete", "my-fruits.internal", "--dry-run=server"});
  CHECK(server_dry.out ==
        "serviceentry.networking.istio.io \"my-fruits-internal\" deleted (server dry run)\n");
  const auto client_dry =
      cluster.run({"alias", "delete", "my-fruits.internal", "--dry-run=client"});
  CHECK(client_dry.out ==
        "serviceentry.networking.istio.io \"my-fruits-internal\" deleted (dry run)\n");
  CHECK(cluster.aliases().size() == 1);

  const auto deleted = cluster.run({"alias", "delete", "my-fruits.internal"});
  CHECK(deleted.exit_code == 0);
  CHECK(deleted.out == "serviceentry.networking.istio.io \"my-fruits-internal\" deleted\n");
  CHECK(cluster.aliases().empty());

  const auto gone = cluster.run({"alias", "delete", "my-fruits.internal"});
  CHECK(gone.exit_code == 1);
  CHECK(gone.err ==
        "error: alias my-fruits.internal not found in namespace shop (no ServiceEntry there holds "
        "it; see where aliases are with kubectl meshdns alias list -A)\n");
  // Only what we manage is ever deleted.
  const auto foreign = cluster.run({"alias", "delete", "legacy.internal"});
  CHECK(foreign.exit_code == 1);
  CHECK(foreign.err ==
        "error: alias legacy.internal is not managed by kubectl-meshdns (ServiceEntry shop/legacy "
        "holds it, and kubectl-meshdns did not create it; delete it with kubectl if it should "
        "go)\n");
}

TEST_CASE("cli::alias refuses with the reason", "[cli][alias][kube]") {
  REQUIRE_STANDIN();
  const Cluster cluster;
  struct Row {
    std::vector<std::string> args;
    int exit_code;
    std::string err;
  };
  const std::vector<Row> rows = {
      {{"alias", "nope", "x.internal"},
       1,
       "error: Service nope not found in namespace shop (no Service there is named nope or "
       "selects app=nope; give one of: db, fruits-api-service, veggies-v1, veggies-v2)\n"},
      {{"alias", "veggies", "v.internal"},
       2,
       "error: Service veggies is ambiguous in namespace shop (no Service is named veggies, and 2 "
       "select app=veggies: veggies-v1, veggies-v2; give the name of one of them)\n"},
      {{"alias", "db", "db.internal"},
       1,
       "error: Service shop/db is headless (it has no cluster IP for the alias to answer with; "
       "alias a Service with a cluster IP, or give this one a fixed spec.clusterIP)\n"},
      {{"-n", "nowhere", "alias", "fruits-api", "f.internal"},
       1,
       "error: namespaces \"nowhere\" not found (Service fruits-api is looked up in namespace "
       "nowhere; check -n/--namespace or the context's namespace)\n"},
      {{"-n", "default", "alias", "fruits-api", "f.internal"},
       1,
       "error: Service fruits-api not found in namespace default (no Service there is named "
       "fruits-api or selects app=fruits-api; give one of: kubernetes)\n"},
      {{"alias", "fruits-api-service", "legacy.internal"},
       1,
       "error: alias legacy.internal is already a host of ServiceEntry shop/legacy "
       "(kubectl-meshdns "
       "did not create it, so it will not take the name over; pick another alias, or pass --force "
       "to take it over)\n"},
  };
  for (const Row& row : rows) {
    INFO(join(row.args, " "));
    const auto run = cluster.run(row.args);
    CHECK(run.exit_code == row.exit_code);
    CHECK(run.out.empty());
    CHECK(run.err == k_backend_line + row.err);  // the Services are read after the choice
  }
  // Names are refused before anything is read (exit 2: a bad argument).
  cluster.api->reset();
  const std::vector<std::pair<std::string, std::string>> names = {
      {"MyFruits.internal",
       "error: alias \"MyFruits.internal\" is not a usable DNS name (it has upper-case letters and "
       "ServiceEntry hosts must be lower-case; write it as myfruits.internal)\n"},
      {"fruits",
       "error: alias \"fruits\" is not a usable DNS name (it has no dot, so resolvers would append "
       "search domains to it; put it in a zone, e.g. fruits.internal)\n"},
      {"my-fruits.svc.cluster.local",
       "error: alias \"my-fruits.svc.cluster.local\" is not a usable DNS name (it is inside the "
       "cluster domain cluster.local, which the cluster DNS answers itself; pick a zone outside "
       "it, e.g. my-fruits.internal)\n"},
  };
  for (const auto& [fqdn, err] : names) {
    INFO(fqdn);
    const auto run = cluster.run({"alias", "fruits-api", fqdn});
    CHECK(run.exit_code == 2);
    CHECK(run.err == err);
  }
  CHECK(cluster.request_log().at("requests").empty());
  CHECK(cluster.writes().empty());
  CHECK(cluster.aliases().empty());
}

TEST_CASE("cli::alias owned by another Service, and --force", "[cli][alias][kube]") {
  REQUIRE_STANDIN();
  const Cluster cluster;
  REQUIRE(cluster.run({"alias", "fruits-api", "shared.internal"}).exit_code == 0);

  const auto taken = cluster.run({"alias", "veggies-v1", "shared.internal"});
  CHECK(taken.exit_code == 1);
  CHECK(taken.err ==
        k_backend_line +
            "error: alias shared.internal already points at Service shop/fruits-api-service "
            "(ServiceEntry shop/shared-internal holds it; run kubectl meshdns alias delete "
            "shared.internal first, or pass --force to move it)\n");
  CHECK(cluster.aliases() ==
        std::map<std::string, std::string>{{"shared.internal", "shop/fruits-api-service"}});

  const auto forced = cluster.run({"alias", "veggies-v1", "shared.internal", "--force"});
  INFO(forced.err);
  CHECK(forced.exit_code == 0);
  CHECK(forced.out == "serviceentry.networking.istio.io/shared-internal serverside-applied\n");
  CHECK(cluster.aliases() ==
        std::map<std::string, std::string>{{"shared.internal", "shop/veggies-v1"}});

  // Moving to a Service of another namespace: the new entry is applied, the old one deleted.
  const auto moved =
      cluster.run({"-n", "default", "alias", "kubernetes", "shared.internal", "--force"});
  CHECK(moved.exit_code == 0);
  CHECK(moved.out ==
        "serviceentry.networking.istio.io/shared-internal serverside-applied\n"
        "serviceentry.networking.istio.io \"shared-internal\" deleted (moved from "
        "namespace shop)\n");
  CHECK(cluster.aliases().empty());
  const auto everywhere = cluster.run({"alias", "list", "-A"});
  CHECK(everywhere.out.find("shared.internal   kubernetes   default") != std::string::npos);

  // Taking a host over from an entry we did not make leaves that entry alone, and says so.
  const auto taken_over =
      cluster.run({"alias", "fruits-api-service", "legacy.internal", "--force"});
  CHECK(taken_over.exit_code == 0);
  CHECK(taken_over.err == k_backend_line +
                              "warning: ServiceEntry shop/legacy also lists host legacy.internal; "
                              "kubectl-meshdns does not edit objects it did not create\n");
}

TEST_CASE("cli::alias dry runs write nothing", "[cli][alias][kube]") {
  REQUIRE_STANDIN();
  const Cluster cluster;

  cluster.api->reset();
  const auto server = cluster.run({"alias", "fruits-api", "dry.internal", "--dry-run=server"});
  INFO(server.err);
  CHECK(server.exit_code == 0);
  CHECK(server.out ==
        "serviceentry.networking.istio.io/dry-internal serverside-applied (server dry run)\n");
  // The apply went out with dryRun=All, and the server kept nothing.
  bool sent_dry_run = false;
  const nlohmann::json log = cluster.request_log();
  for (const auto& request : log.at("requests")) {
    if (request.at("method") == "PATCH") {
      CHECK(request.at("query") ==
            nlohmann::json::parse(R"({"fieldManager": ["kubectl-meshdns"], "dryRun": ["All"]})"));
      sent_dry_run = true;
    }
  }
  CHECK(sent_dry_run);
  CHECK(cluster.aliases().empty());

  cluster.api->reset();
  const auto client = cluster.run({"alias", "fruits-api", "dry.internal", "--dry-run=client"});
  CHECK(client.exit_code == 0);
  CHECK(client.out.find("kind: ServiceEntry\n") != std::string::npos);
  CHECK(client.out.find("  - my-fruits.internal") == std::string::npos);
  CHECK(client.out.find("  - dry.internal\n") != std::string::npos);
  CHECK(cluster.writes().empty());

  // -o json prints the object the server returned.
  const auto json =
      cluster.run({"alias", "fruits-api", "dry.internal", "--dry-run=server", "-o", "json"});
  CHECK(json.exit_code == 0);
  const auto object = nlohmann::json::parse(json.out);
  CHECK(object.at("kind") == "ServiceEntry");
  CHECK(object.at("metadata").contains("uid"));
  CHECK(cluster.aliases().empty());
}

TEST_CASE("cli::alias --api-version", "[cli][alias][kube]") {
  REQUIRE_STANDIN();
  const Cluster cluster;
  cluster.api->reset();
  const auto run = cluster.run(
      {"alias", "fruits-api", "old.internal", "--api-version", "networking.istio.io/v1alpha3"});
  CHECK(run.exit_code == 0);
  const std::vector<std::string> want{
      "PATCH /apis/networking.istio.io/v1alpha3/namespaces/shop/serviceentries/old-internal"};
  CHECK(cluster.writes() == want);
  const auto bad = cluster.run({"alias", "fruits-api", "old.internal", "--api-version", "v2"});
  CHECK(bad.exit_code == 2);
}

TEST_CASE("cli::alias -f applies 100 aliases, reporting the two that fail", "[cli][alias][kube]") {
  REQUIRE_STANDIN();
  const Cluster cluster;
  std::string file;
  for (int i = 0; i < 100; ++i) {
    file += cat("- {service: fruits-api, fqdn: bulk-", i, ".internal}\n");
  }
  const std::string path = cluster.dir.write("aliases.yaml", file);
  // 500 on every attempt the client makes (it retries server-side apply 5 times in all).
  for (const char* name : {"bulk-17-internal", "bulk-42-internal"}) {
    cluster.api->inject_fault(cat("/serviceentries/", name, "$"), 500, 5, "PATCH",
                              "etcdserver: request timed out");
  }
  const auto run = cluster.run({"alias", "-f", path});
  CHECK(run.exit_code == 1);
  CHECK(run.err ==
        k_backend_line +
            "warning: no Service is named fruits-api; using Service fruits-api-service, which "
            "selects app=fruits-api\n"  // once for the 100 aliases
            "error: bulk-17.internal: Error from server (InternalError): etcdserver: request timed "
            "out\n"
            "error: bulk-42.internal: Error from server (InternalError): etcdserver: request timed "
            "out\n"
            "2 of 100 aliases failed, 98 applied\n");
  std::string want;
  for (int i = 0; i < 100; ++i) {
    if (i != 17 && i != 42) {
      want += cat("serviceentry.networking.istio.io/bulk-", i, "-internal serverside-applied\n");
    }
  }
  CHECK(run.out == want);
  const auto aliases = cluster.aliases();
  CHECK(aliases.size() == 98);
  CHECK(aliases.count("bulk-17.internal") == 0);
  CHECK(aliases.count("bulk-99.internal") == 1);

  // Applying the file again fixes the two; nothing else changes.
  CHECK(cluster.run({"alias", "-f", path}).exit_code == 0);
  CHECK(cluster.aliases().size() == 100);

  // Per-alias refusals inside a file do not stop the others.
  const std::string mixed =
      cluster.dir.write("mixed.yaml",
                        "- {service: nope, fqdn: a.internal}\n"
                        "- {service: veggies-v1, fqdn: b.internal}\n"
                        "- {service: db, fqdn: c.internal, namespace: shop}\n");
  const auto partial = cluster.run({"alias", "-f", mixed});
  CHECK(partial.exit_code == 1);
  CHECK(partial.out == "serviceentry.networking.istio.io/b-internal serverside-applied\n");
  CHECK(partial.err.find("error: a.internal: Service nope not found in namespace shop") !=
        std::string::npos);
  CHECK(partial.err.find("error: c.internal: Service shop/db is headless") != std::string::npos);
  CHECK(partial.err.find("2 of 3 aliases failed, 1 applied\n") != std::string::npos);

  // A file that cannot be read as a list of aliases is a usage error, and nothing is sent.
  cluster.api->reset();
  const auto broken = cluster.run({"alias", "-f", cluster.dir.write("bad.yaml", "- a\n")});
  CHECK(broken.exit_code == 2);
  CHECK(broken.err == cat("error: ", cluster.dir / "bad.yaml",
                          ": alias 1 cannot be read (it is a string, not a mapping; give a list "
                          "of {service, namespace, fqdn} mappings)\n"));
  CHECK(cluster.writes().empty());
}

TEST_CASE("cli::alias --from-manifests prints the objects, needs no cluster", "[cli][alias]") {
  const TempDir dir;
  dir.write("manifests/service.yaml",
            "apiVersion: v1\n"
            "kind: Service\n"
            "metadata: {name: fruits-api-service, namespace: micro-shake-factory}\n"
            "spec:\n"
            "  clusterIP: 10.96.0.50\n"
            "  selector: {app: fruits-api}\n"
            "  ports: [{name: http-fruits-api, port: 80, targetPort: http-fruits-api}]\n");
  ProcessOptions options;
  options.env["KUBECONFIG"] = dir / "does-not-exist";
  // Manifests without cluster DNS objects: the istiocoredns backend, the ServiceEntry alone.
  const auto run =
      run_meshdns({"-n", "micro-shake-factory", "alias", "--backend", "istiocoredns", "fruits-api",
                   "my-fruits.internal", "--from-manifests", dir / "manifests"},
                  options);
  INFO(run.err);
  CHECK(run.exit_code == 0);
  CHECK(run.out ==
        "apiVersion: networking.istio.io/v1\n"
        "kind: ServiceEntry\n"
        "metadata:\n"
        "  name: my-fruits-internal\n"
        "  namespace: micro-shake-factory\n"
        "  labels:\n"
        "    app.kubernetes.io/managed-by: kubectl-meshdns\n"
        "  annotations:\n"
        "    meshdns.io/alias: my-fruits.internal\n"
        "    meshdns.io/service: micro-shake-factory/fruits-api-service\n"
        "spec:\n"
        "  hosts:\n"
        "    - my-fruits.internal\n"
        "  location: MESH_INTERNAL\n"
        "  addresses:\n"
        "    - 10.96.0.50\n"
        "  endpoints:\n"
        "    - address: fruits-api-service.micro-shake-factory.svc.cluster.local\n"
        "  resolution: DNS\n"
        "  ports:\n"
        "    - number: 80\n"
        "      name: http-fruits-api\n"
        "      protocol: HTTP\n");

  // The same refusals as against a cluster.
  const auto missing = run_meshdns({"alias", "--backend", "istiocoredns", "nope", "x.internal",
                                    "--from-manifests", dir / "manifests"},
                                   options);
  CHECK(missing.exit_code == 1);
  CHECK(missing.err ==
        k_backend_line +
            "error: Service nope not found in namespace default (namespace default has "
            "no Services; check -n/--namespace, or create the Service first)\n");
}

}  // namespace meshdns::test

namespace meshdns::test {
namespace {

// kube-dns (kubeadm, CoreDNS 1.6.2) and istiocoredns, with or without the `internal` zone block.
std::string dns_objects(bool forwarded) {
  std::string corefile =
      "    .:53 {\n"
      "        errors\n"
      "        kubernetes cluster.local in-addr.arpa ip6.arpa\n"
      "        forward . /etc/resolv.conf\n"
      "        cache 30\n"
      "        reload\n"
      "    }\n";
  if (forwarded) {
    corefile +=
        "    internal:53 {\n"
        "        errors\n"
        "        cache 30\n"
        "        forward . 10.96.0.60\n"
        "    }\n";
  }
  return cat(
      "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: coredns, namespace: kube-system}\n"
      "data:\n  Corefile: |\n",
      corefile,
      "---\n"
      "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: coredns, namespace: kube-system}\n"
      "spec:\n"
      "  selector: {matchLabels: {k8s-app: kube-dns}}\n"
      "  template:\n"
      "    metadata: {labels: {k8s-app: kube-dns}}\n"
      "    spec: {containers: [{name: coredns, image: 'k8s.gcr.io/coredns:1.6.2'}]}\n"
      "---\n"
      "apiVersion: v1\nkind: Namespace\nmetadata: {name: istio-system}\n"
      "---\n"
      "apiVersion: v1\nkind: Service\nmetadata: {name: istiocoredns, namespace: istio-system}\n"
      "spec: {clusterIP: 10.96.0.60, selector: {app: istiocoredns}, ports: [{name: dns, port: 53, "
      "protocol: UDP}]}\n");
}

}  // namespace

TEST_CASE("cli::alias warns while kube-dns does not forward the zone", "[cli][alias][kube]") {
  REQUIRE_STANDIN();
  const std::string picked =
      "warning: no Service is named fruits-api; using Service fruits-api-service, which selects "
      "app=fruits-api\n";
  const std::string warning =
      "warning: kube-dns does not forward zone internal yet, so the alias does not resolve; run "
      "`kubectl meshdns corefile patch --zone internal`\n";
  for (const bool forwarded : {false, true}) {
    INFO("forwarded: " << forwarded);
    TempDir dir;
    ApiServerOptions options;
    options.seed_files = {dir.write("seed.yaml", k_seed),
                          dir.write("dns.yaml", dns_objects(forwarded))};
    const ApiServer api(options);
    const std::string kubeconfig = api.write_kubeconfig(KubeconfigAuth::token, "shop");
    // The istiocoredns backend's check (these objects hold its Service, not its Deployment).
    const auto run = run_meshdns({"--kubeconfig", kubeconfig, "alias", "--backend", "istiocoredns",
                                  "fruits-api", "my-fruits.internal"});
    CHECK(run.exit_code == 0);
    CHECK(run.err == k_backend_line + picked + (forwarded ? std::string() : warning));

    // The same from manifests: the DNS objects come from the folder too.
    dir.write("manifests/seed.yaml", k_seed);
    dir.write("manifests/dns.yaml", dns_objects(forwarded));
    const auto offline =
        run_meshdns({"-n", "shop", "alias", "--backend", "istiocoredns", "fruits-api",
                     "other.internal", "--from-manifests", dir / "manifests"});
    CHECK(offline.exit_code == 0);
    CHECK(offline.err == k_backend_line + picked + (forwarded ? std::string() : warning));
  }
}

}  // namespace meshdns::test
