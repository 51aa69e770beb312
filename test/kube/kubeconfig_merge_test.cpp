#include "kube/kubeconfig.hpp"
#include "support/temp_dir.hpp"

#include <meshdns/text.hpp>

#include <catch2/catch.hpp>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace meshdns::kube {
namespace {

Environment environment_with(std::map<std::string, std::string> variables) {
  Environment environment;
  environment.variables = std::move(variables);
  return environment;
}

TEST_CASE("kube::kubeconfig_sources", "[kube][kubeconfig]") {
  struct Row {
    std::optional<std::string> flag;
    std::map<std::string, std::string> variables;
    std::vector<std::string> files;
    bool explicit_file;
  };
  const Row rows[] = {
      {"/x", {{"KUBECONFIG", "/a:/b"}, {"HOME", "/h"}}, {"/x"}, true},  // the flag alone
      {std::nullopt, {{"KUBECONFIG", "/a:/b"}, {"HOME", "/h"}}, {"/a", "/b"}, false},
      {std::nullopt, {{"KUBECONFIG", "/a::/b:/a:"}}, {"/a", "/b"}, false},  // empties, duplicates
      {std::nullopt, {{"KUBECONFIG", ":"}, {"HOME", "/h"}}, {}, false},     // set: no home fallback
      {std::nullopt, {{"KUBECONFIG", ""}, {"HOME", "/h"}}, {"/h/.kube/config"}, false},
      {std::string(), {{"HOME", "/h"}}, {"/h/.kube/config"}, false},  // --kubeconfig=""
      {std::nullopt, {}, {}, false},
  };
  for (const Row& row : rows) {
    INFO((row.flag ? *row.flag : "(no flag)")
         << " KUBECONFIG="
         << (row.variables.count("KUBECONFIG") != 0 ? row.variables.at("KUBECONFIG") : "(unset)"));
    KubeFlags flags;
    flags.kubeconfig = row.flag;
    const KubeconfigSources sources = kubeconfig_sources(flags, environment_with(row.variables));
    CHECK(sources.files == row.files);
    CHECK(sources.explicit_file == row.explicit_file);
  }
}

TEST_CASE("kube::merge_kubeconfigs", "[kube][kubeconfig]") {
  const auto parse = [](const char* text, const char* path) {
    return parse_kubeconfig(text, path).value();
  };
  const Kubeconfig first = parse(R"(
clusters: [{name: shared, cluster: {server: https://first}}]
users: [{name: u, user: {token: first-token}}]
contexts: [{name: c, context: {cluster: shared, user: u}}]
)",
                                 "/first");
  const Kubeconfig second = parse(R"(
current-context: c
clusters:
- {name: shared, cluster: {server: https://second, tls-server-name: second-only}}
- {name: extra, cluster: {server: https://extra}}
users: [{name: u, user: {token: second-token, client-certificate: c.crt}}]
contexts: [{name: c, context: {cluster: extra, user: u, namespace: ns}}]
)",
                                  "/second");
  const Kubeconfig third = parse("current-context: other\n", "/third");

  const Kubeconfig merged = merge_kubeconfigs({first, second, third});
  // The first file that names an entry provides all of it: nothing of the second "shared" leaks in.
  CHECK(merged.clusters.at("shared").server == "https://first");
  CHECK(merged.clusters.at("shared").tls_server_name.empty());
  CHECK(merged.clusters.at("shared").defined_in == "/first");
  CHECK(merged.clusters.at("extra").server == "https://extra");
  CHECK(merged.users.at("u").token == "first-token");
  CHECK(merged.users.at("u").client_certificate.empty());
  CHECK(merged.contexts.at("c").cluster == "shared");
  CHECK(merged.contexts.at("c").namespace_name.empty());
  // The first non-empty current-context wins, wherever it is.
  CHECK(merged.current_context == "c");
  CHECK(merged.files == std::vector<std::string>{"/first", "/second", "/third"});
}

TEST_CASE("kube::load_kubeconfigs", "[kube][kubeconfig]") {
  const test::TempDir dir;
  const std::string a = dir.write("a/config", "current-context: from-a\n");
  const std::string b = dir.write("b/config", "current-context: from-b\n");
  const std::string broken = dir.write("broken", "clusters: [\n");

  struct Row {
    std::optional<std::string> flag;
    std::string list;
    std::string current_context;  // or the error's "what"
    bool fails;
  };
  const Row rows[] = {
      {std::nullopt, cat(dir / "missing", ':', b, ':', a), "from-b", false},  // missing: skipped
      {std::nullopt, cat(a, ':', b), "from-a", false},
      {a, cat(b), "from-a", false},
      {dir / "missing", "", cat("stat ", dir / "missing", ": no such file or directory"), true},
      {std::nullopt, cat(a, ':', broken), cat("error loading config file \"", broken, "\""), true},
  };
  for (const Row& row : rows) {
    INFO((row.flag ? *row.flag : "") << " KUBECONFIG=" << row.list);
    KubeFlags flags;
    flags.kubeconfig = row.flag;
    const Result<Kubeconfig> loaded =
        load_kubeconfigs(flags, environment_with({{"KUBECONFIG", row.list}}));
    if (row.fails) {
      REQUIRE_FALSE(loaded);
      CHECK(loaded.error().code == Errc::config);
      CHECK(loaded.error().what == row.current_context);
    } else {
      REQUIRE(loaded);
      CHECK(loaded->current_context == row.current_context);
    }
  }
}

}  // namespace
}  // namespace meshdns::kube
