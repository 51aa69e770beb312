// End-to-end tests of `kubectl-meshdns corefile ... --file`: exit codes, the stdout/stderr split,
// --in-place, and the committed examples in examples/corefiles/.

#include "support/files.hpp"
#include "support/process.hpp"
#include "support/temp_dir.hpp"

#include <meshdns/text.hpp>

#include <catch2/catch.hpp>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

namespace meshdns {
namespace {

namespace fs = std::filesystem;
using test::ProcessResult;
using test::read_bytes;
using test::run_meshdns;

constexpr const char* k_kube_dns =
    ".:53 {\n"
    "    errors\n"
    "    kubernetes cluster.local in-addr.arpa ip6.arpa\n"
    "    forward . /etc/resolv.conf\n"
    "    cache 30\n"
    "}\n";

constexpr const char* k_unbalanced = ".:53 {\n    errors\n    forward . /etc/resolv.conf\n";

struct stat stat_of(const fs::path& path) {
  struct stat info {};
  REQUIRE(::stat(path.c_str(), &info) == 0);
  return info;
}

std::vector<std::string> words(const std::string& text) {
  std::istringstream in(text);
  return {std::istream_iterator<std::string>(in), std::istream_iterator<std::string>()};
}

ProcessResult corefile(const std::string& action, const fs::path& file, const std::string& flags) {
  std::vector<std::string> args{"corefile", action, "--file", file.string()};
  for (std::string& word : words(flags)) {
    args.push_back(std::move(word));
  }
  return run_meshdns(args);
}

// SPEC §4: one line on stderr, nothing on stdout.
void check_one_line_error(const ProcessResult& run, int exit_code, const std::string& says) {
  INFO("stderr: " << run.err);
  CHECK(run.exit_code == exit_code);
  CHECK(run.out.empty());
  CHECK(run.err.rfind("error: ", 0) == 0);
  CHECK(std::count(run.err.begin(), run.err.end(), '\n') == 1);
  CHECK(run.err.find(says) != std::string::npos);
}

TEST_CASE("cli::corefile usage errors", "[cli][corefile]") {
  const test::TempDir folder;
  const fs::path file = folder.write("Corefile", k_kube_dns);
  const std::string path = file.string();
  struct Row {
    std::vector<std::string> args;
    std::string says;
  };
  const Row rows[] = {
      {{"corefile", "patch", "--kind", "istiocoredns"},
       "error: corefile patch: --kind works only with --file"},
      {{"corefile", "patch", "--file", path, "--coredns-version", "1.6.2", "--upstream",
        "10.96.0.60", "--dry-run=server"},
       "error: corefile patch: --dry-run works only on the cluster, not with --file"},
      {{"corefile", "patch", "--from-manifests", path, "--dry-run=client"},
       "--dry-run works only against the cluster; --from-manifests never writes"},
      {{"corefile", "patch", "--dry-run=maybe"}, "--dry-run"},
      {{"corefile", "status", "-o", "yaml"}, "-o"},
      {{"corefile", "patch", "--file", path, "--upstream", "10.96.0.60"}, "--coredns-version"},
      {{"corefile", "patch", "--file", path, "--coredns-version", "1.6.2"}, "needs --upstream"},
      {{"corefile", "diff", "--file", path, "--coredns-version", "1.6.2"}, "needs --upstream"},
      {{"corefile", "patch", "--file", path, "--coredns-version", "latest", "--upstream",
        "10.96.0.60"},
       "invalid --coredns-version \"latest\""},
      {{"corefile", "patch", "--file", path, "--coredns-version", "coredns/coredns@sha256:0123",
        "--upstream", "10.96.0.60"},
       "a digest names no release: pass the release that image holds"},
      {{"corefile", "patch", "--file", path, "--coredns-version", "1.6.2", "--upstream",
        "10.96.0.60", "--zone", "bad..zone"},
       "invalid zone \"bad..zone\""},
      {{"corefile", "patch", "--file", path, "--coredns-version", "1.6.2", "--upstream",
        "10.96.0.60", "--zone", "svc.cluster.local"},
       "refusing zone \"svc.cluster.local\" (it is inside the cluster domain cluster.local"},
      {{"corefile", "patch", "--file", path, "--coredns-version", "1.6.2", "--upstream",
        "10.96.0.60", "--zone", "in-addr.arpa"},
       "refusing zone \"in-addr.arpa\" (it is a reverse zone"},
      {{"corefile", "patch", "--file", path, "--coredns-version", "1.6.2", "--upstream",
        "10.96.0.60", "--zone", "com"},
       "refusing zone \"com\" (it is on the Public Suffix List"},
      {{"corefile", "unpatch", "--file", path, "--coredns-version", "1.6.2", "--zone", "co.uk"},
       "refusing zone \"co.uk\""},
      {{"corefile", "patch", "--file", path, "--coredns-version", "1.6.2", "--upstream",
        "istiocoredns.istio-system"},
       "invalid --upstream"},
      {{"corefile", "patch", "--file", path, "--coredns-version", "1.6.2", "--upstream",
        "10.96.0.60:99999"},
       "invalid --upstream"},
      {{"corefile", "patch", "--file", path, "--coredns-version", "1.6.2", "--kind", "dns"},
       "--kind"},
      {{"corefile", "lint", "--file", (fs::path(path).parent_path() / "missing").string(),
        "--coredns-version", "1.6.2"},
       "No such file or directory"},
      {{"corefile"}, "needs a command"},
  };
  for (const Row& row : rows) {
    INFO(join(row.args, " "));
    check_one_line_error(run_meshdns(row.args), 2, row.says);
  }
  CHECK(read_bytes(file) == k_kube_dns);
}

TEST_CASE("cli::corefile never edits the user's lines for the zone", "[cli][corefile]") {
  // A hand-written Corefile: the catch-all also serves internal, and its forward is the
  // cluster's only upstream; patch used to point it at istiocoredns.
  const std::string multi_key =
      ".:53 internal:53 {\n    errors\n    kubernetes cluster.local in-addr.arpa ip6.arpa\n    "
      "forward . /etc/resolv.conf\n}\n";
  const test::TempDir folder;
  const fs::path file = folder.write("Corefile", multi_key);
  const ProcessResult refused =
      corefile("patch", file, "--coredns-version 1.6.2 --upstream 10.96.0.60 --in-place");
  check_one_line_error(refused, 1,
                       "error: " + file.string() +
                           ": refusing to patch zone internal: patch edits only lines it wrote "
                           "(line 1: server block \".:53 internal:53\" serves internal together "
                           "with other zones");
  CHECK(refused.err.find("pass --force to set them aside") != std::string::npos);
  CHECK(read_bytes(file) == multi_key);

  const ProcessResult forced =
      corefile("patch", file, "--coredns-version 1.6.2 --upstream 10.96.0.60 --force --in-place");
  INFO(forced.err);
  REQUIRE(forced.exit_code == 0);
  const std::string patched = read_bytes(file);
  CHECK(patched.rfind("# meshdns-key[internal] .:53 internal:53 {\n.:53 {\n", 0) == 0);
  CHECK(patched.find("forward . /etc/resolv.conf\n") != std::string::npos);
  CHECK(patched.find("internal:53 {\n    errors\n    cache 30\n    forward . 10.96.0.60\n}") !=
        std::string::npos);
  const ProcessResult undone = corefile("unpatch", file, "--coredns-version 1.6.2 --in-place");
  INFO(undone.err);
  CHECK(undone.exit_code == 0);
  CHECK(read_bytes(file) == multi_key);  // byte for byte
}

TEST_CASE("cli::corefile patch prints to stdout", "[cli][corefile]") {
  const test::TempDir folder;
  const fs::path file = folder.write("Corefile", k_kube_dns);
  const ProcessResult run =
      corefile("patch", file, "--coredns-version 1.6.2 --upstream 10.96.0.60");
  INFO(run.err);
  REQUIRE(run.exit_code == 0);
  CHECK(run.err.empty());
  CHECK(run.out.find("internal:53 {") != std::string::npos);
  CHECK(run.out.find("forward . 10.96.0.60") != std::string::npos);
  CHECK(run.out.rfind(k_kube_dns, 0) == 0);  // the original bytes come first, untouched
  CHECK(read_bytes(file) == k_kube_dns);

  const fs::path patched = folder.write("patched", run.out);
  const ProcessResult again =
      corefile("patch", patched, "--coredns-version 1.6.2 --upstream 10.96.0.60");
  CHECK(again.out == run.out);  // idempotent
  const ProcessResult undone = corefile("unpatch", patched, "--coredns-version 1.6.2");
  CHECK(undone.exit_code == 0);
  CHECK(undone.out == k_kube_dns);  // reversible
}

TEST_CASE("cli::corefile --in-place", "[cli][corefile]") {
  const test::TempDir folder;
  const fs::path file = folder.write("Corefile", k_kube_dns);
  REQUIRE(::chmod(file.c_str(), 0640) == 0);
  const std::string flags = "--coredns-version 1.6.2 --upstream 10.96.0.60 --in-place";

  const ProcessResult first = corefile("patch", file, flags);
  INFO(first.err);
  REQUIRE(first.exit_code == 0);
  CHECK(first.out.empty());
  CHECK(first.err.find("patched in place") != std::string::npos);
  const std::string patched = read_bytes(file);
  CHECK(patched != k_kube_dns);
  CHECK((stat_of(file).st_mode & 07777) == 0640);

  // Nothing to change: the file is not rewritten at all (same inode, same bytes).
  const ino_t inode = stat_of(file).st_ino;
  const ProcessResult second = corefile("patch", file, flags);
  CHECK(second.exit_code == 0);
  CHECK(second.err.find("unchanged") != std::string::npos);
  CHECK(read_bytes(file) == patched);
  CHECK(stat_of(file).st_ino == inode);

  const ProcessResult undone = corefile("unpatch", file, "--coredns-version 1.6.2 --in-place");
  CHECK(undone.exit_code == 0);
  CHECK(read_bytes(file) == k_kube_dns);
  CHECK((stat_of(file).st_mode & 07777) == 0640);
}

TEST_CASE("cli::corefile refuses bad Corefiles and leaves them untouched", "[cli][corefile]") {
  const test::TempDir folder;
  const fs::path file = folder.write("Corefile", k_unbalanced);
  const ProcessResult run =
      corefile("patch", file, "--coredns-version 1.6.2 --upstream 10.96.0.60 --in-place");
  INFO(run.err);
  CHECK(run.exit_code != 0);
  CHECK(run.out.empty());
  CHECK(run.err.rfind("error: " + file.string() + ": ", 0) == 0);
  CHECK(run.err.find("line ") != std::string::npos);
  CHECK(std::count(run.err.begin(), run.err.end(), '\n') == 1);
  CHECK(read_bytes(file) == k_unbalanced);
  CHECK(std::distance(fs::directory_iterator(file.parent_path()), fs::directory_iterator()) == 1);
}

TEST_CASE("cli::corefile diff exit codes", "[cli][corefile]") {
  const test::TempDir folder;
  const std::string flags = "--coredns-version 1.6.2 --upstream 10.96.0.60";
  const fs::path original = folder.write("Corefile", k_kube_dns);

  const ProcessResult changes = corefile("diff", original, flags);
  CHECK(changes.exit_code == 1);
  CHECK(changes.out.rfind(cat("--- ", original.string(), "\n+++ ", original.string(), "\n@@ "),
                          0) == 0);
  CHECK(changes.out.find("\n+internal:53 {") != std::string::npos);

  const fs::path patched = folder.write("patched", corefile("patch", original, flags).out);
  const ProcessResult none = corefile("diff", patched, flags);
  CHECK(none.exit_code == 0);
  CHECK(none.out.empty());

  const fs::path bad = folder.write("bad", k_unbalanced);
  const ProcessResult error = corefile("diff", bad, flags);
  CHECK(error.exit_code == 2);  // never 1: that means "changes"
  CHECK(error.out.empty());
}

TEST_CASE("cli::corefile lint", "[cli][corefile]") {
  const test::TempDir folder;
  const fs::path proxy = folder.write("proxy", ".:53 {\n    proxy . /etc/resolv.conf\n}\n");
  const ProcessResult old_enough = corefile("lint", proxy, "--coredns-version 1.4.0");
  CHECK(old_enough.exit_code == 0);
  CHECK(old_enough.out.empty());

  const ProcessResult refused = corefile("lint", proxy, "--coredns-version 1.6.2");
  INFO(refused.out << refused.err);
  CHECK(refused.exit_code == 1);
  CHECK(refused.out.rfind(proxy.string() + ":2: ", 0) == 0);
  CHECK(refused.out.find("proxy") != std::string::npos);
  CHECK(refused.err.find("1 error(s)") != std::string::npos);
}

TEST_CASE("cli::corefile --help has a summary and an example", "[cli][corefile]") {
  for (const std::string action :
       {"patch", "unpatch", "lint", "diff", "show", "rollback", "status"}) {
    INFO(action);
    const ProcessResult help = run_meshdns({"corefile", action, "--help"});
    CHECK(help.exit_code == 0);
    CHECK(help.out.find("kubectl meshdns corefile " + action) != std::string::npos);
    CHECK(help.out.find("Examples:\n  kubectl meshdns corefile " + action) != std::string::npos);
  }
}

constexpr const char* k_fruits =
    "my-fruits.internal=fruits-api-service.micro-shake-factory.svc.cluster.local";

TEST_CASE("cli::corefile --backend coredns on a file", "[cli][corefile][rewrite]") {
  const test::TempDir folder;
  const fs::path file = folder.write("Corefile", k_kube_dns);
  const std::string flags = cat("--coredns-version 1.11.3 --backend coredns --alias ", k_fruits,
                                " --alias shakes.corp.example=shake-api.bar.svc.cluster.local");
  const ProcessResult run = corefile("patch", file, flags);
  INFO(run.err);
  REQUIRE(run.exit_code == 0);
  CHECK(run.err.empty());
  CHECK(run.out ==
        ".:53 {\n"
        "    errors\n"
        "    rewrite name exact my-fruits.internal "
        "fruits-api-service.micro-shake-factory.svc.cluster.local\n"
        "    rewrite name exact shakes.corp.example shake-api.bar.svc.cluster.local\n"
        "    kubernetes cluster.local in-addr.arpa ip6.arpa\n"
        "    forward . /etc/resolv.conf\n"
        "    cache 30\n"
        "}\n");
  CHECK(read_bytes(file) == k_kube_dns);

  // --alias alone picks the coredns backend; patching again changes nothing.
  const fs::path patched = folder.write("patched", run.out);
  const ProcessResult again =
      corefile("patch", patched,
               cat("--coredns-version 1.11.3 --alias ", k_fruits,
                   " --alias shakes.corp.example=shake-api.bar.svc.cluster.local"));
  CHECK(again.exit_code == 0);
  CHECK(again.out == run.out);
  const ProcessResult lint = corefile("lint", patched, flags);
  CHECK(lint.exit_code == 0);
  CHECK(lint.out.empty());
  const ProcessResult no_diff = corefile("diff", patched, flags);
  CHECK(no_diff.exit_code == 0);
  CHECK(no_diff.out.empty());

  // unpatch one alias: exactly its line goes; then the other: the original bytes.
  const ProcessResult one = corefile(
      "unpatch", patched, "--coredns-version 1.11.3 --backend coredns --alias shakes.corp.example");
  INFO(one.err);
  REQUIRE(one.exit_code == 0);
  const ProcessResult only_fruits =
      corefile("patch", file, cat("--coredns-version 1.11.3 --alias ", k_fruits));
  CHECK(one.out == only_fruits.out);
  const fs::path fruits = folder.write("fruits", one.out);
  const ProcessResult none = corefile(
      "unpatch", fruits, "--coredns-version 1.11.3 --backend coredns --alias my-fruits.internal");
  CHECK(none.exit_code == 0);
  CHECK(none.out == k_kube_dns);

  // diff shows the line; --in-place writes it and unpatch --in-place takes it away again.
  const ProcessResult diff = corefile("diff", file, flags);
  CHECK(diff.exit_code == 1);
  CHECK(diff.out.find("\n+    rewrite name exact my-fruits.internal ") != std::string::npos);
  const ProcessResult in_place = corefile("patch", file, flags + " --in-place");
  CHECK(in_place.exit_code == 0);
  CHECK(read_bytes(file) == run.out);
  const ProcessResult undone =
      corefile("unpatch", file,
               "--coredns-version 1.11.3 --backend coredns --alias my-fruits.internal --alias "
               "shakes.corp.example --in-place");
  CHECK(undone.exit_code == 0);
  CHECK(read_bytes(file) == k_kube_dns);
}

TEST_CASE("cli::corefile --backend coredns refusals", "[cli][corefile][rewrite]") {
  const test::TempDir folder;
  const fs::path file = folder.write("Corefile", k_kube_dns);
  const fs::path shadowed =
      folder.write("shadowed", cat(k_kube_dns,
                                   "internal:53 {\n    errors\n    cache 30\n    "
                                   "forward . 10.96.0.60\n}\n"));
  const std::string fruits = cat("--alias ", k_fruits);
  struct Row {
    std::string action;
    fs::path file;
    std::string flags;
    int exit_code;
    std::string says;
  };
  const Row rows[] = {
      {"patch", file, "--coredns-version 1.11.3 --backend dns-proxy " + fruits, 2,
       "--backend dns-proxy changes no Corefile"},
      {"patch", file, "--coredns-version 1.11.3 --backend istiocoredns " + fruits, 2,
       "--alias works only with --backend coredns"},
      {"patch", file, "--coredns-version 1.11.3 --zone internal " + fruits, 2,
       "--zone, --upstream and --kind work only with --backend istiocoredns"},
      {"patch", file, "--coredns-version 1.11.3 --backend coredns", 2,
       "--backend coredns needs --alias"},
      {"patch", file, "--coredns-version 1.11.3 --alias my-fruits.internal", 2,
       "invalid --alias \"my-fruits.internal\""},
      {"patch", file, "--coredns-version 1.11.3 --alias my-fruits.internal=a.b.svc.k8s.example", 2,
       "answers SERVICE.NAMESPACE.svc.cluster.local"},
      {"patch", file, "--coredns-version 1.2.4 " + fruits, 1,
       "CoreDNS 1.2.4 cannot serve aliases with rewrite lines"},
      {"patch", shadowed, "--coredns-version 1.11.3 " + fruits, 1,
       "line 7: CoreDNS hands my-fruits.internal to server block internal:53"},
      {"diff", shadowed, "--coredns-version 1.11.3 " + fruits, 2, "server block internal:53"},
  };
  for (const Row& row : rows) {
    INFO(row.action << " " << row.flags);
    check_one_line_error(corefile(row.action, row.file, row.flags), row.exit_code, row.says);
  }
  CHECK(read_bytes(file) == k_kube_dns);
  // lint reads what is there: a backend means nothing to it against a cluster (refused, not
  // ignored); patch, unpatch, diff and status take it there (test/cli/backends_test.cpp).
  check_one_line_error(run_meshdns({"corefile", "lint", "--backend", "coredns"}), 2,
                       "corefile lint: --backend works only with --file");
}

TEST_CASE("cli::corefile --help says what each backend writes", "[cli][corefile][rewrite]") {
  for (const std::string action : {"patch", "unpatch", "diff", "lint"}) {
    INFO(action);
    const ProcessResult help = run_meshdns({"corefile", action, "--help"});
    CHECK(help.exit_code == 0);
    CHECK(help.out.find("--backend") != std::string::npos);
    CHECK(help.out.find("rewrite name exact FQDN SERVICE_FQDN") != std::string::npos);
    CHECK(help.out.find("--alias") != std::string::npos);
  }
}

// MESHDNS_UPDATE_GOLDEN=1 rewrites the committed outputs (then review them with git diff).
bool update_golden() {
  const char* update = std::getenv("MESHDNS_UPDATE_GOLDEN");
  return update != nullptr && std::string(update) == "1";
}

// lint takes the patch flags but --upstream.
std::string without_upstream(const std::string& flags) {
  std::vector<std::string> kept;
  const std::vector<std::string> all = words(flags);
  for (std::size_t i = 0; i < all.size(); ++i) {
    if (all[i] == "--upstream") {
      ++i;
    } else {
      kept.push_back(all[i]);
    }
  }
  return join(kept, " ");
}

// examples/corefiles/args.tsv: FILE<TAB>FLAGS; each FILE's patch output is committed beside it as
// FILE-without-.Corefile + ".patched.Corefile".
TEST_CASE("cli::corefile examples produce their committed outputs", "[cli][corefile][examples]") {
  const fs::path examples = fs::path(MESHDNS_SOURCE_DIR) / "examples" / "corefiles";
  std::ifstream table(examples / "args.tsv");
  REQUIRE(table);
  int checked = 0;
  for (std::string line; std::getline(table, line);) {
    if (line.empty() || line[0] == '#') {
      continue;
    }
    const std::size_t tab = line.find('\t');
    REQUIRE(tab != std::string::npos);
    const fs::path input = examples / line.substr(0, tab);
    const std::string flags = line.substr(tab + 1);
    fs::path expected = input;
    expected.replace_extension(".patched.Corefile");
    INFO(input.filename().string() << " " << flags);
    const ProcessResult run = corefile("patch", input, flags);
    INFO(run.err);
    CHECK(run.exit_code == 0);
    if (update_golden()) {
      std::ofstream(expected, std::ios::binary) << run.out;
    }
    CHECK(run.out == read_bytes(expected));
    const fs::path out = fs::temp_directory_path() / cat("meshdns-example-", getpid());
    std::ofstream(out, std::ios::binary) << run.out;
    const ProcessResult lint = corefile("lint", out, without_upstream(flags));
    fs::remove(out);
    CHECK(lint.exit_code == 0);
    ++checked;
  }
  CHECK(checked == 4);
}

}  // namespace
}  // namespace meshdns
