// `kubectl meshdns version`: the plugin's version and commit; with a cluster, the Kubernetes,
// CoreDNS (kube-dns and istiocoredns) and Istio versions found there and the backend
// `--backend auto` would pick. `--client` never touches the network.

#include "cli/commands.hpp"
#include "cli/session.hpp"
#include "cli/version_cluster.hpp"

#include <meshdns/cluster_dns/backend.hpp>
#include <meshdns/manifest/yaml_json.hpp>
#include <meshdns/text.hpp>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <iostream>
#include <memory>
#include <optional>
#include <string>

namespace meshdns::cli {
namespace {

struct VersionOptions {
  std::string output = "text";
  bool client_only = false;
};

nlohmann::ordered_json found_json(const FoundVersion& found) {
  return found.version ? nlohmann::ordered_json(*found.version) : nlohmann::ordered_json(nullptr);
}

// The server's words (image tags, gitVersion): escaped, as kubectl prints them.
std::string found_text(const FoundVersion& found) {
  return escape_terminal(found.version ? *found.version : found.note, Newlines::escape);
}

nlohmann::ordered_json backend_json(const Result<cluster_dns::BackendChoice>& backend) {
  if (!backend) {
    return {{"backend", nullptr}, {"reason", cat("unknown: ", format_error(backend.error()))}};
  }
  return {{"backend", cluster_dns::backend_name(backend->backend)}, {"reason", backend->evidence}};
}

// "coredns (no Deployment istio-system/istiocoredns; ...)": the choice and its evidence.
std::string backend_text(const Result<cluster_dns::BackendChoice>& backend) {
  if (!backend) {
    return cat("unknown: ", format_error(backend.error()));
  }
  return cat(cluster_dns::backend_name(backend->backend), " (", backend->evidence, ")");
}

nlohmann::ordered_json to_json(const std::optional<ClusterVersions>& cluster) {
  nlohmann::ordered_json out;
  out["clientVersion"] = {{"version", MESHDNS_VERSION}, {"gitCommit", MESHDNS_GIT_COMMIT}};
  if (cluster) {
    out["cluster"] = {{"kubernetesVersion", cluster->kubernetes},
                      {"coreDNSVersion",
                       {{"kube-dns", found_json(cluster->kube_dns_coredns)},
                        {"istiocoredns", found_json(cluster->istiocoredns_coredns)}}},
                      {"istioVersion", found_json(cluster->istio)},
                      {"autoBackend", backend_json(cluster->backend)}};
  }
  return out;
}

void print_text(const std::optional<ClusterVersions>& cluster) {
  std::cout << "Plugin Version: " << MESHDNS_VERSION << '\n'
            << "Git Commit: " << MESHDNS_GIT_COMMIT << '\n';
  if (!cluster) {
    return;
  }
  std::cout << "Kubernetes Version: " << escape_terminal(cluster->kubernetes, Newlines::escape)
            << '\n'
            << "CoreDNS Version (kube-dns): " << found_text(cluster->kube_dns_coredns) << '\n'
            << "CoreDNS Version (istiocoredns): " << found_text(cluster->istiocoredns_coredns)
            << '\n'
            << "Istio Version: " << found_text(cluster->istio) << '\n'
            << "Backend (auto): "
            << escape_terminal(backend_text(cluster->backend), Newlines::escape) << '\n';
}

void print(const VersionOptions& options, const std::optional<ClusterVersions>& cluster) {
  if (options.output == "json") {
    std::cout << to_json(cluster).dump(2) << '\n';
  } else if (options.output == "yaml") {
    std::cout << manifest::to_yaml(to_json(cluster));
  } else {
    print_text(cluster);
  }
}

void show_version(Session& session, const VersionOptions& options) {
  if (options.client_only) {
    print(options, std::nullopt);
    return;
  }
  Result<kube::RestClient*> client = session.kube();
  Result<ClusterVersions> cluster =
      client ? read_cluster_versions(**client) : Result<ClusterVersions>(client.error());
  // Like `kubectl version`: the client's part is printed even when the cluster cannot answer.
  print(options, cluster ? std::optional<ClusterVersions>(*cluster) : std::nullopt);
  if (!cluster) {
    session.fail(cluster.error());
  }
}

}  // namespace

void add_version_command(CLI::App& root, Session& session) {
  auto options = std::make_shared<VersionOptions>();
  auto* cmd = root.add_subcommand(
      "version",
      "Print the plugin version and the Kubernetes, CoreDNS and Istio versions of the cluster\n\n"
      "With a reachable cluster it also shows the CoreDNS of kube-dns (kube-system/coredns) and\n"
      "of istiocoredns (istio-system/istiocoredns), Istio's version (istiod's image) and the\n"
      "backend `--backend auto` would pick, with its evidence: istiocoredns when its Deployment\n"
      "exists, else dns-proxy when every mesh config enables ISTIO_META_DNS_CAPTURE (not on\n"
      "ambient), else coredns (plus the ServiceEntry when Istio's CRDs are served).\n"
      "Exit status: 0; 1 when the cluster cannot be reached; 2 for a configuration error.");
  cmd->footer(
      "Examples:\n"
      "  kubectl meshdns version\n"
      "  kubectl meshdns version --client\n"
      "  kubectl meshdns version -o json --context prod\n");
  cmd->add_flag("--client", options->client_only,
                "Only the plugin's version; do not contact the cluster");
  cmd->add_option("-o,--output", options->output, "Output format: text, json or yaml")
      ->check(CLI::IsMember({"text", "json", "yaml"}))
      ->capture_default_str();
  cmd->callback([&session, options] { show_version(session, *options); });
}

}  // namespace meshdns::cli
