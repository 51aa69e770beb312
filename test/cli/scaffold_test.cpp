// End-to-end tests of `kubectl-meshdns scaffold` against the strict stand-in API server (apply,
// re-apply, dry runs, refusals, --cluster-ip auto) and offline (--from-manifests), and of its
// output against the Kubernetes and Istio schemas (test/manifest/validate-manifests).

#include "support/standin_cluster.hpp"
#include "support/test_data.hpp"

#include <meshdns/text.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace meshdns::test {
namespace {

// kube-dns at .10 and two Services at .11 and .12: --cluster-ip auto must skip all of them.
const char* const k_seed = R"(apiVersion: v1
kind: Namespace
metadata: {name: shop}
---
apiVersion: v1
kind: Service
metadata: {name: kube-dns, namespace: kube-system}
spec: {clusterIP: 10.96.0.10, ports: [{name: dns, port: 53, protocol: UDP}]}
---
apiVersion: v1
kind: Service
metadata: {name: orders, namespace: shop}
spec: {clusterIP: 10.96.0.11, ports: [{name: http, port: 80}]}
---
apiVersion: v1
kind: Service
metadata: {name: billing, namespace: kube-system}
spec: {clusterIP: 10.96.0.12, ports: [{name: http, port: 80}]}
)";

const char* const k_applied =
    "namespace/shop serverside-applied\n"
    "deployment.apps/web-deployment-v1 serverside-applied\n"
    "service/web-service serverside-applied\n"
    "virtualservice.networking.istio.io/web-vservice serverside-applied\n";

std::string read_source(const std::string& relative) {
  std::ifstream in(std::string(MESHDNS_SOURCE_DIR) + "/" + relative, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string validator_path() {
  return manifest_validator();
}

struct Request {
  std::string method;
  std::string path;
  std::string query;
  int status = 0;
};

struct Cluster : SeededStandin {
  explicit Cluster(const std::string& seed = k_seed) : SeededStandin(seed, "shop") {}

  std::vector<Request> requests() const {
    std::vector<Request> out;
    const nlohmann::json log = request_log();  // outlives the loop
    for (const auto& request : log.at("requests")) {
      // The stand-in logs the query as {key: [values]}; written back as key=value&...
      std::string query;
      for (const auto& [key, values] : request.at("query").items()) {
        for (const auto& value : values) {
          query += cat(query.empty() ? "" : "&", key, "=", value.get<std::string>());
        }
      }
      out.push_back({request.at("method").get<std::string>(), request.at("path").get<std::string>(),
                     query, request.at("status").get<int>()});
    }
    return out;
  }

  // "METHOD PATH?QUERY" of every request that is not a GET.
  std::vector<std::string> non_gets() const {
    std::vector<std::string> out;
    for (const Request& request : requests()) {
      if (request.method != "GET") {
        out.push_back(cat(request.method, " ", request.path, "?", request.query));
      }
    }
    return out;
  }

  // A Service as the stand-in stores it, read with curl so the check does not trust the tool.
  nlohmann::json service(const std::string& namespace_name, const std::string& name) const {
    const auto run = run_process(
        {"curl", "-sS", "--cacert", api->ca_path(), "-H",
         cat("Authorization: Bearer ", api->token()),
         cat(api->base_url(), "/api/v1/namespaces/", namespace_name, "/services/", name)});
    INFO(run.err);
    return nlohmann::json::parse(run.out);
  }
};

const std::vector<std::string> k_web{"scaffold", "web", "--image", "nginx:1.27", "--port", "8080"};

std::vector<std::string> with(std::vector<std::string> args, const std::vector<std::string>& more) {
  args.insert(args.end(), more.begin(), more.end());
  return args;
}

}  // namespace

TEST_CASE("cli::scaffold applies the workload and re-applies it unchanged",
          "[cli][scaffold][kube]") {
  REQUIRE_STANDIN();
  MESHDNS_SKIP_UNLESS(!find_program("curl").empty(), "curl is not installed");
  const Cluster cluster;

  const auto first = cluster.run(k_web);
  INFO(first.err);
  CHECK(first.exit_code == 0);
  CHECK(first.out == k_applied);
  CHECK(first.err.empty());
  // Server-side apply, in order, with the tool's field manager; the range came from a dry run.
  CHECK(cluster.non_gets() ==
        std::vector<std::string>{
            "POST /api/v1/namespaces/shop/services?dryRun=All",
            "PATCH /api/v1/namespaces/shop?fieldManager=kubectl-meshdns",
            "PATCH /apis/apps/v1/namespaces/shop/deployments/web-deployment-v1?"
            "fieldManager=kubectl-meshdns",
            "PATCH /api/v1/namespaces/shop/services/web-service?fieldManager=kubectl-meshdns",
            "PATCH /apis/networking.istio.io/v1/namespaces/shop/virtualservices/web-vservice?"
            "fieldManager=kubectl-meshdns"});
  // The first address after .10 that no Service holds.
  const auto stored = cluster.service("shop", "web-service");
  CHECK(stored.at("spec").at("clusterIP") == "10.96.0.13");
  CHECK(stored.at("spec").at("ports").at(0).at("targetPort") == "http-web");

  // Again: the same lines, the Service keeps its address, no range probe is needed.
  cluster.api->reset();
  const auto second = cluster.run(k_web);
  INFO(second.err);
  CHECK(second.exit_code == 0);
  CHECK(second.out == k_applied);
  CHECK(cluster.non_gets().size() == 4);
  CHECK(cluster.service("shop", "web-service").at("spec").at("clusterIP") == "10.96.0.13");

  // -o json prints what the server stored.
  const auto json = cluster.run(with(k_web, {"-o", "json"}));
  REQUIRE(json.exit_code == 0);
  const auto list = nlohmann::json::parse(json.out);
  CHECK(list.at("kind") == "List");
  REQUIRE(list.at("items").size() == 4);
  CHECK(list.at("items").at(2).at("metadata").contains("uid"));
}

TEST_CASE("cli::scaffold dry runs write nothing", "[cli][scaffold][kube]") {
  REQUIRE_STANDIN();
  const Cluster cluster;

  const auto server = cluster.run(with(k_web, {"--dry-run=server", "--cluster-ip", "10.96.0.77"}));
  INFO(server.err);
  CHECK(server.exit_code == 0);
  CHECK(server.out ==
        "namespace/shop serverside-applied (server dry run)\n"
        "deployment.apps/web-deployment-v1 serverside-applied (server dry run)\n"
        "service/web-service serverside-applied (server dry run)\n"
        "virtualservice.networking.istio.io/web-vservice serverside-applied (server dry run)\n");
  for (const std::string& write : cluster.non_gets()) {
    INFO(write);
    CHECK(write.find("dryRun=All") != std::string::npos);
  }

  // Client: the objects as YAML; the only non-GET is the dry-run range probe.
  cluster.api->reset();
  const auto client = cluster.run(with(k_web, {"--dry-run=client"}));
  INFO(client.err);
  CHECK(client.exit_code == 0);
  CHECK(client.out.find("kind: Deployment\n") != std::string::npos);
  CHECK(client.out.find("  clusterIP: 10.96.0.13\n") != std::string::npos);
  CHECK(cluster.non_gets() ==
        std::vector<std::string>{"POST /api/v1/namespaces/shop/services?dryRun=All"});
  cluster.api->reset();
  const auto fixed = cluster.run(with(k_web, {"--dry-run=client", "--cluster-ip", "10.96.0.77"}));
  CHECK(fixed.exit_code == 0);
  CHECK(cluster.non_gets().empty());

  // Nothing was stored by any of them: a real run creates the Deployment and the Service.
  cluster.api->reset();
  REQUIRE(cluster.run(k_web).exit_code == 0);
  int created = 0;
  for (const Request& request : cluster.requests()) {
    created += request.method == "PATCH" && request.status == 201 ? 1 : 0;
  }
  CHECK(created == 3);  // Deployment, Service, VirtualService (the Namespace existed)

  // A server dry run into a namespace that does not exist yet says why it fails.
  const auto fresh = cluster.run(with(k_web, {"-n", "fresh", "--dry-run=server"}));
  CHECK(fresh.exit_code == 1);
  CHECK(fresh.out == "namespace/fresh serverside-applied (server dry run)\n");
  CHECK(fresh.err ==
        "error: Error from server (NotFound): namespaces \"fresh\" not found (a server dry run "
        "stores nothing, so the new namespace does not exist for it; create the namespace first "
        "(kubectl create namespace fresh), or use --dry-run=client)\n");
}

TEST_CASE("cli::scaffold refusals", "[cli][scaffold][kube]") {
  REQUIRE_STANDIN();
  const Cluster cluster;

  // Refused before any request: nothing half-made.
  const auto bad_name = cluster.run({"scaffold", "Web", "--image", "nginx:1.27"});
  CHECK(bad_name.exit_code == 2);
  CHECK(bad_name.out.empty());
  CHECK(bad_name.err ==
        "error: name \"Web\" is not a valid DNS-1123 label (it has upper-case letters; use a-z, "
        "0-9 and '-', starting and ending with a letter or digit, e.g. my-name)\n");
  const auto no_image = cluster.run({"scaffold", "web"});
  CHECK(no_image.exit_code == 2);
  CHECK(no_image.err ==
        "error: scaffold needs --image (the Deployment runs that container image; e.g. --image "
        "istiosuccinctly/fruits-api:1.0.0)\n");
  const auto limits = cluster.run(with(k_web, {"--limits", "gpu=1"}));
  CHECK(limits.exit_code == 2);
  CHECK(limits.err ==
        "error: --limits \"gpu=1\" is not valid (\"gpu\" is not cpu or memory; write it as "
        "--limits cpu=500m,memory=256Mi)\n");
  const auto cidr = cluster.run(with(k_web, {"--service-cidr", "10.96.0.0"}));
  CHECK(cidr.exit_code == 2);
  CHECK(cidr.err ==
        "error: --service-cidr \"10.96.0.0\" is not an IPv4 range (it has no /PREFIX; give it as "
        "ADDRESS/PREFIX, e.g. 10.96.0.0/12)\n");
  CHECK(cluster.requests().empty());

  // The API server's refusal is passed on verbatim; what was applied before it is reported.
  const std::string invalid =
      "Deployment.apps \"web-deployment-v1\" is invalid: spec.template.spec.containers[0].image: "
      "Required value";
  cluster.api->inject_fault("/deployments/", 422, 1, "PATCH", invalid);
  const auto refused = cluster.run(with(k_web, {"--cluster-ip", "10.96.0.77"}));
  CHECK(refused.exit_code == 1);
  CHECK(refused.out == "namespace/shop serverside-applied\n");
  CHECK(refused.err == cat("error: Error from server (Invalid): ", invalid, "\n"));

  // An address outside the range: the stand-in's real kube-apiserver message.
  const auto outside =
      cluster.run(with(k_web, {"--cluster-ip", "auto", "--service-cidr", "172.20.0.0/16"}));
  CHECK(outside.exit_code == 1);
  CHECK(outside.err ==
        "error: Error from server (Invalid): Service \"web-service\" is invalid: "
        "spec.clusterIPs: Invalid value: []string{\"172.20.0.11\"}: failed to allocate IP "
        "172.20.0.11: the provided IP (172.20.0.11) is not in the valid range. The range of valid "
        "IPs is 10.96.0.0/12\n");
}

TEST_CASE("cli::scaffold --cluster-ip auto retries an address it could not see",
          "[cli][scaffold][kube]") {
  REQUIRE_STANDIN();
  MESHDNS_SKIP_UNLESS(!find_program("curl").empty(), "curl is not installed");
  // .13 is held in a namespace the user may not list: the cluster-wide list is forbidden.
  const Cluster cluster(cat(k_seed, R"(---
apiVersion: v1
kind: Namespace
metadata: {name: hidden}
---
apiVersion: v1
kind: Service
metadata: {name: secret, namespace: hidden}
spec: {clusterIP: 10.96.0.13, ports: [{name: http, port: 80}]}
)"));
  cluster.api->inject_fault("^/api/v1/services$", 403, 1, "GET",
                            "services is forbidden: User \"dev\" cannot list resource "
                            "\"services\" in API group \"\" at the cluster scope");
  const auto run = cluster.run(k_web);
  INFO(run.err);
  CHECK(run.exit_code == 0);
  CHECK(run.out == k_applied);
  // The namespace list shows .11 only; kube-system's .12 and hidden's .13 are found by trying.
  CHECK(run.err ==
        "cluster IP 10.96.0.12 is taken, trying 10.96.0.13\n"
        "cluster IP 10.96.0.13 is taken, trying 10.96.0.14\n");
  CHECK(cluster.service("shop", "web-service").at("spec").at("clusterIP") == "10.96.0.14");
}

TEST_CASE("cli::scaffold --from-manifests prints the article's objects", "[cli][scaffold]") {
  // No cluster, no kubeconfig: the example's cluster state is all it reads.
  ProcessOptions offline;
  offline.env["KUBECONFIG"] = "/nonexistent/kubeconfig";
  const std::string cluster = cat(MESHDNS_SOURCE_DIR, "/examples/fruits-api/cluster");
  const std::vector<std::string> fruits{"scaffold",
                                        "fruits-api",
                                        "-n",
                                        "micro-shake-factory",
                                        "--image",
                                        "istiosuccinctly/fruits-api:1.0.0",
                                        "--cluster-ip",
                                        "10.96.0.50",
                                        "--api-version",
                                        "v1alpha3",
                                        "--from-manifests",
                                        cluster};
  const auto run = run_meshdns(fruits, offline);
  INFO(run.err);
  CHECK(run.exit_code == 0);
  CHECK(run.err.empty());
  CHECK(run.out == cat(read_source("examples/fruits-api/01-namespace.yaml"), "---\n",
                       read_source("examples/fruits-api/02-deployment.yaml"), "---\n",
                       read_source("examples/fruits-api/03-service.yaml"), "---\n",
                       read_source("examples/fruits-api/04-virtual-service.yaml")));

  // auto offline: kubeadm's range, minus the Services of the manifests (kube-dns .10, istiocoredns
  // .60); the newest Istio version the tool knows, since the manifests hold no Istio object.
  const auto automatic = run_meshdns(
      {"scaffold", "web", "--image", "nginx:1.27", "-o", "json", "--from-manifests", cluster},
      offline);
  REQUIRE(automatic.exit_code == 0);
  const auto list = nlohmann::json::parse(automatic.out);
  CHECK(list.at("items").at(2).at("spec").at("clusterIP") == "10.96.0.11");
  CHECK(list.at("items").at(2).at("metadata").at("namespace") == "default");
  CHECK(list.at("items").at(3).at("apiVersion") == "networking.istio.io/v1");
  const auto cidr = run_meshdns({"scaffold", "web", "--image", "nginx:1.27", "--service-cidr",
                                 "172.20.0.0/16", "--from-manifests", cluster},
                                offline);
  CHECK(cidr.out.find("  clusterIP: 172.20.0.11\n") != std::string::npos);

  // Errors name the file and the line.
  const TempDir dir;
  dir.write("state/a.yaml", "apiVersion: v1\nkind: Service\nmetadata: {name: x\n");
  const auto broken = run_meshdns(
      {"scaffold", "web", "--image", "nginx:1.27", "--from-manifests", dir / "state"}, offline);
  CHECK(broken.exit_code == 2);
  CHECK(broken.err.rfind(cat("error: ", dir / "state/a.yaml", ": YAML line "), 0) == 0);
  dir.write("other/b.yaml", "kind: Service\nmetadata: {name: x}\n");
  const auto not_object = run_meshdns(
      {"scaffold", "web", "--image", "nginx:1.27", "--from-manifests", dir / "other"}, offline);
  CHECK(not_object.exit_code == 2);
  CHECK(not_object.err == cat("error: ", dir / "other/b.yaml",
                              ": document 1: a document is not a Kubernetes object (it has no "
                              "apiVersion or no kind; give --from-manifests only Kubernetes "
                              "manifests)\n"));
  const auto missing = run_meshdns(
      {"scaffold", "web", "--image", "nginx:1.27", "--from-manifests", "/nonexistent/state"},
      offline);
  CHECK(missing.exit_code == 2);
  CHECK(missing.err ==
        "error: cannot read /nonexistent/state (no such file or folder; check the path given to "
        "--from-manifests)\n");
}

TEST_CASE("cli::scaffold: the quick start prints examples/fruits-api/", "[cli][scaffold]") {
  // README's quick start runs this script after building; here it runs the binary under test.
  ProcessOptions offline;
  offline.env["KUBECONFIG"] = "/nonexistent/kubeconfig";
  const auto run = run_process(
      {"bash", cat(MESHDNS_SOURCE_DIR, "/examples/quickstart/offline-example"), meshdns_binary()},
      offline);
  INFO("stdout:\n" << run.out << "stderr:\n" << run.err);
  CHECK(run.exit_code == 0);
  const std::string workload = cat(read_source("examples/fruits-api/01-namespace.yaml"), "---\n",
                                   read_source("examples/fruits-api/02-deployment.yaml"), "---\n",
                                   read_source("examples/fruits-api/03-service.yaml"), "---\n",
                                   read_source("examples/fruits-api/04-virtual-service.yaml"));
  const std::string alias_step =
      cat("\n== 2. the alias my-fruits.internal: a ServiceEntry with the Service's cluster IP\n"
          "$ kubectl meshdns alias fruits-api my-fruits.internal -n micro-shake-factory "
          "--api-version v1alpha3 --from-manifests cluster-state/\n",
          read_source("examples/fruits-api/05-service-entry.yaml"), "\n== 3. ");
  CHECK(run.out.find(cat("--from-manifests cluster-state/\n", workload, alias_step)) !=
        std::string::npos);
  // The Corefiles as `corefile patch` prints them: its own tests check the exact text.
  CHECK(run.out.find("forward . 10.96.0.60") != std::string::npos);
  CHECK(run.out.find("grpc internal 127.0.0.1:8053") != std::string::npos);
}

TEST_CASE("cli::scaffold output passes the Kubernetes and Istio schemas", "[cli][scaffold]") {
  ProcessOptions offline;
  offline.env["KUBECONFIG"] = "/nonexistent/kubeconfig";
  const std::string cluster = cat(MESHDNS_SOURCE_DIR, "/examples/fruits-api/cluster");
  std::string documents;
  std::size_t count = 0;
  for (const std::string version : {"v1", "v1beta1", "v1alpha3"}) {
    const auto run = run_meshdns({"scaffold",
                                  "juice-bar",
                                  "-n",
                                  "drinks",
                                  "--image",
                                  "registry.example/juice:2.1",
                                  "--port",
                                  "8443",
                                  "--port-name",
                                  "https-juice",
                                  "--replicas",
                                  "3",
                                  "--version",
                                  "4",
                                  "--limits",
                                  "cpu=2,memory=3Gi",
                                  "--requests",
                                  "memory=512Mi",
                                  "--cluster-ip",
                                  "auto",
                                  "--service-cidr",
                                  "10.0.0.0/16",
                                  "--api-version",
                                  version,
                                  "--from-manifests",
                                  cluster},
                                 offline);
    INFO(run.err);
    REQUIRE(run.exit_code == 0);
    documents += cat(count == 0 ? "" : "---\n", run.out);
    count += 4;
  }
  CHECK(documents.find("name: juice-bar-deployment-v4\n") != std::string::npos);
  CHECK(documents.find("      cpu: \"2\"\n") != std::string::npos);
  // The bundled cluster state is checked too: the quick start feeds it to every command.
  ProcessOptions input;
  input.input = documents;
  const auto result = run_process({validator_path(), "-", cat(cluster, "/01-kube-dns.yaml"),
                                   cat(cluster, "/02-istiocoredns.yaml")},
                                  input);
  INFO("stdout:\n" << result.out << "stderr:\n" << result.err);
  CHECK(result.exit_code == 0);
  std::size_t ok = 0;
  std::istringstream lines(result.out);
  for (std::string line; std::getline(lines, line);) {
    INFO(line);
    CHECK(line.rfind("OK ", 0) == 0);
    ++ok;
  }
  CHECK(ok == count + 6);
}

}  // namespace meshdns::test
