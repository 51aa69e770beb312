// End-to-end tests of `kubectl-meshdns config`, and the differential test against the real kubectl:
// for each kubeconfig fixture (test/kube/fixtures/kubeconfig/) and set of flags, what we resolve
// must be what `kubectl config view --minify --raw -o json` selects, run with the same environment.

#include "support/process.hpp"
#include "support/skip.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <stdlib.h>

#include <algorithm>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace meshdns::test {
namespace {

const std::string k_fixtures = MESHDNS_SOURCE_DIR "/test/kube/fixtures/kubeconfig";

std::string fixture(const std::string& name) {
  return k_fixtures + "/" + name;
}

// "base.yaml:second.yaml" -> absolute paths; "missing.yaml" stays a path that does not exist.
std::string kubeconfig_list(const std::string& names) {
  std::string out;
  std::size_t start = 0;
  while (start <= names.size()) {
    const std::size_t colon = std::min(names.find(':', start), names.size());
    if (!out.empty()) {
      out += ':';
    }
    out += fixture(names.substr(start, colon - start));
    start = colon + 1;
  }
  return out;
}

std::string real_kubectl() {
  const std::string pinned = "/usr/lib/google-cloud-sdk/bin/kubectl.1.32";
  return std::filesystem::exists(pinned) ? pinned : find_program("kubectl");
}

// A clean HOME and working directory, so nothing of the machine's own kubeconfig leaks in.
struct Sandbox {
  std::string home;
  Sandbox() {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "meshdns-config-XXXXXX").string();
    home = ::mkdtemp(pattern.data()) != nullptr ? pattern : std::string("/nonexistent");
  }
  ~Sandbox() {
    std::error_code ignored;
    std::filesystem::remove_all(home, ignored);
  }
  ProcessOptions options(const std::string& kubeconfig) const {
    ProcessOptions options;
    options.env = {
        {"HOME", home},
        {"KUBECONFIG", kubeconfig.empty() ? std::nullopt : std::optional<std::string>(kubeconfig)},
        {"KUBERNETES_SERVICE_HOST", std::nullopt},
        {"KUBERNETES_SERVICE_PORT", std::nullopt},
        {"KUBERNETES_MASTER", std::nullopt},
        {"POD_NAMESPACE", std::nullopt}};
    options.working_directory = home;
    options.time_limit = std::chrono::milliseconds(20'000);
    return options;
  }
};

std::string flag_value(const std::vector<std::string>& flags, const std::string& name) {
  for (std::size_t i = 0; i + 1 < flags.size(); ++i) {
    if (flags[i] == name) {
      return flags[i + 1];
    }
  }
  return {};
}

// What kubectl selects: the context from --minify (which honours --context and --kubeconfig), the
// cluster and user it names unless --cluster/--user replace them, the server of that cluster from
// the full merged view, and the namespace -n, else the context's, else "default".
nlohmann::json kubectl_resolution(const std::string& kubectl, const std::vector<std::string>& flags,
                                  const ProcessOptions& options) {
  std::vector<std::string> view_flags;
  for (const char* name : {"--context", "--kubeconfig"}) {
    if (const std::string value = flag_value(flags, name); !value.empty()) {
      view_flags.insert(view_flags.end(), {name, value});
    }
  }
  std::vector<std::string> minify = {kubectl, "config", "view", "--minify", "--raw", "-o", "json"};
  minify.insert(minify.end(), view_flags.begin(), view_flags.end());
  const ProcessResult minified = run_process(minify, options);
  if (minified.exit_code != 0) {
    return {{"error", minified.err}};
  }
  std::vector<std::string> full_view = {kubectl, "config", "view", "--raw", "-o", "json"};
  full_view.insert(full_view.end(), view_flags.begin(), view_flags.end());
  const ProcessResult full = run_process(full_view, options);
  const auto selected = nlohmann::json::parse(minified.out);
  const auto merged = nlohmann::json::parse(full.out);

  const auto& context = selected.at("contexts").at(0);
  std::string cluster = flag_value(flags, "--cluster");
  if (cluster.empty()) {
    cluster = context.at("context").value("cluster", "");
  }
  std::string user = flag_value(flags, "--user");
  if (user.empty()) {
    user = context.at("context").value("user", "");
  }
  std::string server;
  for (const auto& entry : merged.value("clusters", nlohmann::json::array())) {
    if (entry.at("name") == cluster) {
      server = entry.at("cluster").value("server", "");
    }
  }
  std::string namespace_name = flag_value(flags, "-n");
  if (namespace_name.empty()) {
    namespace_name = context.at("context").value("namespace", "default");
  }
  return {{"context", context.at("name")},
          {"cluster", cluster},
          {"server", server},
          {"namespace", namespace_name},
          {"user", user}};
}

TEST_CASE("cli::config matches kubectl", "[cli][config][kubectl]") {
  const std::string kubectl = real_kubectl();
  MESHDNS_SKIP_UNLESS(!kubectl.empty(), "kubectl (/usr/lib/google-cloud-sdk/bin/kubectl.1.32)");
  struct Row {
    std::string name;
    std::string kubeconfig;  // KUBECONFIG, fixture names joined by ':'
    std::vector<std::string> flags;
    std::string auth_method;  // ours only: kubectl does not print it; "" for an expected error
  };
  const Row rows[] = {
      {"one file", "base.yaml", {}, "token"},
      {"merge: first file wins entries and current-context", "base.yaml:second.yaml", {}, "token"},
      {"merge reversed", "second.yaml:base.yaml", {}, "token"},
      {"conflicting context: the first file's alpha",
       "second.yaml:base.yaml",
       {"--context", "alpha"},
       "token"},
      {"--context picks from a later file",
       "base.yaml:second.yaml",
       {"--context", "beta"},
       "token"},
      {"-n overrides the context's namespace", "base.yaml", {"-n", "elsewhere"}, "token"},
      {"--cluster and --user override the context",
       "base.yaml:second.yaml",
       {"--cluster", "beta", "--user", "beta-user"},
       "token"},
      {"missing files in the list are skipped",
       "missing.yaml:base.yaml:also-missing.yaml",
       {},
       "token"},
      {"duplicates in the list", "second.yaml:base.yaml:second.yaml", {}, "token"},
      {"--kubeconfig beats KUBECONFIG",
       "second.yaml",
       {"--kubeconfig", fixture("base.yaml")},
       "token"},
      {"relative certificate paths", "relative/config", {}, "clientCertificate"},
      {"no current-context, --context given", "no-current.yaml", {"--context", "gamma"}, "token"},
      {"context without namespace", "second.yaml", {"--context", "beta"}, "token"},
      {"data fields", "data.yaml", {}, "clientCertificate"},
      {"exec plugin", "exec.yaml", {}, "exec"},
      {"token file", "token-file.yaml", {}, "tokenFile"},
      {"missing context", "base.yaml", {"--context", "nope"}, ""},
      {"dangling current-context", "dangling.yaml", {}, ""},
      {"no current-context", "no-current.yaml", {}, ""},
  };
  const Sandbox sandbox;
  for (const Row& row : rows) {
    INFO(row.name);
    const ProcessOptions options = sandbox.options(kubeconfig_list(row.kubeconfig));
    std::vector<std::string> args = row.flags;
    args.insert(args.begin(), {"config", "-o", "json"});
    const ProcessResult ours = run_meshdns(args, options);
    const nlohmann::json theirs = kubectl_resolution(kubectl, row.flags, options);
    INFO("ours: " << ours.out << ours.err << "\nkubectl: " << theirs.dump());
    if (row.auth_method.empty()) {
      CHECK(theirs.contains("error"));
      CHECK(ours.exit_code == 2);
      CHECK(ours.out.empty());
      CHECK(ours.err.rfind("error: ", 0) == 0);
      const std::string context = flag_value(row.flags, "--context");
      if (!context.empty()) {  // the same key words as kubectl's "cannot locate context nope"
        CHECK(ours.err.find("context") != std::string::npos);
        CHECK(ours.err.find(context) != std::string::npos);
        CHECK(theirs.at("error").get<std::string>().find(context) != std::string::npos);
      }
      continue;
    }
    REQUIRE(ours.exit_code == 0);
    REQUIRE_FALSE(theirs.contains("error"));
    const auto resolved = nlohmann::json::parse(ours.out);
    for (const char* key : {"context", "cluster", "server", "namespace", "user"}) {
      INFO(key);
      CHECK(resolved.at(key) == theirs.at(key));
    }
    CHECK(resolved.at("authMethod") == row.auth_method);
  }
}

TEST_CASE("cli::config output", "[cli][config]") {
  const Sandbox sandbox;
  const ProcessOptions options = sandbox.options(kubeconfig_list("base.yaml"));

  const ProcessResult json = run_meshdns({"config", "-o", "json"}, options);
  REQUIRE(json.exit_code == 0);
  const auto document = nlohmann::ordered_json::parse(json.out);
  std::vector<std::string> keys;
  for (const auto& [key, value] : document.items()) {
    keys.push_back(key);
  }
  CHECK(keys == std::vector<std::string>{"context", "cluster", "server", "namespace", "user",
                                         "authMethod"});

  const ProcessResult text = run_meshdns({"config"}, options);
  REQUIRE(text.exit_code == 0);
  CHECK(text.out ==
        "context:    alpha\n"
        "cluster:    alpha\n"
        "server:     https://alpha.example:6443\n"
        "namespace:  team-a\n"
        "user:       alpha-user\n"
        "authMethod: token\n");

  // The secret never reaches the output, whatever the flags.
  const ProcessResult with_token =
      run_meshdns({"config", "--token", "flag-secret", "-v", "9"}, options);
  CHECK(with_token.exit_code == 0);
  for (const char* secret : {"alpha-secret-token", "flag-secret"}) {
    CHECK(with_token.out.find(secret) == std::string::npos);
    CHECK(with_token.err.find(secret) == std::string::npos);
  }
}

TEST_CASE("cli::config errors", "[cli][config]") {
  const Sandbox sandbox;
  struct Row {
    std::string name;
    std::string kubeconfig;
    std::vector<std::string> args;
    std::string first_line;  // the start of stderr
  };
  const Row rows[] = {
      {"missing context",
       "base.yaml",
       {"config", "--context", "nope"},
       "error: context was not found for specified context: nope ("},
      {"missing --kubeconfig",
       "",
       {"config", "--kubeconfig", "/nonexistent/config"},
       "error: stat /nonexistent/config: no such file or directory ("},
      {"nothing configured",
       "",
       {"config"},
       "error: invalid configuration: no configuration has been provided, try setting "
       "KUBERNETES_MASTER environment variable ("},
      {"bad timeout",
       "base.yaml",
       {"config", "--request-timeout", "soon"},
       "error: Invalid timeout value."},
      {"bad output", "base.yaml", {"config", "-o", "yaml"}, "error: "},
  };
  for (const Row& row : rows) {
    INFO(row.name);
    const ProcessResult run = run_meshdns(
        row.args, sandbox.options(row.kubeconfig.empty() ? "" : kubeconfig_list(row.kubeconfig)));
    INFO(run.err);
    CHECK(run.exit_code == 2);
    CHECK(run.out.empty());
    CHECK(run.err.rfind(row.first_line, 0) == 0);
    CHECK(std::count(run.err.begin(), run.err.end(), '\n') == 1);  // one line
  }
}

}  // namespace
}  // namespace meshdns::test
