// End to end: what a hostile server or tenant sends never crashes the plugin, never reaches the
// user's terminal as control sequences and never leaks a secret into the logs (issue #17). The
// stand-in API server plays the server; inject_answer makes it answer with any bytes.

#include "support/files.hpp"
#include "support/standin_cluster.hpp"

#include <meshdns/text.hpp>

#include <catch2/catch.hpp>

#include <regex>
#include <sstream>
#include <string>
#include <vector>

namespace meshdns::test {
namespace {

const std::string k_clusters = MESHDNS_SOURCE_DIR "/test/cluster_dns/clusters/";

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    lines.push_back(line);
  }
  return lines;
}

// One error line, the exit code SPEC §4 gives, never a crash or an internal error.
void check_one_error_line(const ProcessResult& run, int exit_code, const std::string& start) {
  INFO("stderr: " << run.err);
  CHECK(run.exit_code == exit_code);
  CHECK(lines_of(run.err).size() == 1);
  CHECK(starts_with(run.err, start));
  CHECK(run.err.find("internal error") == std::string::npos);
}

std::string service_entry(const std::string& name, const std::string& annotations) {
  return cat(
      "---\napiVersion: networking.istio.io/v1beta1\nkind: ServiceEntry\nmetadata:\n  name: ", name,
      "\n  namespace: shop\n  labels: {app.kubernetes.io/managed-by: kubectl-meshdns}\n"
      "  annotations:\n",
      annotations, "spec:\n  hosts: [", name,
      ".internal]\n  addresses: [10.96.0.50]\n  location: MESH_INTERNAL\n"
      "  resolution: DNS\n  ports: [{number: 80, name: http, protocol: HTTP}]\n");
}

}  // namespace

TEST_CASE("cli: a Corefile nested 30,000 levels deep is refused with its line",
          "[cli][hardening]") {
  const TempDir dir;
  std::string deep = ".:53 {\n";
  for (int i = 0; i < 30'000; ++i) {
    deep += "forward . 10.0.0.1 {\n";
  }
  for (int i = 0; i <= 30'000; ++i) {
    deep += "}\n";
  }
  const std::string file = dir.write("Corefile", deep);
  const ProcessResult lint =
      run_meshdns({"corefile", "lint", "--file", file, "--coredns-version", "1.11.1"});
  INFO("stderr: " << lint.err);
  CHECK(lint.exit_code == 1);
  CHECK(lint.out.find(cat(file, ":102: blocks nest deeper than 100 levels")) != std::string::npos);
  const ProcessResult patch = run_meshdns({"corefile", "patch", "--file", file, "--coredns-version",
                                           "1.11.1", "--upstream", "10.96.0.60", "--in-place"});
  check_one_error_line(patch, 1, "error: ");
  CHECK(read_bytes(file) == deep);
}

TEST_CASE("cli: a /version answer of the wrong shape is a clear error", "[cli][hardening]") {
  REQUIRE_STANDIN();
  const SeededStandin cluster(read_bytes(cli_seed("shop-fruits.yaml")), "shop");
  struct Row {
    std::string body, why;
  };
  const Row rows[] = {
      {"null", "it is not a JSON object"},
      {"[]", "it is not a JSON object"},
      {R"({"gitVersion": 5})", "its gitVersion is not a string"},
      {R"({"gitVersion": {"major": "1"}})", "its gitVersion is not a string"},
  };
  for (const Row& row : rows) {
    INFO(row.body);
    cluster.api->reset();
    cluster.api->inject_answer("^/version$", row.body);
    const ProcessResult run = cluster.run({"version"});
    check_one_error_line(
        run, 1,
        cat("error: the server's answer to GET /version is not a version (", row.why, "; "));
  }
}

// Members of the wrong type in objects a server returns: json::value() threw type_error 302/306,
// which main could only report as an internal error.
TEST_CASE("cli: objects of the wrong shape are never an internal error", "[cli][hardening]") {
  REQUIRE_STANDIN();
  const SeededStandin cluster(read_bytes(cli_seed("shop-fruits.yaml")), "shop");
  cluster.api->inject_answer(
      "/deployments/coredns$",
      R"({"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"coredns",)"
      R"("namespace":"kube-system"},"spec":{"template":{"spec":{"containers":[5,{"name":7}],)"
      R"("volumes":[{"configMap":3}]}}}})");
  cluster.api->inject_answer("/servicesentries$", R"({"apiVersion":7,"kind":[],"items":[3]})");
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"version"}, std::vector<std::string>{"alias", "list", "-A"},
        std::vector<std::string>{"alias", "delete", "x.internal"},
        std::vector<std::string>{"corefile", "show"}}) {
    const ProcessResult run = cluster.run(args);
    INFO(args[0] << " " << args[1 % args.size()] << "\nstdout: " << run.out
                 << "\nstderr: " << run.err);
    CHECK(run.exit_code >= 0);  // not killed by a signal
    CHECK(run.err.find("internal error") == std::string::npos);
  }
}

TEST_CASE("cli: JSON nested deeper than 10,000 levels is refused before it is used",
          "[cli][hardening]") {
  REQUIRE_STANDIN();
  ApiServerOptions options;
  options.seed_files = {k_clusters + "kubeadm-istio-1.20.yaml"};
  const ApiServer api(options);
  const std::string kubeconfig = api.write_kubeconfig();
  const std::string deep = std::string(100'000, '[') + std::string(100'000, ']');
  api.inject_answer("/configmaps/coredns$", deep);
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"corefile", "patch", "--upstream", "10.96.0.60"},
        std::vector<std::string>{"corefile", "show"}}) {
    std::vector<std::string> argv{"--kubeconfig", kubeconfig};
    argv.insert(argv.end(), args.begin(), args.end());
    const ProcessResult run = run_meshdns(argv);
    INFO(args[1]);
    check_one_error_line(run, 1, "error: ");
    CHECK(run.err.find("nests deeper than 10000 levels") != std::string::npos);
  }
}

TEST_CASE("cli: alias list prints a tenant's control characters escaped", "[cli][hardening]") {
  REQUIRE_STANDIN();
  // A tenant's ServiceEntry, labelled as ours, whose alias annotation retitles the terminal and
  // clears the screen; another whose 60,000-character "token" annotation crashed -v 8's redactor.
  const std::string seed =
      read_bytes(cli_seed("shop-fruits.yaml")) +
      service_entry("evil", "    meshdns.io/alias: \"evil\\e]0;pwned\\a\\e[2J.internal\"\n") +
      service_entry("big", cat("    token: ", std::string(60'000, 'a'), "\n"));
  const SeededStandin cluster(seed, "shop");

  const ProcessResult table = cluster.run({"alias", "list", "-A"});
  INFO("stderr: " << table.err);
  CHECK(table.exit_code == 0);
  CHECK(table.out.find('\x1b') == std::string::npos);
  CHECK(table.out.find('\a') == std::string::npos);
  CHECK(table.out.find("evil^[]0;pwned^G^[[2J.internal") != std::string::npos);

  const ProcessResult logged = cluster.run({"alias", "list", "-A", "-v", "8"});
  CHECK(logged.exit_code == 0);
  CHECK(logged.err.find('\x1b') == std::string::npos);
  CHECK(logged.err.find("Response Body: ") != std::string::npos);
  CHECK(logged.err.find(std::string(2'000, 'a')) == std::string::npos);  // cut at -v 8
  // The same table; AGE may have ticked over between the two runs.
  const std::regex age(" +[0-9]+[smhd]\n");
  CHECK(std::regex_replace(logged.out, age, "\n") == std::regex_replace(table.out, age, "\n"));
}

TEST_CASE("cli: -v 6 masks a password in the server URL", "[cli][hardening]") {
  REQUIRE_STANDIN();
  ApiServerOptions options;
  options.plain_http = true;
  const ApiServer api(options);
  const std::string server =
      "http://alice:s3cr3t-pw@" + api.base_url().substr(std::string("http://").size());
  const ProcessResult run =
      run_meshdns({"--kubeconfig", "/dev/null", "--server", server, "version", "-v", "8"});
  INFO("stderr: " << run.err);
  CHECK(run.err.find("s3cr3t-pw") == std::string::npos);
  CHECK(run.err.find("http://alice:<masked>@127.0.0.1:") != std::string::npos);
}

}  // namespace meshdns::test
