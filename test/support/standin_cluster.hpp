#pragma once

// A strict stand-in API server seeded for one end-to-end test, and the built kubectl-meshdns run
// against it through a kubeconfig: what the CLI tests of the commands that write share.

#include "support/apiserver.hpp"
#include "support/process.hpp"
#include "support/skip.hpp"
#include "support/temp_dir.hpp"

#include <nlohmann/json.hpp>

#include <memory>
#include <string>
#include <vector>

namespace meshdns::test {

// A seed file of test/cli/seeds/, for ApiServerOptions::seed_files.
inline std::string cli_seed(const std::string& name) {
  return std::string(MESHDNS_SOURCE_DIR) + "/test/cli/seeds/" + name;
}

struct SeededStandin {
  TempDir dir;
  std::unique_ptr<ApiServer> api;
  std::string kubeconfig;

  // `seed`: multi-document YAML the server starts with; `namespace_name`: the context's namespace.
  SeededStandin(const std::string& seed, const std::string& namespace_name) {
    ApiServerOptions options;
    options.seed_files = {dir.write("seed.yaml", seed)};
    api = std::make_unique<ApiServer>(options);
    kubeconfig = api->write_kubeconfig(KubeconfigAuth::token, namespace_name);
  }

  // kubectl-meshdns --kubeconfig KUBECONFIG ARGS...
  ProcessResult run(std::vector<std::string> args, const ProcessOptions& options = {}) const {
    args.insert(args.begin(), {"--kubeconfig", kubeconfig});
    return run_meshdns(args, options);
  }

  // The server's request log, {"requests": [{"method", "path", "query", "status", ...}]}.
  nlohmann::json request_log() const { return nlohmann::json::parse(api->requests_json()); }
};

}  // namespace meshdns::test

// Skips (fails under CI=true) where the stand-in cannot run.
#define REQUIRE_STANDIN()                                      \
  MESHDNS_SKIP_UNLESS(::meshdns::test::ApiServer::available(), \
                      "python3 with PyYAML or openssl is missing")
