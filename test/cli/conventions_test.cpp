// End-to-end tests of kubectl's conventions across commands (issue #18): the command line read as
// kubectl (pflag) reads it, the REST client over plain http:// as kubectl proxy serves it, and
// messages that say what happened. Where kubectl 1.32 has the behaviour, the same command line is
// run through it against the same stand-in and both are compared.

#include "support/net.hpp"
#include "support/standin_cluster.hpp"

#include <meshdns/text.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

namespace meshdns::test {
namespace {

using std::chrono::milliseconds;

const std::string k_clusters = MESHDNS_SOURCE_DIR "/test/cluster_dns/clusters/";

// kubectl 1.32 itself: the `kubectl` on PATH is a dispatcher that adds a /version request.
std::string kubectl_132() {
  const std::string pinned = "/usr/lib/google-cloud-sdk/bin/kubectl.1.32";
  return ::access(pinned.c_str(), X_OK) == 0 ? pinned : std::string();
}

#define REQUIRE_KUBECTL()                              \
  const std::string kubectl = kubectl_132();           \
  MESHDNS_SKIP_UNLESS(!kubectl.empty(),                \
                      "kubectl 1.32 is not installed " \
                      "(/usr/lib/google-cloud-sdk/bin/kubectl.1.32)")

const char* const k_shop = R"(apiVersion: v1
kind: Namespace
metadata: {name: micro-shake-factory}
---
apiVersion: v1
kind: Service
metadata: {name: fruits-api-service, namespace: micro-shake-factory}
spec: {clusterIP: 10.96.0.50, ports: [{name: http, port: 80}], selector: {app: fruits-api}}
)";

// k_shop holds no DNS objects for `--backend auto` to judge by: these tests name the backend.
const char* const k_backend = "istiocoredns";
const std::string k_backend_line = "backend: istiocoredns (asked with --backend)\n";

// The paths of the requests the server saw since the last reset.
std::vector<std::string> request_paths(const ApiServer& api) {
  std::vector<std::string> paths;
  const nlohmann::json log = nlohmann::json::parse(api.requests_json());
  for (const nlohmann::json& request : log.at("requests")) {
    paths.push_back(request.value("method", "") + " " + request.value("path", ""));
  }
  return paths;
}

bool any_write(const std::vector<std::string>& requests) {
  for (const std::string& request : requests) {
    if (!starts_with(request, "GET ")) {
      return true;
    }
  }
  return false;
}

bool requested(const std::vector<std::string>& requests, const std::string& fragment) {
  for (const std::string& request : requests) {
    if (request.find(fragment) != std::string::npos) {
      return true;
    }
  }
  return false;
}

}  // namespace

TEST_CASE("cli: -n=NS reads NS, as kubectl does", "[cli][conventions][apiserver]") {
  REQUIRE_STANDIN();
  REQUIRE_KUBECTL();
  const SeededStandin cluster(k_shop, "default");
  for (const std::string flag : {"-n=micro-shake-factory", "--namespace=micro-shake-factory"}) {
    INFO(flag);
    cluster.api->reset();
    const ProcessResult real = run_process(
        {kubectl, "--kubeconfig", cluster.kubeconfig, "get", "services", flag, "-o", "name"});
    CHECK(real.exit_code == 0);
    CHECK(real.out == "service/fruits-api-service\n");
    CHECK(requested(request_paths(*cluster.api),
                    "GET /api/v1/namespaces/micro-shake-factory/services"));
    CHECK_FALSE(requested(request_paths(*cluster.api), "=micro"));

    cluster.api->reset();
    const ProcessResult ours =
        cluster.run({"alias", "fruits-api-service", "my-fruits.internal", flag, "--dry-run=client",
                     "-o", "json", "--backend", k_backend});
    CHECK(ours.exit_code == 0);
    CHECK(ours.err.find("=micro") == std::string::npos);
    CHECK(ours.out.find("\"namespace\": \"micro-shake-factory\"") != std::string::npos);
    CHECK(requested(request_paths(*cluster.api),
                    "GET /api/v1/namespaces/micro-shake-factory/services/fruits-api-service"));
    CHECK_FALSE(requested(request_paths(*cluster.api), "=micro"));
  }
  SECTION("after --, -n=x is an argument, not a flag") {
    const ProcessResult ours = cluster.run({"alias", "fruits-api-service", "--", "-n=x"});
    CHECK(ours.exit_code == 2);
    CHECK(ours.err.find("-n=x") != std::string::npos);
  }
}

TEST_CASE("cli: bare --dry-run is client with kubectl's deprecation warning",
          "[cli][conventions][apiserver]") {
  REQUIRE_STANDIN();
  REQUIRE_KUBECTL();
  const SeededStandin cluster(k_shop, "micro-shake-factory");
  const std::string deprecated =
      "--dry-run is deprecated and can be replaced with --dry-run=client.";

  cluster.api->reset();
  const ProcessResult real =
      run_process({kubectl, "--kubeconfig", cluster.kubeconfig, "create", "configmap", "probe",
                   "--from-literal=a=b", "--dry-run", "-o", "name"});
  CHECK(real.exit_code == 0);
  CHECK(real.out == "configmap/probe\n");
  CHECK(real.err.find(deprecated) != std::string::npos);
  CHECK_FALSE(any_write(request_paths(*cluster.api)));

  cluster.api->reset();
  const ProcessResult ours = cluster.run(
      {"alias", "fruits-api-service", "my-fruits.internal", "--dry-run", "--backend", k_backend});
  CHECK(ours.exit_code == 0);
  CHECK(ours.err == "warning: " + deprecated + "\n" + k_backend_line);
  CHECK_FALSE(any_write(request_paths(*cluster.api)));
  const ProcessResult client = cluster.run({"alias", "fruits-api-service", "my-fruits.internal",
                                            "--dry-run=client", "--backend", k_backend});
  CHECK(client.exit_code == 0);
  CHECK(ours.out == client.out);

  SECTION("--dry-run=true and =false, as kubectl reads them") {
    const ProcessResult yes = cluster.run({"alias", "fruits-api-service", "my-fruits.internal",
                                           "--dry-run=true", "--backend", k_backend});
    CHECK(yes.exit_code == 0);
    CHECK(yes.err ==
          "warning: --dry-run=true is deprecated (boolean value) and can be replaced with "
          "--dry-run=client.\n" +
              k_backend_line);
    CHECK_FALSE(any_write(request_paths(*cluster.api)));
  }
}

TEST_CASE("cli: over plain http (kubectl proxy) requests do not queue against --request-timeout",
          "[cli][conventions][apiserver]") {
  REQUIRE_STANDIN();
  REQUIRE_KUBECTL();
  TempDir dir;
  ApiServerOptions options;
  options.plain_http = true;
  options.extra_args = {"--proxy-user", "admin"};
  options.seed_files = {k_clusters + "kubeadm-istio-1.6.yaml"};
  const ApiServer api(options);
  api.set_latency(milliseconds(3'000));
  const std::string server = api.base_url();
  REQUIRE(starts_with(server, "http://"));

  const ProcessResult real = run_process(
      {kubectl, "--server", server, "--request-timeout", "5s", "get", "configmaps", "-A"});
  CHECK(real.exit_code == 0);

  // status reads a dozen objects at once: side by side, they take one latency, not twelve.
  const auto started = std::chrono::steady_clock::now();
  const ProcessResult ours =
      run_meshdns({"--server", server, "--request-timeout", "5s", "corefile", "status", "-v", "6"});
  const auto took = std::chrono::steady_clock::now() - started;
  INFO(ours.err);
  CHECK((ours.exit_code == 0 || ours.exit_code == 1));  // in place or not: an answer
  CHECK(ours.err.find("no answer from the server") == std::string::npos);
  CHECK(ours.err.find("Failed to resolve host") == std::string::npos);
  CHECK(took < std::chrono::milliseconds(4'500));
}

TEST_CASE("cli: a server that is not Kubernetes is called so", "[cli][conventions][apiserver]") {
  REQUIRE_STANDIN();
  // Under /_standin/web/ the stand-in answers as a web server: 404 and an HTML page everywhere.
  ApiServerOptions options;
  options.plain_http = true;
  const ApiServer api(options);
  const std::string not_kubernetes = api.base_url() + "/_standin/web";
  for (const std::vector<std::string>& command : {std::vector<std::string>{"corefile", "status"},
                                                  {"alias", "list"},
                                                  {"corefile", "lint"},
                                                  {"verify"},
                                                  {"version"}}) {
    INFO(join(command, " "));
    std::vector<std::string> args{"--server", not_kubernetes};
    args.insert(args.end(), command.begin(), command.end());
    const ProcessResult ours = run_meshdns(args);
    CHECK(ours.exit_code == 2);
    CHECK(ours.err.find("error: the server " + not_kubernetes +
                        " is not a Kubernetes API server (") != std::string::npos);
    CHECK(ours.err.find("istio") == std::string::npos);
  }
}

// Deployments that load their Corefile in ways the old "who mounts it" guess in lint missed: a
// projected volume, and istiocoredns with its plugin container listed first.
const char* const k_loaders = R"(apiVersion: v1
kind: ConfigMap
metadata: {name: coredns, namespace: kube-system}
data:
  Corefile: |
    .:53 {
        errors
        kubernetes cluster.local in-addr.arpa ip6.arpa
        forward . /etc/resolv.conf
        cache 30
        reload
    }
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: coredns, namespace: kube-system}
spec:
  selector: {matchLabels: {k8s-app: kube-dns}}
  template:
    metadata: {labels: {k8s-app: kube-dns}}
    spec:
      containers:
      - {name: coredns, image: "registry.k8s.io/coredns/coredns:v1.8.6"}
      volumes:
      - name: config
        projected: {sources: [{configMap: {name: coredns}}]}
---
apiVersion: v1
kind: Service
metadata: {name: kube-dns, namespace: kube-system}
spec: {clusterIP: 10.96.0.10, ports: [{name: dns, port: 53, protocol: UDP}]}
---
apiVersion: v1
kind: Namespace
metadata: {name: istio-system}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: coredns, namespace: istio-system}
data:
  Corefile: |
    .:53 {
        errors
        proxy global 127.0.0.1:8053 {
            protocol grpc insecure
        }
        proxy . /etc/resolv.conf
        cache 30
        reload
    }
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: istiocoredns, namespace: istio-system}
spec:
  selector: {matchLabels: {app: istiocoredns}}
  template:
    metadata: {labels: {app: istiocoredns}}
    spec:
      containers:
      - {name: istio-coredns-plugin, image: "docker.io/istio/coredns-plugin:0.2-istio-1.1"}
      - {name: coredns, image: "docker.io/coredns/coredns:1.1.2"}
      volumes:
      - {name: config-volume, configMap: {name: coredns}}
---
apiVersion: v1
kind: Service
metadata: {name: istiocoredns, namespace: istio-system}
spec: {clusterIP: 10.96.0.60, ports: [{name: dns, port: 53, protocol: UDP}]}
)";

TEST_CASE("cli: lint, patch and version agree on the CoreDNS release",
          "[cli][conventions][corefile]") {
  TempDir dir;
  const std::string manifests = dir.write("cluster.yaml", k_loaders);
  const ProcessResult lint = run_meshdns({"corefile", "lint", "--from-manifests", manifests});
  INFO(lint.err);
  CHECK(lint.exit_code == 0);
  CHECK(lint.err.find("kube-system/coredns Corefile: no problems for CoreDNS 1.8.6\n") !=
        std::string::npos);
  CHECK(lint.err.find("istio-system/coredns Corefile: no problems for CoreDNS 1.1.2\n") !=
        std::string::npos);
  CHECK(lint.err.find("not linted") == std::string::npos);

  const ProcessResult diff = run_meshdns({"corefile", "diff", "--from-manifests", manifests});
  INFO(diff.out);
  CHECK(diff.exit_code == 1);
  CHECK(diff.out.find("kube-dns, CoreDNS 1.8.6") != std::string::npos);
  CHECK(diff.out.find("istiocoredns, CoreDNS 1.1.2") != std::string::npos);

  SECTION("version reads the same container on the cluster") {
    REQUIRE_STANDIN();
    const SeededStandin cluster(k_loaders, "default");
    const ProcessResult version = cluster.run({"version", "-o", "json"});
    INFO(version.out << version.err);
    CHECK(version.exit_code == 0);
    const nlohmann::json found = nlohmann::json::parse(version.out, nullptr, false);
    CHECK(found.dump().find("\"1.1.2\"") != std::string::npos);
    CHECK(found.dump().find("\"1.8.6\"") != std::string::npos);
  }
}

}  // namespace meshdns::test

namespace meshdns::test {

TEST_CASE("cli: flags mean what they say or are refused", "[cli][conventions]") {
  TempDir dir;
  const std::string corefile = dir.write("Corefile", ".:53 {\n    forward . /etc/resolv.conf\n}\n");
  const ProcessResult json =
      run_meshdns({"corefile", "patch", "--file", corefile, "--coredns-version", "1.6.2",
                   "--upstream", "10.96.0.60", "-o", "json"});
  CHECK(json.exit_code == 2);
  CHECK(json.out.empty());
  CHECK(json.err ==
        "error: corefile patch: -o works only on the cluster, not with --file (the result is the "
        "Corefile)\n");

  const ProcessResult powershell = run_meshdns({"completion", "powershell"});
  CHECK(powershell.exit_code == 2);
  CHECK(powershell.err ==
        "error: invalid value \"powershell\" for shell (it takes one of bash, zsh, fish; see "
        "'kubectl meshdns completion --help')\n");
}

TEST_CASE("cli: alias says which Service the selector fallback picked",
          "[cli][conventions][apiserver]") {
  REQUIRE_STANDIN();
  const SeededStandin cluster(k_shop, "micro-shake-factory");
  const ProcessResult picked = cluster.run(
      {"alias", "fruits-api", "my-fruits.internal", "--dry-run=client", "--backend", k_backend});
  CHECK(picked.exit_code == 0);
  CHECK(picked.err == k_backend_line +
                          "warning: no Service is named fruits-api; using Service "
                          "fruits-api-service, which selects "
                          "app=fruits-api\n");
  const ProcessResult named = cluster.run({"alias", "fruits-api-service", "my-fruits.internal",
                                           "--dry-run=client", "--backend", k_backend});
  CHECK(named.err == k_backend_line);
}

}  // namespace meshdns::test

namespace meshdns::test {

TEST_CASE("cli: names are shown as typed and fixed with a valid name", "[cli][conventions]") {
  TempDir dir;
  const std::string none = dir.write("empty.yaml", "");
  struct Row {
    std::vector<std::string> args;
    std::string err;
  };
  const Row rows[] = {
      {{"alias", "fruits-api", "my-früits.internal"},
       "error: alias \"my-früits.internal\" is not a usable DNS name (DNS names are ASCII and 'ü' "
       "is not; write it in punycode, as IDNA does: xn--my-frits-b6a.internal)\n"},
      {{"alias", "fruits-api", "my\x1b[31mfruits.internal"},
       "error: alias \"my\\x1b[31mfruits.internal\" is not a usable DNS name ('\\x1b' is not "
       "allowed, only a-z, 0-9 and '-'; use labels of a-z, 0-9 and '-', e.g. "
       "my-fruits.internal)\n"},
      {{"alias", "fruits-api", "my-fruits.internal.."},
       "error: alias \"my-fruits.internal..\" is not a usable DNS name (ServiceEntry hosts take "
       "no trailing dot; write it as my-fruits.internal)\n"},
      {{"alias", "fruits-api", "-fruits.internal"},
       "error: alias got SERVICE fruits-api and -f ruits.internal, no FQDN (a word starting with "
       "'-' is read as flags, as kubectl reads it: -fruits.internal is -f ruits.internal; an FQDN "
       "cannot start with '-'; give SERVICE FQDN, or -f FILE alone)\n"},
  };
  for (const Row& row : rows) {
    std::vector<std::string> args = row.args;
    args.insert(args.end(), {"--from-manifests", none});
    INFO(join(args, " "));
    const ProcessResult run = run_meshdns(args);
    CHECK(run.exit_code == 2);
    CHECK(run.out.empty());
    CHECK(run.err == row.err);
  }
}

}  // namespace meshdns::test

namespace meshdns::test {

TEST_CASE("cli: --help shows defaults as kubectl does, without CLI11's type tags",
          "[cli][conventions]") {
  const std::vector<std::vector<std::string>> commands = {
      {"--help"},           {"corefile", "patch", "--help"}, {"alias", "--help"},
      {"verify", "--help"}, {"scaffold", "--help"},          {"completion", "--help"}};
  for (const std::vector<std::string>& command : commands) {
    const ProcessResult help = run_meshdns(command);
    INFO(join(command, " ") << "\n" << help.out);
    CHECK(help.exit_code == 0);
    for (const char* tag : {"TEXT", "UINT", "INT in", ":{", "REQUIRED", "FLOAT"}) {
      CHECK(help.out.find(tag) == std::string::npos);
    }
  }
  const ProcessResult patch = run_meshdns({"corefile", "patch", "--help"});
  CHECK(patch.out.find("  --dry-run='none'  ") != std::string::npos);
  CHECK(patch.out.find("  --zone=[]  ") != std::string::npos);
  CHECK(patch.out.find("  --in-place=false  ") != std::string::npos);
  const ProcessResult root = run_meshdns({"--help"});
  CHECK(root.out.find("  --insecure-skip-tls-verify=false") != std::string::npos);
  CHECK(root.out.find("  -v,--v='0'  ") != std::string::npos);
}

}  // namespace meshdns::test

namespace meshdns::test {
namespace {

// Runs kubectl-meshdns on a pseudo-terminal (util-linux `script`), as a person at a terminal
// would: stdout and stderr are both the terminal, and come back together.
ProcessResult on_terminal(const std::vector<std::string>& args,
                          const ProcessOptions& options = {}) {
  std::string command = "'" + meshdns_binary() + "'";
  for (const std::string& arg : args) {
    command += " '" + arg + "'";
  }
  return run_process({"script", "-qec", command, "/dev/null"}, options);
}

}  // namespace

TEST_CASE("cli: colour on a terminal, never with NO_COLOR, --no-color or a pipe",
          "[cli][conventions]") {
  MESHDNS_SKIP_UNLESS(!find_program("script").empty(), "script (util-linux) is not installed");
  TempDir dir;
  const std::string corefile =
      dir.write("Corefile", ".:53 {\n    errors\n    forward . /etc/resolv.conf\n}\n");
  const std::vector<std::string> diff = {"corefile",          "diff",  "--file",     corefile,
                                         "--coredns-version", "1.6.2", "--upstream", "10.96.0.60"};
  const std::string green_line = "\033[32m+internal:53 {\033[0m";

  const ProcessResult tty = on_terminal(diff);
  CHECK(tty.out.find(green_line) != std::string::npos);
  CHECK(tty.out.find("\033[1m--- ") != std::string::npos);

  ProcessOptions no_color;
  no_color.env["NO_COLOR"] = "1";
  CHECK(on_terminal(diff, no_color).out.find('\033') == std::string::npos);
  std::vector<std::string> flagged = diff;
  flagged.emplace_back("--no-color");
  CHECK(on_terminal(flagged).out.find('\033') == std::string::npos);
  const ProcessResult piped = run_meshdns(diff);
  CHECK(piped.exit_code == 1);
  CHECK(piped.out.find('\033') == std::string::npos);

  // error: in red on the terminal; the text itself unchanged.
  const ProcessResult error = on_terminal({"corefile", "lint", "--file", dir / "missing"});
  CHECK(error.out.find("\033[31merror:\033[0m ") != std::string::npos);
  const ProcessResult plain_error = run_meshdns({"corefile", "lint", "--file", dir / "missing"});
  CHECK(starts_with(plain_error.err, "error: "));
}

}  // namespace meshdns::test

namespace meshdns::test {

TEST_CASE("cli: hints name the real problem and a way out that works", "[cli][conventions]") {
  TempDir dir;
  const std::string corefile = dir.write("Corefile", ".:53 {\n    forward . /etc/resolv.conf\n}\n");
  SECTION("--upstream with port 0 is about the port") {
    const ProcessResult run =
        run_meshdns({"corefile", "patch", "--file", corefile, "--coredns-version", "1.6.2",
                     "--upstream", "10.96.0.60:0"});
    CHECK(run.exit_code == 2);
    CHECK(run.err ==
          "error: invalid --upstream \"10.96.0.60:0\" (port \"0\" is not a number from 1 to "
          "65535; pass the istiocoredns Service's cluster IP, e.g. --upstream 10.96.0.60 or "
          "10.96.0.60:53)\n");
  }
  SECTION("--coredns-version with a digest does not ask for --coredns-version") {
    const ProcessResult run = run_meshdns(
        {"corefile", "patch", "--file", corefile, "--upstream", "10.96.0.60", "--coredns-version",
         "coredns/coredns@sha256:"
         "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"});
    CHECK(run.exit_code == 2);
    CHECK(run.err.find("a digest names no release: pass the release that image holds, e.g. "
                       "--coredns-version 1.11.1)") != std::string::npos);
    CHECK(run.err.find("pass --coredns-version") == std::string::npos);
  }
  SECTION("--kubeconfig naming a folder, in kubectl's words") {
    const std::string folder = dir / "kube";
    std::filesystem::create_directories(folder);
    const ProcessResult run = run_meshdns({"--kubeconfig", folder, "corefile", "status"});
    CHECK(run.exit_code == 2);
    CHECK(run.err == "error: error loading config file \"" + folder + "\" (read " + folder +
                         ": is a directory; name the kubeconfig file itself, e.g. " + folder +
                         "/config)\n");
    const std::string kubectl = kubectl_132();
    if (!kubectl.empty()) {
      const ProcessResult real = run_process({kubectl, "--kubeconfig", folder, "get", "ns"});
      CHECK(real.err.find("read " + folder + ": is a directory") != std::string::npos);
    }
  }
  SECTION("a DNS server that refuses the connection is named") {
    const std::string server = "127.0.0.1:" + std::to_string(free_tcp_port());
    const ProcessResult run =
        run_meshdns({"verify", "my-fruits.internal", "--server", server, "--tcp"});
    CHECK(run.exit_code == 1);
    CHECK(run.out.find("ERROR Could not contact DNS servers (" + server + ")") !=
          std::string::npos);
  }
}

TEST_CASE("cli: hints on the cluster: rollback's restart, a 403 on the backup",
          "[cli][conventions][apiserver]") {
  REQUIRE_STANDIN();
  TempDir dir;
  ApiServerOptions options;
  options.seed_files = {k_clusters + "kubeadm-istio-1.3.yaml"};
  const ApiServer api(options);
  const std::string kubeconfig = api.write_kubeconfig();
  const auto meshdns = [&](std::vector<std::string> args) {
    args.insert(args.begin(), {"--kubeconfig", kubeconfig});
    return run_meshdns(args);
  };
  SECTION("a 403 reading the backup says which RBAC rule is missing") {
    api.inject_fault("/configmaps/coredns-meshdns-backup$", 403, -1, "GET",
                     "configmaps \"coredns-meshdns-backup\" is forbidden: User \"meshdns-test\" "
                     "cannot get resource \"configmaps\" in API group \"\" in the namespace "
                     "\"kube-system\"");
    const ProcessResult patch = meshdns({"corefile", "patch"});
    INFO(patch.err);
    CHECK(patch.exit_code == 1);
    CHECK(patch.err.find("ask for an RBAC rule with verbs [get] on configmaps (core API group), "
                         "or check it with `kubectl auth can-i get configmaps -n ") !=
          std::string::npos);
  }
  SECTION("rollback names the Deployments to restart") {
    REQUIRE(meshdns({"corefile", "patch"}).exit_code == 0);
    const ProcessResult rollback = meshdns({"corefile", "rollback"});
    INFO(rollback.err);
    CHECK(rollback.exit_code == 0);
    CHECK(rollback.err.find("NAMESPACE") == std::string::npos);
    CHECK(rollback.err.find("kubectl -n kube-system rollout restart deployment/coredns") !=
          std::string::npos);
    CHECK(rollback.err.find("kubectl -n istio-system rollout restart deployment/istiocoredns") !=
          std::string::npos);
  }
}

}  // namespace meshdns::test

namespace meshdns::test {

TEST_CASE("cli: a slow API server shows progress on a terminal, nothing in a pipe",
          "[cli][conventions][apiserver]") {
  REQUIRE_STANDIN();
  MESHDNS_SKIP_UNLESS(!find_program("script").empty(), "script (util-linux) is not installed");
  const SeededStandin cluster(k_shop, "micro-shake-factory");
  cluster.api->set_latency(milliseconds(2'500));
  const std::vector<std::string> list = {"--kubeconfig", cluster.kubeconfig, "alias", "list"};
  const ProcessResult tty = on_terminal(list);
  INFO(tty.out);
  CHECK(tty.out.find("\r\033[Kwaiting for " + cluster.api->base_url() + ": 1 request, 1s") !=
        std::string::npos);
  CHECK(tty.out.find("No resources found in micro-shake-factory namespace.") != std::string::npos);
  const ProcessResult piped = run_meshdns(list);
  CHECK(piped.err == "No resources found in micro-shake-factory namespace.\n");
}

}  // namespace meshdns::test
