// kubectl-meshdns as a kubectl user meets it: the real kubectl dispatches `kubectl meshdns` to the
// built plugin and completes it through kubectl_complete-meshdns (kubectl >= 1.26), flag values
// come from the CLI11 tree, namespaces, Services and aliases from the cluster (the stand-in), and
// an unreachable cluster costs no more than the completion timeout. Also: the install tree, the
// man page against --help, suggestions for mistyped words, and `version` against the stand-in.

#include "support/apiserver.hpp"
#include "support/process.hpp"
#include "support/skip.hpp"
#include "support/standin_cluster.hpp"
#include "support/temp_dir.hpp"

#include <meshdns/text.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace meshdns::test {
namespace {

// Where the build puts kubectl-meshdns and kubectl_complete-meshdns side by side.
const std::string k_bin_dir = build_under_test() + "/src";

// The pinned 1.32 client and the /usr/bin dispatcher, as test/apiserver runs them. No Debian
// package ships kubectl, so a missing one is skipped with a warning even in CI (as there).
const std::vector<std::string> k_kubectls = {"/usr/lib/google-cloud-sdk/bin/kubectl.1.32",
                                             "/usr/bin/kubectl"};

std::vector<std::string> installed_kubectls() {
  std::vector<std::string> found;
  for (const std::string& kubectl : k_kubectls) {
    if (std::filesystem::exists(kubectl)) {
      found.push_back(kubectl);
    }
  }
  return found;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    lines.push_back(line);
  }
  return lines;
}

// The candidate values of a completion answer (descriptions dropped), and its directive line.
std::vector<std::string> candidates(const std::string& out) {
  std::vector<std::string> values;
  for (const std::string& line : lines_of(out)) {
    if (!line.empty() && line[0] != ':') {
      values.push_back(line.substr(0, line.find('\t')));
    }
  }
  return values;
}

std::string directive(const std::string& out) {
  const std::vector<std::string> lines = lines_of(out);
  return lines.empty() ? std::string() : lines.back();
}

bool contains(const std::vector<std::string>& values, const std::string& value) {
  return std::find(values.begin(), values.end(), value) != values.end();
}

// A clean environment: PATH with the plugin folder first, a scratch HOME, the given kubeconfig.
ProcessOptions environment(const std::string& path_first, const std::string& home,
                           const std::string& kubeconfig) {
  ProcessOptions options;
  options.env = {{"PATH", cat(path_first, ":/usr/local/bin:/usr/bin:/bin")},
                 {"HOME", home},
                 {"KUBECONFIG", kubeconfig},
                 {"KUBERNETES_SERVICE_HOST", std::nullopt},
                 {"KUBERNETES_SERVICE_PORT", std::nullopt},
                 {"NO_COLOR", "1"}};
  options.time_limit = std::chrono::milliseconds(30'000);
  return options;
}

ProcessResult kubectl(const std::string& kubectl_path, const std::vector<std::string>& args,
                      const ProcessOptions& options) {
  std::vector<std::string> argv{kubectl_path};
  argv.insert(argv.end(), args.begin(), args.end());
  return run_process(argv, options);
}

// Every command path of the built binary, found the way a shell finds them: by completion.
void collect_commands(const std::string& path, std::vector<std::string>& out) {
  std::vector<std::string> args{"__complete"};
  for (std::string_view word : split(path, ' ')) {
    if (!word.empty()) {
      args.emplace_back(word);
    }
  }
  args.emplace_back("");
  for (const std::string& line : lines_of(run_meshdns(args).out)) {
    // Subcommands come with their summary; values (completion's bash, zsh, fish) without.
    const std::size_t tab = line.find('\t');
    if (tab == std::string::npos) {
      continue;
    }
    const std::string name = line.substr(0, tab);
    const std::string child = path.empty() ? name : cat(path, " ", name);
    out.push_back(child);
    collect_commands(child, out);
  }
}

// What roff shows for the escapes man_page.cpp writes.
std::string roff_unescape(const std::string& roff) {
  std::string out;
  for (std::size_t i = 0; i < roff.size(); ++i) {
    if (roff[i] == '\\' && i + 1 < roff.size()) {
      const char next = roff[i + 1];
      if (next == '-') {
        out += '-';
      } else if (next == 'e') {
        out += '\\';
      } else if (next != '&') {
        out += roff.substr(i, 2);
      }
      ++i;
    } else {
      out += roff[i];
    }
  }
  return out;
}

// Added to seeds/shop-fruits.yaml: a ServiceEntry this tool does not manage.
constexpr const char* k_cluster_seed = R"(apiVersion: networking.istio.io/v1beta1
kind: ServiceEntry
metadata: {name: not-managed, namespace: shop}
spec:
  hosts: [not-managed.internal]
  location: MESH_INTERNAL
  resolution: STATIC
)";

std::string deployment(const std::string& namespace_name, const std::string& name,
                       const std::string& container, const std::string& image) {
  return cat("apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: ", name,
             ", namespace: ", namespace_name, "}\nspec:\n  selector: {matchLabels: {app: ", name,
             "}}\n  template:\n    metadata: {labels: {app: ", name,
             "}}\n    spec:\n      containers: [{name: ", container, ", image: \"", image,
             "\"}]\n---\n");
}

}  // namespace

TEST_CASE("kubectl dispatches `kubectl meshdns` to the built plugin", "[cli][ecosystem]") {
  const std::vector<std::string> kubectls = installed_kubectls();
  if (kubectls.empty()) {
    WARN("SKIPPED: no kubectl at " << join(k_kubectls, " or "));
    return;
  }
  const TempDir home;
  for (const std::string& path : kubectls) {
    INFO(path);
    const auto help = kubectl(path, {"meshdns", "--help"},
                              environment(k_bin_dir, home.path().string(), home / "none"));
    INFO("stderr: " << help.err);
    CHECK(help.exit_code == 0);
    // The name users type, not the executable's.
    CHECK(starts_with(help.out, "Stable in-cluster DNS aliases for Istio services."));
    CHECK(help.out.find("Usage: kubectl meshdns [OPTIONS] SUBCOMMAND") != std::string::npos);

    const auto listed = kubectl(path, {"plugin", "list", "--name-only"},
                                environment(k_bin_dir, home.path().string(), home / "none"));
    CHECK(contains(lines_of(listed.out), "kubectl-meshdns"));
  }
}

TEST_CASE("kubectl completes the plugin through kubectl_complete-meshdns", "[cli][ecosystem]") {
  const std::vector<std::string> kubectls = installed_kubectls();
  if (kubectls.empty()) {
    WARN("SKIPPED: no kubectl at " << join(k_kubectls, " or "));
    return;
  }
  const TempDir home;
  const ProcessOptions options = environment(k_bin_dir, home.path().string(), home / "none");
  struct Row {
    std::vector<std::string> words;  // after `kubectl __complete meshdns`
    std::string expected;
  };
  std::vector<Row> rows = {
      {{"cor"}, "corefile"},
      {{"ver"}, "verify"},
      {{"verify", "-o", ""}, "junit"},
      {{"verify", "--out"}, "--output"},
      {{"corefile", "patch", "--kind", "istio"}, "istiocoredns"},
      {{"completion", ""}, "fish"},
      {{"-"}, "--namespace"},
      {{"al"}, "alias"},
  };
  for (const std::string& path : kubectls) {
    // Every row through the first kubectl; the dispatcher runs the same client code, so one
    // row shows it passes plugin completion on (each kubectl start costs ~0.5 s).
    const bool first = path == kubectls.front();
    for (const Row& row : rows) {
      if (!first && &row != &rows.back()) {
        continue;
      }
      std::vector<std::string> args{"__complete", "meshdns"};
      args.insert(args.end(), row.words.begin(), row.words.end());
      const auto run = kubectl(path, args, options);
      INFO(path << " __complete meshdns " << join(row.words, " ") << "\nstdout:\n" << run.out);
      CHECK(run.exit_code == 0);
      CHECK(contains(candidates(run.out), row.expected));
      CHECK(directive(run.out) == ":4");  // no file names after a command or a fixed value
    }
  }
}

TEST_CASE("__complete: commands, flags and flag values from the CLI11 tree", "[cli][ecosystem]") {
  struct Row {
    std::vector<std::string> words;
    std::vector<std::string> expected;  // exactly these candidates
    std::string directive;
  };
  const std::vector<Row> rows = {
      {{"corefile", "pa"}, {"patch"}, ":4"},
      {{"verify", "-o", ""}, {"text", "json", "junit"}, ":4"},
      {{"verify", "-oj"}, {}, ":4"},
      {{"verify", "--output=j"}, {"--output=json", "--output=junit"}, ":4"},
      {{"config", "--output", "t"}, {"text"}, ":4"},
      {{"version", "--cli"}, {"--client"}, ":4"},
      {{"version", "-o", "y"}, {"yaml"}, ":4"},
      {{"completion", ""}, {"bash", "zsh", "fish"}, ":4"},
      {{"completion", "bash", ""}, {}, ":4"},
      // File names for options that take a path (the shell completes them).
      {{"--kubeconfig", ""}, {}, ":0"},
      {{"corefile", "lint", "--file", ""}, {}, ":0"},
      // A flag given once is not offered again.
      {{"config", "-o", "json", "--out"}, {}, ":4"},
      // Nothing after a word the tree does not know.
      {{"nosuchcommand", ""}, {}, ":4"},
  };
  for (const Row& row : rows) {
    std::vector<std::string> args{"__complete"};
    args.insert(args.end(), row.words.begin(), row.words.end());
    const auto run = run_meshdns(args);
    INFO(join(args, " ") << "\nstdout:\n" << run.out);
    CHECK(run.exit_code == 0);
    CHECK(candidates(run.out) == row.expected);
    CHECK(directive(run.out) == row.directive);
    CHECK(run.err.empty());  // kubectl shows a plugin's stderr to the user
  }

  // Descriptions after a tab, one line each; __completeNoDesc drops them.
  const auto described = run_meshdns({"__complete", "compl"});
  CHECK(described.out ==
        "completion\tPrint the shell completion script for kubectl-meshdns (bash, zsh or fish)\n"
        ":4\n");
  const auto bare = run_meshdns({"__completeNoDesc", "compl"});
  CHECK(bare.out == "completion\n:4\n");

  // Every subcommand of a group.
  const auto corefile = run_meshdns({"__complete", "corefile", ""});
  for (const char* name : {"patch", "unpatch", "lint", "diff"}) {
    CHECK(contains(candidates(corefile.out), name));
  }
}

TEST_CASE("__complete: namespaces, Services and aliases from the cluster", "[cli][ecosystem]") {
  MESHDNS_SKIP_UNLESS(ApiServer::available(), "python3 with PyYAML or openssl is missing");
  const TempDir dir;
  ApiServerOptions server_options;
  server_options.seed_files = {cli_seed("shop-fruits.yaml"),
                               dir.write("seed.yaml", k_cluster_seed)};
  const ApiServer api(server_options);
  const std::string kubeconfig = api.write_kubeconfig(KubeconfigAuth::token, "shop");
  const ProcessOptions options = environment(k_bin_dir, dir.path().string(), kubeconfig);

  const auto namespaces = run_meshdns({"__complete", "-n", ""}, options);
  CHECK(candidates(namespaces.out) == std::vector<std::string>{"default", "kube-node-lease",
                                                               "kube-public", "kube-system",
                                                               "shop"});
  CHECK(directive(namespaces.out) == ":4");
  const auto prefixed = run_meshdns({"__complete", "verify", "--namespace", "kube-s"}, options);
  CHECK(candidates(prefixed.out) == std::vector<std::string>{"kube-system"});

  // verify's names: the managed aliases of the namespace (-n, else the context's), or of all.
  const auto aliases = run_meshdns({"__complete", "verify", ""}, options);
  CHECK(aliases.out == "my-fruits.internal\tServiceEntry shop/my-fruits-internal\n:4\n");
  const auto elsewhere = run_meshdns({"__complete", "-n", "default", "verify", ""}, options);
  CHECK(elsewhere.out == ":4\n");
  const auto all = run_meshdns({"__complete", "-n", "default", "verify", "-A", "my"}, options);
  CHECK(candidates(all.out) == std::vector<std::string>{"my-fruits.internal"});

  const auto services = run_meshdns({"__complete", "alias", "fr"}, options);
  CHECK(services.out == "fruits-api-service\tService, 10.96.0.50\n:4\n");

  // Through kubectl too: it passes the words and the environment on.
  for (const std::string& path : installed_kubectls()) {
    const auto run = kubectl(path, {"__complete", "meshdns", "-n", "sh"}, options);
    INFO(path << "\n" << run.out << run.err);
    CHECK(candidates(run.out) == std::vector<std::string>{"shop"});
  }
}

TEST_CASE("__complete: an unreachable cluster completes nothing, within the timeout",
          "[cli][ecosystem]") {
  MESHDNS_SKIP_UNLESS(ApiServer::available(), "python3 with PyYAML or openssl is missing");
  const TempDir dir;
  const ApiServer api;
  const std::string kubeconfig = api.write_kubeconfig();
  // Every request now takes 20 s: the 1 s completion timeout must give up long before the time
  // limit (an upper bound, not a timing measurement).
  api.set_latency(std::chrono::milliseconds(20'000));
  ProcessOptions options = environment(k_bin_dir, dir.path().string(), kubeconfig);
  options.time_limit = std::chrono::milliseconds(8'000);
  for (const std::vector<std::string>& words :
       {std::vector<std::string>{"__complete", "-n", ""},
        std::vector<std::string>{"__complete", "verify", ""}}) {
    const auto slow = run_meshdns(words, options);
    INFO(join(words, " "));
    CHECK_FALSE(slow.timed_out);
    CHECK(slow.out == ":4\n");
    CHECK(slow.err.empty());
  }
  api.set_latency(std::chrono::milliseconds(0));

  // Nothing listening, and no kubeconfig at all: the same empty answer.
  const std::string refused =
      dir.write("refused.yaml",
                "apiVersion: v1\nkind: Config\nclusters: [{name: c, cluster: {server: "
                "'https://127.0.0.1:1'}}]\ncontexts: [{name: c, context: {cluster: c}}]\n"
                "current-context: c\n");
  for (const std::string& config : {refused, dir / "missing.yaml"}) {
    const auto run =
        run_meshdns({"__complete", "-n", ""}, environment(k_bin_dir, dir.path().string(), config));
    CHECK(run.out == ":4\n");
    CHECK(run.err.empty());
  }
}

TEST_CASE("completion SHELL prints scripts that call __complete", "[cli][ecosystem]") {
  for (const std::string shell : {"bash", "zsh", "fish"}) {
    INFO(shell);
    const auto run = run_meshdns({"completion", shell});
    CHECK(run.exit_code == 0);
    CHECK(run.out.find("__complete") != std::string::npos);
    CHECK(run.out.find("kubectl-meshdns") != std::string::npos);
  }
  // zsh and fish are test dependencies (test/install-deps): CI must have them.
  const TempDir scripts;
  for (const std::string shell : {"zsh", "fish"}) {
    const std::string program = find_program(shell);
    MESHDNS_SKIP_UNLESS(!program.empty(), cat(shell, " is not installed (test/install-deps)"));
    const std::string script =
        scripts.write(cat("completion.", shell), run_meshdns({"completion", shell}).out);
    const auto check = run_process({program, "-n", script});
    INFO(shell << ": " << check.err);
    CHECK(check.exit_code == 0);
  }
  if (const std::string fish = find_program("fish"); !fish.empty()) {
    const auto run = run_process(
        {fish, "--no-config", "-c",
         cat("source ", scripts / "completion.fish",
             "; complete -C 'kubectl-meshdns verify -o '; complete -C 'kubectl-meshdns compl'")},
        environment(k_bin_dir, scripts.path().string(), scripts / "none"));
    CHECK(run.out ==
          "json\njunit\ntext\ncompletion\tPrint the shell completion script for "
          "kubectl-meshdns (bash, zsh or fish)\n");
  }

  const std::string bash = find_program("bash");
  MESHDNS_SKIP_UNLESS(!bash.empty(), "bash is missing");
  // The bash script, loaded into a real bash, completes a command line by itself.
  const TempDir dir;
  const std::string script = dir.write("completion.bash", run_meshdns({"completion", "bash"}).out);
  const std::string driver =
      cat("source '", script,
          "'\n"
          "COMP_LINE='kubectl-meshdns verify --output=j'; COMP_POINT=${#COMP_LINE}\n"
          "__kubectl_meshdns_complete; printf '%s\\n' \"${COMPREPLY[@]}\"\n"
          "COMP_LINE='kubectl-meshdns completion '; COMP_POINT=${#COMP_LINE}\n"
          "__kubectl_meshdns_complete; printf '%s\\n' \"${COMPREPLY[@]}\"\n");
  const auto run =
      run_process({bash, "-c", driver}, environment(k_bin_dir, dir.path().string(), dir / "none"));
  INFO(run.err);
  CHECK(run.out == "json\njunit\nbash\nzsh\nfish\n");
}

TEST_CASE("cmake --install lays out binary, kubectl completion, scripts and man page",
          "[cli][ecosystem]") {
  const std::string cmake = find_program("cmake");
  MESHDNS_SKIP_UNLESS(!cmake.empty(), "cmake is missing");
  const TempDir prefix;
  const auto install =
      run_process({cmake, "--install", build_under_test(), "--prefix", prefix.path().string()});
  INFO(install.out << install.err);
  REQUIRE(install.exit_code == 0);
  const std::vector<std::string> files = {
      "bin/kubectl-meshdns",
      "bin/kubectl_complete-meshdns",
      "share/bash-completion/completions/kubectl-meshdns",
      "share/zsh/site-functions/_kubectl-meshdns",
      "share/fish/vendor_completions.d/kubectl-meshdns.fish",
      "share/man/man1/kubectl-meshdns.1",
  };
  for (const std::string& file : files) {
    INFO(file);
    CHECK(std::filesystem::is_regular_file(prefix / file));
  }
  for (const std::string program : {"bin/kubectl-meshdns", "bin/kubectl_complete-meshdns"}) {
    struct stat info {};
    REQUIRE(::stat((prefix / program).c_str(), &info) == 0);
    CHECK((info.st_mode & S_IXUSR) != 0);
  }
  CHECK(read_file(prefix / "share/bash-completion/completions/kubectl-meshdns") ==
        run_meshdns({"completion", "bash"}).out);

  // The installed pair answers kubectl by itself (the completer runs the kubectl-meshdns beside
  // it).
  const auto answer =
      run_process({prefix / "bin/kubectl_complete-meshdns", "cor"},
                  environment("/nonexistent", prefix.path().string(), prefix / "none"));
  CHECK(answer.out == run_meshdns({"__complete", "cor"}).out);
  for (const std::string& path : installed_kubectls()) {
    const auto run = kubectl(path, {"__complete", "meshdns", "ver"},
                             environment(prefix / "bin", prefix.path().string(), prefix / "none"));
    CHECK(contains(candidates(run.out), "version"));
  }
}

TEST_CASE("the man page is the --help of every command", "[cli][ecosystem]") {
  const std::string built = read_file(build_under_test() + "/docs/kubectl-meshdns.1");
  REQUIRE_FALSE(built.empty());
  // Built from the current binary: regenerating gives the same bytes.
  CHECK(built == run_meshdns({"__man"}).out);
  CHECK(starts_with(lines_of(built).at(2), ".TH KUBECTL\\-MESHDNS 1"));

  const std::string shown = roff_unescape(built);
  CHECK(shown.find(run_meshdns({"--help"}).out) != std::string::npos);
  std::vector<std::string> commands;
  collect_commands("", commands);
  REQUIRE(commands.size() >= 5);
  for (const std::string& command : commands) {
    INFO(command);
    CHECK(shown.find(cat(".SS \"kubectl meshdns ", command, "\"\n")) != std::string::npos);
    std::vector<std::string> args;
    for (std::string_view word : split(command, ' ')) {
      args.emplace_back(word);
    }
    args.emplace_back("--help");
    const auto help = run_meshdns(args);
    REQUIRE(help.exit_code == 0);
    CHECK(shown.find(help.out) != std::string::npos);
  }
}

TEST_CASE("every command has a one-line summary and --help", "[cli][ecosystem]") {
  // The command list from the man page's sections (written by walking the CLI11 tree), so a
  // command without a summary, which completion would list without one, is still found.
  std::vector<std::string> commands;
  for (const std::string& line : lines_of(roff_unescape(run_meshdns({"__man"}).out))) {
    if (starts_with(line, ".SS \"kubectl meshdns ")) {
      commands.push_back(line.substr(21, line.size() - 22));
    }
  }
  REQUIRE(commands.size() >= 5);
  for (const std::string& command : commands) {
    INFO(command);
    std::vector<std::string> args;
    for (std::string_view word : split(command, ' ')) {
      args.emplace_back(word);
    }
    args.emplace_back("--help");
    const auto help = run_meshdns(args);
    CHECK(help.exit_code == 0);
    // CLI11 starts with the description; without one the help starts at "Usage:".
    CHECK_FALSE(starts_with(help.out, "Usage:"));
    CHECK(help.out.find(cat("Usage: kubectl meshdns ", command)) != std::string::npos);
  }
  for (const std::string command : {"version", "completion", "verify", "config"}) {
    const auto help = run_meshdns({command, "--help"});
    INFO(command);
    CHECK(help.out.find("Examples:\n  ") != std::string::npos);
  }
}

TEST_CASE("mistyped commands, flags and values name the closest match", "[cli][ecosystem]") {
  struct Row {
    std::vector<std::string> args;
    std::string err;
  };
  const std::vector<Row> rows = {
      {{"corefle", "lint"},
       "error: unknown command \"corefle\" for \"kubectl meshdns\" (did you mean "
       "\"corefile\"?; see 'kubectl meshdns --help')\n"},
      {{"verfy"},
       "error: unknown command \"verfy\" for \"kubectl meshdns\" (did you mean \"verify\"?; see "
       "'kubectl meshdns --help')\n"},
      {{"corefile", "pach", "--file", "Corefile"},
       "error: unknown command \"pach\" for \"kubectl meshdns corefile\" (did you mean "
       "\"patch\"?; see 'kubectl meshdns corefile --help')\n"},
      {{"verify", "--outptu", "json"},
       "error: unknown flag: --outptu (did you mean --output?; see 'kubectl meshdns verify "
       "--help')\n"},
      {{"--kubeconfg", "x", "config"},
       "error: unknown flag: --kubeconfg (did you mean --kubeconfig?; see 'kubectl meshdns "
       "--help')\n"},
      {{"version", "-o", "yamll"},
       "error: invalid value \"yamll\" for --output (did you mean \"yaml\"?; see 'kubectl "
       "meshdns version --help')\n"},
      {{"config", "--zzz"},
       "error: unknown flag: --zzz (kubectl meshdns config has no such flag; see 'kubectl "
       "meshdns config --help')\n"},
  };
  for (const Row& row : rows) {
    INFO(join(row.args, " "));
    const auto run = run_meshdns(row.args);
    CHECK(run.exit_code == 2);
    CHECK(run.out.empty());
    CHECK(run.err == row.err);
  }
  // Nothing close: the commands there are.
  const auto far = run_meshdns({"xyzzy"});
  CHECK(far.exit_code == 2);
  CHECK(starts_with(far.err,
                    "error: unknown command \"xyzzy\" for \"kubectl meshdns\" (the "
                    "commands are "));
  for (const char* name : {"corefile", "verify", "config", "version", "completion"}) {
    CHECK(far.err.find(name) != std::string::npos);
  }
}

TEST_CASE("version: plugin, cluster components and the auto backend", "[cli][ecosystem]") {
  const auto client =
      run_meshdns({"version", "--client"}, environment(k_bin_dir, "/nonexistent", "/nonexistent"));
  CHECK(client.exit_code == 0);
  CHECK(starts_with(client.out, "Plugin Version: 0.1.0\nGit Commit: "));
  CHECK(lines_of(client.out).size() == 2);
  CHECK(run_meshdns({"--version"}).out.find("kubectl-meshdns 0.1.0") != std::string::npos);

  MESHDNS_SKIP_UNLESS(ApiServer::available(), "python3 with PyYAML or openssl is missing");
  struct Row {
    std::string name;
    std::string seed;
    std::string expected;  // the lines after Git Commit
    std::vector<std::string> standin_args;
  };
  const std::string istio_ns =
      "apiVersion: v1\nkind: Namespace\nmetadata: {name: istio-system}\n---\n";
  const std::vector<Row> rows = {
      {"Istio 1.3 with istiocoredns",
       cat(istio_ns,
           deployment("kube-system", "coredns", "coredns", "registry.k8s.io/coredns:1.6.2"),
           deployment("istio-system", "istiocoredns", "coredns", "coredns/coredns:1.1.2"),
           deployment("istio-system", "istio-pilot", "discovery", "docker.io/istio/pilot:1.3.8"),
           "apiVersion: v1\nkind: Service\nmetadata: {name: istiocoredns, namespace: "
           "istio-system}\nspec: {ports: [{name: dns, port: 53, protocol: UDP}]}\n"),
       "Kubernetes Version: v1.32.5\n"
       "CoreDNS Version (kube-dns): 1.6.2\n"
       "CoreDNS Version (istiocoredns): 1.1.2\n"
       "Istio Version: 1.3.8\n"
       "Backend (auto): istiocoredns (Deployment istio-system/istiocoredns exists)\n",
       {}},
      {"Istio 1.20 with DNS capture",
       cat(istio_ns,
           deployment("kube-system", "coredns", "coredns",
                      "registry.k8s.io/coredns/coredns:v1.11.1"),
           deployment("istio-system", "istiod", "discovery", "docker.io/istio/pilot:1.20.3"),
           "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: istio, namespace: istio-system}\n"
           "data:\n  mesh: |\n    defaultConfig:\n      proxyMetadata:\n"
           "        ISTIO_META_DNS_CAPTURE: \"true\"\n"),
       "Kubernetes Version: v1.32.5\n"
       "CoreDNS Version (kube-dns): 1.11.1\n"
       "CoreDNS Version (istiocoredns): no Deployment istio-system/istiocoredns\n"
       "Istio Version: 1.20.3\n"
       "Backend (auto): dns-proxy (no Deployment istio-system/istiocoredns; the mesh config "
       "(ConfigMap istio-system/istio) sets ISTIO_META_DNS_CAPTURE=true mesh-wide: ServiceEntry "
       "only)\n",
       {}},
      {"no Istio",
       deployment("kube-system", "coredns", "coredns",
                  "registry.k8s.io/coredns/coredns@sha256:"
                  "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"),
       "Kubernetes Version: v1.32.5\n"
       "CoreDNS Version (kube-dns): unknown (image registry.k8s.io/coredns/coredns@sha256:"
       "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef)\n"
       "CoreDNS Version (istiocoredns): no Deployment istio-system/istiocoredns\n"
       "Istio Version: no Deployment istio-system/istiod\n"
       "Backend (auto): coredns (no Deployment istio-system/istiocoredns; networking.istio.io is "
       "not served: rewrite only, no ServiceEntry)\n",
       {"--without-group", "networking.istio.io"}},
  };
  for (const Row& row : rows) {
    INFO(row.name);
    const TempDir dir;
    ApiServerOptions server_options;
    server_options.seed_files = {dir.write("seed.yaml", row.seed)};
    server_options.extra_args = row.standin_args;
    const ApiServer api(server_options);
    const ProcessOptions options =
        environment(k_bin_dir, dir.path().string(), api.write_kubeconfig());
    const auto run = run_meshdns({"version"}, options);
    INFO("stderr: " << run.err);
    CHECK(run.exit_code == 0);
    const std::vector<std::string> lines = lines_of(run.out);
    REQUIRE(lines.size() == 7);
    std::string after_commit;
    for (std::size_t i = 2; i < lines.size(); ++i) {
      after_commit += cat(lines[i], "\n");
    }
    CHECK(after_commit == row.expected);

    const auto json = run_meshdns({"version", "-o", "json"}, options);
    const nlohmann::json parsed = nlohmann::json::parse(json.out);
    CHECK(parsed.at("clientVersion").at("version") == "0.1.0");
    CHECK(parsed.at("cluster").at("kubernetesVersion") == "v1.32.5");
    CHECK(parsed.at("cluster").at("autoBackend").at("backend") ==
          lines[6].substr(16, lines[6].find(' ', 16) - 16));
  }

  // Unreachable: the plugin's part still printed, then one error line, exit 1.
  const TempDir dir;
  const std::string refused =
      dir.write("refused.yaml",
                "apiVersion: v1\nkind: Config\nclusters: [{name: c, cluster: {server: "
                "'https://127.0.0.1:1'}}]\ncontexts: [{name: c, context: {cluster: c}}]\n"
                "current-context: c\n");
  const auto down = run_meshdns({"version"}, environment(k_bin_dir, dir.path().string(), refused));
  CHECK(down.exit_code == 1);
  CHECK(starts_with(down.out, "Plugin Version: 0.1.0\n"));
  CHECK(lines_of(down.out).size() == 2);
  CHECK(starts_with(down.err, "error: "));
  CHECK(lines_of(down.err).size() == 1);
}

}  // namespace meshdns::test
