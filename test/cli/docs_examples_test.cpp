// The examples of docs/*.md, run: every ```console block (``` or ~~~) is a session of `$ `
// commands, each followed by what it prints (stdout, then stderr); `$ echo $?` shows the exit
// status of the command before it. A ```text NAME block is a file the examples read, written to
// the examples' working folder. The cluster is the stand-in seeded with the kubeadm + Istio 1.3
// fixture and namespace micro-shake-factory; DNS is knot, serving what kube-dns would. The docs'
// addresses stay as written: `--server 10.96.0.10` (kube-dns's cluster IP) is sent to knot.
// So a documented exit code or output that the tool does not give fails here.

#include "support/dns_servers.hpp"
#include "support/standin_cluster.hpp"

#include <meshdns/text.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

namespace meshdns::test {
namespace {

const std::string k_docs = MESHDNS_SOURCE_DIR "/docs/";

// What kube-dns answers in the examples: the alias still at an old address.
const Zone k_internal{"internal", "my-fruits A 10.96.0.10\n"};

struct Step {
  std::string command;   // without "$ "
  std::string expected;  // its output lines
};

struct Session {
  std::string where;  // "verify.md:97"
  std::vector<Step> steps;
};

struct Examples {
  std::vector<Session> sessions;
  std::vector<std::pair<std::string, std::string>> files;  // name, content
};

Examples read_examples(const std::string& name) {
  std::ifstream in(k_docs + name);
  REQUIRE(in.good());
  Examples out;
  std::string line;
  int number = 0;
  std::string fence;  // "```" or "~~~" while inside a block
  std::string info;
  std::string file_text;
  while (std::getline(in, line)) {
    ++number;
    if (fence.empty()) {
      for (const char* mark : {"```", "~~~"}) {
        if (starts_with(line, mark)) {
          fence = mark;
          info = std::string(trim(std::string_view(line).substr(3)));
          file_text.clear();
          if (info == "console") {
            out.sessions.push_back({cat(name, ':', number), {}});
          }
        }
      }
      continue;
    }
    if (starts_with(line, fence)) {
      if (starts_with(info, "text ")) {
        out.files.emplace_back(info.substr(5), file_text);
      }
      fence.clear();
      continue;
    }
    if (info == "console") {
      std::vector<Step>& steps = out.sessions.back().steps;
      if (starts_with(line, "$ ")) {
        steps.push_back({line.substr(2), ""});
      } else if (!steps.empty()) {
        steps.back().expected += line + "\n";
      }
    } else {
      file_text += line + "\n";
    }
  }
  return out;
}

std::vector<std::string> words(const std::string& command) {
  std::vector<std::string> out;
  std::istringstream in(command);
  for (std::string word; in >> word;) {
    out.push_back(word);
  }
  return out;
}

// Run times differ from run to run: "1 round in 0s" and "in 0.3s" read the same.
std::string without_times(const std::string& text) {
  static const std::regex duration(R"(in [0-9.]+(ms|s)\b)");
  return std::regex_replace(text, duration, "in <time>");
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    out.push_back(line);
  }
  return out;
}

std::vector<std::string> sorted(std::vector<std::string> lines) {
  std::sort(lines.begin(), lines.end());
  return lines;
}

// Do `part`'s lines appear in `whole` in the same order (not necessarily next to each other)?
bool in_order_within(const std::vector<std::string>& part, const std::vector<std::string>& whole) {
  auto at = whole.begin();
  for (const std::string& line : part) {
    at = std::find(at, whole.end(), line);
    if (at == whole.end()) {
      return false;
    }
    ++at;
  }
  return true;
}

void run_examples(const std::string& doc) {
  REQUIRE_STANDIN();
  MESHDNS_SKIP_UNLESS(have_knot(), "knotd is not installed");
  const Examples examples = read_examples(doc);
  REQUIRE_FALSE(examples.sessions.empty());
  const auto knot = KnotServer::start({k_internal});
  TempDir dir;
  ApiServerOptions options;
  options.seed_files = {
      std::string(MESHDNS_SOURCE_DIR) + "/test/cluster_dns/clusters/kubeadm-istio-1.3.yaml",
      cli_seed("micro-shake-factory.yaml")};
  const ApiServer api(options);
  const std::string kubeconfig = api.write_kubeconfig(KubeconfigAuth::token, "default");
  for (const auto& [name, content] : examples.files) {
    dir.write(name, content);
  }
  ProcessOptions in_folder;
  in_folder.working_directory = dir.path().string();
  for (const Session& session : examples.sessions) {
    int last_exit = 0;
    for (const Step& step : session.steps) {
      INFO(session.where << ": $ " << step.command);
      if (step.command == "echo $?") {
        CHECK(cat(last_exit, '\n') == step.expected);
        continue;
      }
      std::vector<std::string> args = words(step.command);
      REQUIRE(args.size() >= 2);
      REQUIRE(args[0] == "kubectl");
      REQUIRE(args[1] == "meshdns");
      args.erase(args.begin(), args.begin() + 2);
      for (std::size_t i = 0; i + 1 < args.size(); ++i) {
        if (args[i] == "--server" && args[i + 1] == "10.96.0.10") {
          args[i + 1] = knot->address();
        }
      }
      args.insert(args.begin(), {"--kubeconfig", kubeconfig});
      const ProcessResult run = run_meshdns(args, in_folder);
      last_exit = run.exit_code;
      // A terminal interleaves stderr with stdout, and the docs show what a user sees: the same
      // lines, each stream's in its own order.
      const std::vector<std::string> shown = lines_of(without_times(step.expected));
      CHECK(sorted(lines_of(without_times(run.out + run.err))) == sorted(shown));
      CHECK(in_order_within(lines_of(without_times(run.out)), shown));
      CHECK(in_order_within(lines_of(without_times(run.err)), shown));
    }
  }
}

}  // namespace

TEST_CASE("docs: the examples of docs/verify.md", "[cli][docs]") {
  run_examples("verify.md");
}

TEST_CASE("docs: the examples of docs/corefile.md", "[cli][docs]") {
  run_examples("corefile.md");
}

}  // namespace meshdns::test
