// End-to-end tests of `kubectl-meshdns verify` against real DNS servers (knot, unbound)
// started on 127.0.0.1 with free ports.

#include "support/apiserver.hpp"
#include "support/dns_servers.hpp"
#include "support/process.hpp"
#include "support/skip.hpp"
#include "support/standin_cluster.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <string>
#include <thread>
#include <vector>

namespace meshdns::test {
namespace {

using namespace std::chrono_literals;

const Zone k_internal{"internal",
                      "a A 10.0.0.1\n"
                      "two A 10.0.0.2\n"
                      "two A 10.0.0.3\n"
                      "six AAAA fd00::1\n"
                      "txt TXT \"only text\"\n"
                      "alias CNAME a\n"};

std::vector<std::string> with(std::vector<std::string> args, const std::vector<std::string>& more) {
  args.insert(args.end(), more.begin(), more.end());
  return args;
}

// name -> status from `-o json`, after checking the document's shape.
std::map<std::string, std::string> statuses(const ProcessResult& run) {
  INFO("stdout: " << run.out << "\nstderr: " << run.err);
  const auto document = nlohmann::json::parse(run.out);
  REQUIRE(document.contains("summary"));
  std::map<std::string, std::string> out;
  for (const auto& result : document.at("results")) {
    out[result.at("name").get<std::string>()] = result.at("status").get<std::string>();
  }
  return out;
}

}  // namespace

TEST_CASE("cli::verify result kinds against knot", "[cli][verify][knot]") {
  MESHDNS_SKIP_UNLESS(have_knot(), "knotd is not installed");
  const auto knot = KnotServer::start({k_internal});
  const std::string names =
      "a.internal 10.0.0.1\n"
      "two.internal 10.0.0.1   # stale: the zone has .2 and .3\n"
      "six.internal\n"
      "txt.internal\n"
      "nope.internal\n"
      "alias.internal 10.0.0.1\n"
      "fruits.example\n";
  for (const std::string transport : {"udp", "tcp"}) {
    INFO(transport);
    std::vector<std::string> args{"verify", "-f", "-", "--server", knot->address(), "-o", "json"};
    if (transport == "tcp") {
      args.push_back("--tcp");
    }
    ProcessOptions options;
    options.input = names;
    const auto run = run_meshdns(args, options);
    CHECK(run.exit_code == 1);
    const std::map<std::string, std::string> want{
        {"a.internal", "PASS"},       {"two.internal", "MISMATCH"},  {"six.internal", "PASS"},
        {"txt.internal", "NODATA"},   {"nope.internal", "NXDOMAIN"}, {"alias.internal", "PASS"},
        {"fruits.example", "REFUSED"}};
    CHECK(statuses(run) == want);
    CHECK(run.err.find("3/7 names pass") != std::string::npos);
  }
}

// What the coredns backend's `rewrite name exact my-fruits.internal fruits-api-service...` makes
// CoreDNS answer, served by unbound's python module since no CoreDNS package exists here: from
// 1.2.5 the exact rule writes the question's name back as the answer's owner and c-ares accepts
// it; before, the owner stays the Service's name, which stub resolvers drop: OWNER_MISMATCH.
TEST_CASE("cli::verify sees the owner name a CoreDNS rewrite answers with",
          "[cli][verify][unbound][rewrite]") {
  MESHDNS_SKIP_UNLESS(have_unbound_python(),
                      "unbound's python module is not installed (Debian: python3-unbound)");
  const std::vector<Rewrite> rules = {{"my-fruits.internal",
                                       "fruits-api-service.micro-shake-factory.svc.cluster.local",
                                       "10.96.0.50"}};

  const auto rewritten = UnboundServer::start_rewriting(rules, AnswerOwner::question);
  const auto pass = run_meshdns(
      {"verify", "my-fruits.internal", "--expect", "10.96.0.50", "--server", rewritten->address()});
  INFO("stdout: " << pass.out << "\nstderr: " << pass.err << "\nlog: " << rewritten->log());
  CHECK(pass.exit_code == 0);
  CHECK(pass.out.find("PASS") != std::string::npos);
  CHECK(pass.out.find("my-fruits.internal") != std::string::npos);
  const auto wrong_address = run_meshdns(
      {"verify", "my-fruits.internal", "--expect", "10.96.0.51", "--server", rewritten->address()});
  INFO("stdout: " << wrong_address.out);
  CHECK(wrong_address.exit_code == 1);
  CHECK(wrong_address.out.find("MISMATCH got 10.96.0.50; want 10.96.0.51") != std::string::npos);

  const auto before_1_2_5 = UnboundServer::start_rewriting(rules, AnswerOwner::target);
  for (const std::vector<std::string>& expect :
       {std::vector<std::string>{}, std::vector<std::string>{"--expect", "10.96.0.50"}}) {
    const auto text = run_meshdns(
        with({"verify", "my-fruits.internal", "--server", before_1_2_5->address()}, expect));
    INFO("stdout: " << text.out << "\nstderr: " << text.err << "\nlog: " << before_1_2_5->log());
    CHECK(text.exit_code == 1);
    CHECK(text.out.find("OWNER_MISMATCH answer owner "
                        "fruits-api-service.micro-shake-factory.svc.cluster.local, question "
                        "my-fruits.internal") != std::string::npos);
  }
  const auto json = run_meshdns(
      {"verify", "my-fruits.internal", "--server", before_1_2_5->address(), "-o", "json"});
  CHECK(json.exit_code == 1);
  CHECK(statuses(json) ==
        std::map<std::string, std::string>{{"my-fruits.internal", "OWNER_MISMATCH"}});
}

TEST_CASE("cli::verify exit codes and text output", "[cli][verify][knot]") {
  MESHDNS_SKIP_UNLESS(have_knot(), "knotd is not installed");
  const auto knot = KnotServer::start({k_internal});
  const std::vector<std::string> server{"--server", knot->address()};
  struct Row {
    std::string label;
    std::vector<std::string> args;
    int exit_code;
    std::string in_stdout;
    std::string in_stderr;
  };
  const Row rows[] = {
      {"all pass", with({"verify", "a.internal", "two.internal"}, server), 0,
       "2/2 names pass; 1 round in", ""},
      {"--expect", with({"verify", "a.internal", "--expect", "10.0.0.1"}, server), 0, "PASS", ""},
      {"--expect differs", with({"verify", "a.internal", "--expect", "10.0.0.9"}, server), 1,
       "MISMATCH got 10.0.0.1; want 10.0.0.9", ""},
      {"--expect with two names",
       with({"verify", "a.internal", "b.internal", "--expect", "10.0.0.1"}, server), 2, "",
       "error: --expect needs exactly one name argument"},
      {"a name after --expect stays a name",
       with({"verify", "a.internal", "--expect", "10.0.0.1", "b.internal"}, server), 2, "",
       "error: --expect needs exactly one name argument (got 2;"},
      {"upper-case name", with({"verify", "A.internal"}, server), 2, "",
       "error: argument: invalid name \"A.internal\" (it has upper-case letters;"},
      {"bad duration", with({"verify", "a.internal", "--timeout", "5 minutes"}, server), 2, "",
       "error: invalid --timeout \"5 minutes\""},
      {"bad server", with({"verify", "a.internal", "--server", "kube-dns:53"}, {}), 2, "",
       "error: invalid --server \"kube-dns:53\""},
      {"unreadable file", with({"verify", "-f", "/nonexistent/names"}, server), 2, "",
       "error: cannot read /nonexistent/names"},
      // No names: verify reads the managed aliases from the cluster, and there is no kubeconfig.
      {"no names and no cluster",
       with({"verify", "--kubeconfig", "/nonexistent/kubeconfig"}, server), 2, "",
       "error: stat /nonexistent/kubeconfig: no such file or directory"},
      {"bad output", with({"verify", "a.internal", "-o", "yaml"}, server), 2, "", "error: "},
  };
  for (const Row& row : rows) {
    INFO(row.label);
    const auto run = run_meshdns(row.args);
    INFO("stdout: " << run.out << "\nstderr: " << run.err);
    CHECK(run.exit_code == row.exit_code);
    CHECK(run.out.find(row.in_stdout) != std::string::npos);
    CHECK(run.err.find(row.in_stderr) != std::string::npos);
  }
}

TEST_CASE("cli::verify SERVFAIL from knot", "[cli][verify][knot]") {
  MESHDNS_SKIP_UNLESS(have_knot(), "knotd is not installed");
  // A zone whose file is missing is not loaded: knot answers SERVFAIL for every name in it.
  const auto knot = KnotServer::start({k_internal, {"broken", "", /*broken=*/true}});
  const auto run =
      run_meshdns({"verify", "a.internal", "x.broken", "--server", knot->address(), "-o", "json"});
  CHECK(run.exit_code == 1);
  CHECK(statuses(run) ==
        std::map<std::string, std::string>{{"a.internal", "PASS"}, {"x.broken", "SERVFAIL"}});
}

TEST_CASE("cli::verify through a forwarding chain: unbound -> knot",
          "[cli][verify][unbound][knot]") {
  MESHDNS_SKIP_UNLESS(have_knot(), "knotd is not installed");
  MESHDNS_SKIP_UNLESS(have_unbound(), "unbound is not installed");
  const auto knot = KnotServer::start({k_internal});
  // kube-dns -> istiocoredns in miniature: unbound forwards internal. to the authoritative knot.
  const auto unbound = UnboundServer::start(
      "forward-zone:\n  name: \"internal.\"\n"
      "  forward-addr: 127.0.0.1@" +
      std::to_string(knot->port()) + "\n");
  ProcessOptions options;
  options.input = "a.internal 10.0.0.1\nalias.internal 10.0.0.1\ntwo.internal 10.0.0.2 10.0.0.3\n";
  const auto run =
      run_meshdns({"verify", "-f", "-", "--server", unbound->address(), "-o", "json"}, options);
  INFO("unbound log: " << unbound->log());
  CHECK(run.exit_code == 0);
  CHECK(statuses(run) == std::map<std::string, std::string>{{"a.internal", "PASS"},
                                                            {"alias.internal", "PASS"},
                                                            {"two.internal", "PASS"}});
}

TEST_CASE("cli::verify TIMEOUT on a server that never answers", "[cli][verify]") {
  const SilentUdpServer silent;
  const auto run = run_meshdns({"verify", "a.internal", "--server", silent.address(),
                                "--query-timeout", "200ms", "--tries", "1", "-o", "json"});
  CHECK(run.exit_code == 1);
  CHECK(statuses(run) == std::map<std::string, std::string>{{"a.internal", "TIMEOUT"}});
}

TEST_CASE("cli::verify with an IPv6 server address", "[cli][verify][knot][ipv6]") {
  MESHDNS_SKIP_UNLESS(have_knot(), "knotd is not installed");
  if (!loopback_has_ipv6()) {
    WARN("SKIPPED: the loopback interface has no IPv6 (::1)");
    return;
  }
  const auto knot = KnotServer::start({k_internal}, /*listen_ipv6=*/true);
  const auto run = run_meshdns(
      {"verify", "a.internal", "--server", "[::1]:" + std::to_string(knot->port()), "-o", "json"});
  CHECK(run.exit_code == 0);
  CHECK(statuses(run) == std::map<std::string, std::string>{{"a.internal", "PASS"}});
}

TEST_CASE("cli::verify warns when AAAA is NXDOMAIN next to an A answer",
          "[cli][verify][unbound][knot]") {
  MESHDNS_SKIP_UNLESS(have_knot(), "knotd is not installed");
  MESHDNS_SKIP_UNLESS(have_unbound(), "unbound is not installed");
  // istio-coredns-plugin's behaviour, with stock servers: unbound answers A for the alias from
  // local data and, the zone being typetransparent, forwards every other type to the zone's
  // authoritative knot, which does not have the name and says NXDOMAIN. (dnsmasq --address turns
  // that NXDOMAIN into NODATA, so it cannot show this.)
  const auto knot = KnotServer::start({k_internal});
  const auto unbound = UnboundServer::start(
      "server:\n  local-zone: \"only4.internal.\" typetransparent\n"
      "  local-data: \"only4.internal. A 10.1.2.3\"\n"
      "forward-zone:\n  name: \"internal.\"\n  forward-addr: 127.0.0.1@" +
      std::to_string(knot->port()) + "\n");
  const auto run =
      run_meshdns({"verify", "only4.internal", "--server", unbound->address(), "-o", "json"});
  INFO("stdout: " << run.out << "\nstderr: " << run.err << "\nunbound: " << unbound->log());
  CHECK(run.exit_code == 0);
  const auto document = nlohmann::json::parse(run.out);
  CHECK(document["results"][0]["status"] == "PASS");
  REQUIRE(document["results"][0]["warnings"].size() == 1);
  CHECK(document["results"][0]["warnings"][0].get<std::string>().find("AAAA query answered "
                                                                      "NXDOMAIN") == 0);
  CHECK(document["summary"]["warned"] == 1);
}

TEST_CASE("cli::verify --timeout waits for a record that appears mid-run", "[cli][verify][knot]") {
  MESHDNS_SKIP_UNLESS(have_knot(), "knotd is not installed");
  const auto knot = KnotServer::start({k_internal});
  // The record is published (zone file rewritten, knotc zone-reload) while verify is retrying.
  std::thread publish([&] {
    std::this_thread::sleep_for(1500ms);
    knot->replace_zone({"internal", k_internal.records + "late A 10.0.0.42\n"});
  });
  ProcessOptions options;
  options.input = "a.internal 10.0.0.1\nlate.internal 10.0.0.42\n";
  const auto run = run_meshdns({"verify", "-f", "-", "--server", knot->address(), "--timeout",
                                "30s", "--interval", "300ms", "-o", "json"},
                               options);
  publish.join();
  INFO("stdout: " << run.out << "\nstderr: " << run.err);
  CHECK(run.exit_code == 0);
  CHECK(statuses(run) ==
        std::map<std::string, std::string>{{"a.internal", "PASS"}, {"late.internal", "PASS"}});
  CHECK(nlohmann::json::parse(run.out)["summary"]["rounds"].get<int>() >= 2);
  // Without a TTY, one plain line per round on stderr; only the failing name is re-checked.
  CHECK(run.err.find("verify: round 1: 1/2 pass; re-checking 1 in 0.3s") != std::string::npos);
}

TEST_CASE("cli::verify -o junit", "[cli][verify][knot]") {
  MESHDNS_SKIP_UNLESS(have_knot(), "knotd is not installed");
  const auto knot = KnotServer::start({k_internal});
  const auto run = run_meshdns(
      {"verify", "a.internal", "nope.internal", "--server", knot->address(), "-o", "junit"});
  INFO(run.out);
  CHECK(run.exit_code == 1);
  CHECK(run.out.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>", 0) == 0);
  const std::regex testcase("<testcase classname=\"dns\" name=\"([^\"]+)\"");
  std::vector<std::string> cases;
  for (auto it = std::sregex_iterator(run.out.begin(), run.out.end(), testcase);
       it != std::sregex_iterator(); ++it) {
    cases.push_back((*it)[1]);
  }
  CHECK(cases == std::vector<std::string>{"a.internal", "nope.internal"});
  CHECK(run.out.find("<failure type=\"NXDOMAIN\" message=\"NXDOMAIN\"/>") != std::string::npos);
  CHECK(run.out.find("<testsuite name=\"meshdns verify\" tests=\"2\" failures=\"1\"") !=
        std::string::npos);
}

TEST_CASE("cli::verify --from-manifests", "[cli][verify][knot]") {
  MESHDNS_SKIP_UNLESS(have_knot(), "knotd is not installed");
  const auto knot = KnotServer::start({{"internal", "my-fruits A 10.96.0.10\n"}});
  const auto folder = std::filesystem::temp_directory_path() /
                      ("meshdns-manifests-" + std::to_string(knot->port()));
  std::filesystem::create_directories(folder);
  std::ofstream(folder / "se.yaml")
      << "kind: ServiceEntry\nmetadata: {name: my-fruits, namespace: shop}\n"
         "spec:\n  hosts: [my-fruits.internal]\n  addresses: [10.96.0.10]\n"
         "  endpoints: [{address: fruits-api.shop.svc.cluster.local}]\n";
  std::ofstream(folder / "svc.yaml")
      << "kind: Service\nmetadata: {name: fruits-api, namespace: shop}\n"
         "spec: {clusterIP: 10.96.0.77}\n";
  const auto run = run_meshdns(
      {"verify", "--from-manifests", folder.string(), "--server", knot->address(), "-o", "json"});
  std::filesystem::remove_all(folder);
  INFO("stdout: " << run.out << "\nstderr: " << run.err);
  CHECK(run.exit_code == 0);
  const auto document = nlohmann::json::parse(run.out);
  CHECK(document["results"][0]["name"] == "my-fruits.internal");
  CHECK(document["results"][0]["status"] == "PASS");
  REQUIRE(document["results"][0]["warnings"].size() == 1);
  CHECK(document["results"][0]["warnings"][0].get<std::string>().find(
            "Service shop/fruits-api has cluster IP 10.96.0.77") != std::string::npos);
}

}  // namespace meshdns::test

namespace meshdns::test {

// Without names, verify asks the cluster for the ServiceEntries this tool manages and expects
// their addresses; a Service whose cluster IP moved away from its ServiceEntry is reported.
TEST_CASE("cli::verify reads managed aliases from the API server", "[cli][verify][knot][kube]") {
  MESHDNS_SKIP_UNLESS(have_knot(), "knotd is not installed");
  MESHDNS_SKIP_UNLESS(ApiServer::available(), "python3 with PyYAML or openssl is missing");
  const auto knot = KnotServer::start({{"internal",
                                        "my-fruits A 10.96.0.50\n"
                                        "my-veggies A 10.96.0.70\n"
                                        "not-managed A 10.96.0.80\n"}});
  const std::filesystem::path seed = std::filesystem::temp_directory_path() /
                                     ("verify-seed-" + std::to_string(getpid()) + ".yaml");
  // Added to seeds/shop-fruits.yaml: a second managed alias and one not managed.
  std::ofstream(seed) << R"(apiVersion: v1
kind: Service
metadata: {name: veggies-api-service, namespace: shop}
spec: {clusterIP: 10.96.0.71, ports: [{name: http, port: 80}], selector: {app: veggies-api}}
---
apiVersion: networking.istio.io/v1beta1
kind: ServiceEntry
metadata:
  name: my-veggies-internal
  namespace: shop
  labels: {app.kubernetes.io/managed-by: kubectl-meshdns}
spec:
  hosts: [my-veggies.internal]
  addresses: [10.96.0.70]
  endpoints: [{address: veggies-api-service.shop.svc.cluster.local}]
  location: MESH_INTERNAL
  resolution: DNS
  ports: [{number: 80, name: http, protocol: HTTP}]
---
apiVersion: networking.istio.io/v1beta1
kind: ServiceEntry
metadata: {name: not-managed, namespace: shop}
spec:
  hosts: [not-managed.internal]
  addresses: [10.96.0.99]
  location: MESH_INTERNAL
  resolution: STATIC
)";
  ApiServerOptions options;
  options.seed_files = {cli_seed("shop-fruits.yaml"), seed.string()};
  const ApiServer api(options);
  std::filesystem::remove(seed);
  const std::string kubeconfig = api.write_kubeconfig(KubeconfigAuth::token, "shop");

  const auto run = run_meshdns(
      {"--kubeconfig", kubeconfig, "verify", "--server", knot->address(), "-o", "json"});
  INFO("stderr: " << run.err);
  CHECK(run.exit_code == 0);
  // Only the labelled entries are checked; their addresses come from the ServiceEntries.
  const std::map<std::string, std::string> want{{"my-fruits.internal", "PASS"},
                                                {"my-veggies.internal", "PASS"}};
  CHECK(statuses(run) == want);
  // The report carries the disagreement as the name's warning.
  CHECK(run.out.find("Service shop/veggies-api-service has cluster IP 10.96.0.71") !=
        std::string::npos);

  // Another namespace has none: the error says how to create one.
  const auto empty = run_meshdns(
      {"--kubeconfig", kubeconfig, "-n", "default", "verify", "--server", knot->address()});
  CHECK(empty.exit_code == 1);
  CHECK(empty.err.find("error: no aliases managed by kubectl-meshdns in namespace default") !=
        std::string::npos);

  // -A finds them from any namespace.
  const auto all = run_meshdns({"--kubeconfig", kubeconfig, "-n", "default", "verify", "-A",
                                "--server", knot->address(), "-o", "json"});
  CHECK(all.exit_code == 0);
  CHECK(statuses(all).size() == 2);
}

}  // namespace meshdns::test
