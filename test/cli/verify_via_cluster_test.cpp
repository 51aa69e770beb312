// End-to-end tests of `kubectl-meshdns verify --via-cluster` and `--pod`: the stand-in API server
// port-forwards (WebSocket, v4.channel.k8s.io) to real knot servers playing the kube-dns replicas
// and a meshed pod's DNS proxy (test/apiserver/kube_standin/portforward.py).

#include "support/apiserver.hpp"
#include "support/dns_servers.hpp"
#include "support/process.hpp"
#include "support/skip.hpp"
#include "support/temp_dir.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <map>
#include <memory>
#include <regex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace meshdns::test {
namespace {

using namespace std::chrono_literals;

const Zone k_fresh{"internal", "my-fruits A 10.96.0.50\nmy-veggies A 10.96.0.70\n"};
// A replica that has not reloaded the Corefile yet: it still answers the old address.
const Zone k_stale{"internal", "my-fruits A 10.96.0.50\nmy-veggies A 10.96.0.99\n"};
const std::string k_names = "my-fruits.internal 10.96.0.50\nmy-veggies.internal 10.96.0.70\n";

std::string pod(const std::string& ns, const std::string& name, const std::string& forward) {
  return "apiVersion: v1\nkind: Pod\nmetadata:\n  name: " + name + "\n  namespace: " + ns +
         "\n  annotations: {standin.kubectl-meshdns.io/forward: \"" + forward +
         "\"}\nspec: {containers: [{name: c, image: coredns/coredns:1.11.1}]}\n"
         "status: {phase: Running}\n---\n";
}

// kube-dns with one Endpoints address per replica; `not_ready` ones are listed as not ready.
std::string kube_dns(const std::vector<std::string>& ready,
                     const std::vector<std::string>& not_ready = {}) {
  const auto list = [](const std::vector<std::string>& pods) {
    std::string out;
    for (std::size_t i = 0; i < pods.size(); ++i) {
      out += "  - ip: 10.244.0." + std::to_string(i + 10) +
             "\n    targetRef: {kind: Pod, namespace: kube-system, name: " + pods[i] + "}\n";
    }
    return out;
  };
  std::string out =
      "apiVersion: v1\nkind: Endpoints\nmetadata: {name: kube-dns, namespace: kube-system}\n"
      "subsets:\n- ports: [{name: dns-tcp, port: 53, protocol: TCP}]\n";
  if (!ready.empty()) {
    out += "  addresses:\n" + list(ready);
  }
  if (!not_ready.empty()) {
    out += "  notReadyAddresses:\n" + list(not_ready);
  }
  return out;
}

std::string forward_to(const DnsServer& server, int port = 53) {
  return std::to_string(port) + "=127.0.0.1:" + std::to_string(server.port());
}

struct Cluster {
  TempDir dir;
  std::unique_ptr<ApiServer> api;
  std::string kubeconfig;
};

std::unique_ptr<Cluster> cluster(const std::string& seed,
                                 KubeconfigAuth auth = KubeconfigAuth::token) {
  auto made = std::make_unique<Cluster>();
  ApiServerOptions options;
  options.seed_files = {made->dir.write("seed.yaml", seed)};
  made->api = std::make_unique<ApiServer>(options);
  made->kubeconfig = made->api->write_kubeconfig(auth, "default");
  return made;
}

// (name, replica) -> status from `-o json`.
std::map<std::pair<std::string, std::string>, std::string> verdicts(const ProcessResult& run) {
  INFO("stdout: " << run.out << "\nstderr: " << run.err);
  const auto document = nlohmann::json::parse(run.out);
  std::map<std::pair<std::string, std::string>, std::string> out;
  for (const auto& result : document.at("results")) {
    out[{result.at("name").get<std::string>(), result.value("replica", "")}] =
        result.at("status").get<std::string>();
  }
  return out;
}

#define SKIP_WITHOUT_SERVERS()                                \
  MESHDNS_SKIP_UNLESS(have_knot(), "knotd is not installed"); \
  MESHDNS_SKIP_UNLESS(ApiServer::available(), "python3 with PyYAML or openssl is missing")

}  // namespace

TEST_CASE("cli::verify --via-cluster reports each replica; a stale one fails",
          "[cli][verify][knot][kube]") {
  SKIP_WITHOUT_SERVERS();
  const auto fresh = KnotServer::start({k_fresh});
  const auto stale = KnotServer::start({k_stale});
  const auto c = cluster(pod("kube-system", "coredns-a", forward_to(*fresh)) +
                         pod("kube-system", "coredns-b", forward_to(*stale)) +
                         kube_dns({"coredns-b", "coredns-a"}));
  ProcessOptions input;
  input.input = k_names;
  const auto run = run_meshdns(
      {"--kubeconfig", c->kubeconfig, "verify", "-f", "-", "--via-cluster", "-o", "json"}, input);
  INFO("stdout: " << run.out << "\nstderr: " << run.err);
  CHECK(run.exit_code == 1);
  using Key = std::pair<std::string, std::string>;
  const std::map<Key, std::string> want{
      {{"my-fruits.internal", "kube-system/coredns-a"}, "PASS"},
      {{"my-fruits.internal", "kube-system/coredns-b"}, "PASS"},
      {{"my-veggies.internal", "kube-system/coredns-a"}, "PASS"},
      {{"my-veggies.internal", "kube-system/coredns-b"}, "MISMATCH"}};
  CHECK(verdicts(run) == want);
  const auto summary = nlohmann::json::parse(run.out)["summary"];
  CHECK(summary["names"] == 2);
  CHECK(summary["namesPassed"] == 1);  // a name passes only when every replica does
  CHECK(run.err.find("1/2 names pass on every replica; 3/4 replica checks pass") !=
        std::string::npos);

  // Text: a REPLICA column, the stale replica's verdict on its own row.
  const auto text =
      run_meshdns({"--kubeconfig", c->kubeconfig, "verify", "-f", "-", "--via-cluster"}, input);
  CHECK(text.exit_code == 1);
  CHECK(std::regex_search(text.out,
                          std::regex("my-veggies\\.internal +kube-system/coredns-b +"
                                     "MISMATCH got 10\\.96\\.0\\.99; want 10\\.96\\.0\\.70 +"
                                     "10\\.96\\.0\\.99")));
}

TEST_CASE("cli::verify --via-cluster --timeout waits for the stale replica",
          "[cli][verify][knot][kube]") {
  SKIP_WITHOUT_SERVERS();
  const auto fresh = KnotServer::start({k_fresh});
  const auto stale = KnotServer::start({k_stale});
  const auto c = cluster(pod("kube-system", "coredns-a", forward_to(*fresh)) +
                         pod("kube-system", "coredns-b", forward_to(*stale)) +
                         kube_dns({"coredns-a", "coredns-b"}));
  // The stale replica reloads (zone rewritten, knotc zone-reload) while verify is retrying.
  std::thread reload([&] {
    std::this_thread::sleep_for(1500ms);
    stale->replace_zone(k_fresh);
  });
  ProcessOptions input;
  input.input = k_names;
  const auto run = run_meshdns({"--kubeconfig", c->kubeconfig, "verify", "-f", "-", "--via-cluster",
                                "--timeout", "30s", "--interval", "300ms"},
                               input);
  reload.join();
  INFO("stdout: " << run.out << "\nstderr: " << run.err);
  CHECK(run.exit_code == 0);
  CHECK(run.err.find("verify: round 1: 3/4 pass; re-checking 1 in 0.3s") != std::string::npos);
  CHECK(run.out.find("2/2 names pass on every replica; 4/4 replica checks pass") !=
        std::string::npos);
}

TEST_CASE("cli::verify --pod asks a meshed pod's DNS proxy", "[cli][verify][knot][kube]") {
  SKIP_WITHOUT_SERVERS();
  const auto proxy = KnotServer::start({k_fresh});  // plays istio-agent's DNS proxy on 15053
  const auto c = cluster("apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n---\n" +
                         pod("shop", "web-1", forward_to(*proxy, 15053)) +
                         pod("shop", "web-2", forward_to(*proxy, 5353)));
  ProcessOptions input;
  input.input = k_names;
  const auto run = run_meshdns(
      {"--kubeconfig", c->kubeconfig, "verify", "-f", "-", "--pod", "shop/web-1", "-o", "json"},
      input);
  INFO("stdout: " << run.out << "\nstderr: " << run.err);
  CHECK(run.exit_code == 0);
  using Key = std::pair<std::string, std::string>;
  CHECK(verdicts(run) ==
        std::map<Key, std::string>{{{"my-fruits.internal", "shop/web-1"}, "PASS"},
                                   {{"my-veggies.internal", "shop/web-1"}, "PASS"}});
  const auto log = nlohmann::json::parse(c->api->requests_json());
  bool asked_15053 = false;
  for (const auto& request : log["requests"]) {
    if (request["path"] == "/api/v1/namespaces/shop/pods/web-1/portforward") {
      asked_15053 = request["query"]["ports"][0] == "15053";
      CHECK(request["headers"]["Sec-WebSocket-Protocol"] == "v4.channel.k8s.io");
      CHECK(request["status"] == 101);
    }
  }
  CHECK(asked_15053);

  SECTION("--pod-port, and NAME alone in -n's namespace") {
    const auto other = run_meshdns({"--kubeconfig", c->kubeconfig, "-n", "shop", "verify",
                                    "my-fruits.internal", "--pod", "web-2", "--pod-port", "5353"});
    INFO("stdout: " << other.out << "\nstderr: " << other.err);
    CHECK(other.exit_code == 0);
    CHECK(other.out.find("shop/web-2") != std::string::npos);
  }
  SECTION("a port the pod does not listen on: the error channel's text per name") {
    const auto refused =
        run_meshdns({"--kubeconfig", c->kubeconfig, "verify", "my-fruits.internal", "--pod",
                     "shop/web-2", "--query-timeout", "500ms", "--tries", "1"});
    INFO("stdout: " << refused.out << "\nstderr: " << refused.err);
    CHECK(refused.exit_code == 1);
    CHECK(refused.out.find("ERROR port-forward to pod shop/web-2: error forwarding port 15053 "
                           "to pod web-2") != std::string::npos);
  }
  SECTION("--pod and --server do not mix") {
    const auto both = run_meshdns({"--kubeconfig", c->kubeconfig, "verify", "my-fruits.internal",
                                   "--pod", "shop/web-1", "--server", proxy->address()});
    CHECK(both.exit_code == 2);
    CHECK(both.err.find("--server cannot be combined with --via-cluster or --pod") !=
          std::string::npos);
  }
}

TEST_CASE("cli::verify --via-cluster refusals name the fix", "[cli][verify][knot][kube]") {
  SKIP_WITHOUT_SERVERS();
  const auto knot = KnotServer::start({k_fresh});

  SECTION("RBAC: 403 with a Status") {
    const auto c =
        cluster(pod("kube-system", "coredns-a", forward_to(*knot)) + kube_dns({"coredns-a"}));
    c->api->inject_fault("/pods/coredns-a/portforward$", 403, 1, "GET",
                         "pods \"coredns-a\" is forbidden: User \"ci\" cannot create resource "
                         "\"pods/portforward\" in API group \"\" in the namespace \"kube-system\"");
    const auto run = run_meshdns(
        {"--kubeconfig", c->kubeconfig, "verify", "my-fruits.internal", "--via-cluster"});
    INFO("stderr: " << run.err);
    CHECK(run.exit_code == 1);
    CHECK(run.out.empty());
    CHECK(run.err ==
          "error: Error from server (Forbidden): pods \"coredns-a\" is forbidden: User \"ci\" "
          "cannot create resource \"pods/portforward\" in API group \"\" in the namespace "
          "\"kube-system\" (port-forwarding needs the RBAC verbs get and create on "
          "pods/portforward; grant them in namespace kube-system, e.g. kubectl create role "
          "meshdns-portforward -n kube-system --verb=get,create --resource=pods/portforward and "
          "bind it to this user)\n");
  }
  SECTION("no ready kube-dns pod") {
    const auto c =
        cluster(pod("kube-system", "coredns-a", forward_to(*knot)) + kube_dns({}, {"coredns-a"}));
    const auto run = run_meshdns(
        {"--kubeconfig", c->kubeconfig, "verify", "my-fruits.internal", "--via-cluster"});
    CHECK(run.exit_code == 1);
    CHECK(run.err.find("error: no ready pod serves Service kube-system/kube-dns (its Endpoints "
                       "list no ready address with a pod behind it; check kubectl -n "
                       "kube-system get pods,endpoints") == 0);
  }
  SECTION("a proxy that drops the upgrade") {
    const auto c =
        cluster(pod("kube-system", "coredns-a", forward_to(*knot)) + kube_dns({"coredns-a"}));
    c->api->drop_connections("/portforward$");
    const auto run = run_meshdns(
        {"--kubeconfig", c->kubeconfig, "verify", "my-fruits.internal", "--via-cluster"});
    CHECK(run.exit_code == 1);
    CHECK(run.err.find("closed the connection instead of answering the port-forward upgrade") !=
          std::string::npos);
  }
}

TEST_CASE("cli::verify --via-cluster over TLS with a token and with a client certificate",
          "[cli][verify][knot][kube]") {
  SKIP_WITHOUT_SERVERS();
  const auto knot = KnotServer::start({k_fresh});
  const std::string seed = pod("kube-system", "coredns-a", forward_to(*knot)) +
                           pod("kube-system", "coredns-b", forward_to(*knot)) +
                           kube_dns({"coredns-a", "coredns-b"});
  for (const auto auth : {KubeconfigAuth::token, KubeconfigAuth::client_certificate}) {
    const auto c = cluster(seed, auth);
    ProcessOptions input;
    input.input = k_names;
    const auto run = run_meshdns(
        {"--kubeconfig", c->kubeconfig, "verify", "-f", "-", "--via-cluster", "-o", "junit"},
        input);
    INFO("auth " << static_cast<int>(auth) << "\nstdout: " << run.out << "\nstderr: " << run.err);
    CHECK(run.exit_code == 0);
    // One JUnit test case per name and replica.
    std::size_t cases = 0;
    for (std::size_t at = run.out.find("<testcase"); at != std::string::npos;
         at = run.out.find("<testcase", at + 1)) {
      ++cases;
    }
    CHECK(cases == 4);
    CHECK(run.out.find("<testcase classname=\"dns.kube-system/coredns-b\" "
                       "name=\"my-veggies.internal\"/>") != std::string::npos);
    // The port-forwards were authenticated as the test user, over TLS.
    const auto log = nlohmann::json::parse(c->api->requests_json());
    std::size_t forwards = 0;
    for (const auto& request : log["requests"]) {
      if (request["status"] == 101) {
        ++forwards;
        CHECK(request["user"] == "meshdns-test");
        CHECK(request["headers"].contains("Authorization") == (auth == KubeconfigAuth::token));
      }
    }
    CHECK(forwards >= 2);
  }
}

}  // namespace meshdns::test
