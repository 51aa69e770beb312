// `kubectl meshdns config`: shows which cluster, namespace and credentials every other command
// would use, resolved exactly as kubectl resolves them. Names the auth method, never the secret.

#include "cli/commands.hpp"
#include "cli/session.hpp"

#include <meshdns/kube/client_config.hpp>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <iostream>
#include <memory>
#include <string>

namespace meshdns::cli {
namespace {

struct ConfigOptions {
  std::string output = "text";
};

std::string or_none(const std::string& value) {
  return value.empty() ? "<none>" : value;
}

void print_text(const kube::ClientConfig& config) {
  std::cout << "context:    " << or_none(config.context_name) << '\n'
            << "cluster:    " << or_none(config.cluster_name) << '\n'
            << "server:     " << config.server << '\n'
            << "namespace:  " << config.namespace_name << '\n'
            << "user:       " << or_none(config.user_name) << '\n'
            << "authMethod: " << kube::to_string(config.auth_method) << '\n';
  if (config.in_cluster) {
    std::cout << "source:     in-cluster service account\n";
  }
}

void print_json(const kube::ClientConfig& config) {
  nlohmann::ordered_json out;
  out["context"] = config.context_name;
  out["cluster"] = config.cluster_name;
  out["server"] = config.server;
  out["namespace"] = config.namespace_name;
  out["user"] = config.user_name;
  out["authMethod"] = kube::to_string(config.auth_method);
  std::cout << out.dump(2) << '\n';
}

void show_config(Session& session, const ConfigOptions& options) {
  const Result<kube::ClientConfig> config =
      kube::load_client_config(session.options().kube, kube::Environment::from_process());
  if (!config) {
    session.fail(config.error());
    return;
  }
  if (config->plain_http) {
    session.warn("the server is plain http://: like kubectl, no credentials will be sent to it");
  }
  if (options.output == "json") {
    print_json(*config);
  } else {
    print_text(*config);
  }
}

}  // namespace

void add_config_command(CLI::App& root, Session& session) {
  auto options = std::make_shared<ConfigOptions>();
  auto* cmd = root.add_subcommand(
      "config",
      "Show the cluster, namespace and credentials kubectl-meshdns would use\n\n"
      "Resolved from --kubeconfig, KUBECONFIG, ~/.kube/config or the in-cluster service account,\n"
      "and the global flags, exactly as kubectl resolves them. Secrets are never printed; the\n"
      "network is not used. Exit status: 0, or 2 for a configuration error.");
  cmd->footer(
      "Examples:\n"
      "  kubectl meshdns config\n"
      "  kubectl meshdns --context staging -n shop config -o json\n");
  cmd->add_option("-o,--output", options->output, "Output format: text or json")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  cmd->callback([&session, options] { show_config(session, *options); });
}

}  // namespace meshdns::cli
