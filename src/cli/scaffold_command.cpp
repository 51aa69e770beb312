// `kubectl meshdns scaffold NAME`: flags; the work is in scaffold_run.cpp.

#include "cli/commands.hpp"
#include "cli/scaffold_cluster_ip.hpp"
#include "cli/scaffold_options.hpp"
#include "cli/scaffold_run.hpp"
#include "cli/session.hpp"

#include <CLI/CLI.hpp>

#include <memory>

namespace meshdns::cli {

void add_scaffold_command(CLI::App& root, Session& session) {
  auto options = std::make_shared<ScaffoldOptions>();
  auto* cmd = root.add_subcommand(
      "scaffold",
      "Create a workload in the mesh: Namespace, Deployment, Service, VirtualService\n\n"
      "  kubectl meshdns scaffold fruits-api -n micro-shake-factory \\\n"
      "      --image istiosuccinctly/fruits-api:1.0.0 --cluster-ip 10.96.0.50\n"
      "  kubectl meshdns scaffold web --image nginx:1.27 --port 80 --dry-run=client\n\n"
      "Objects: Namespace (istio-injection: enabled), Deployment NAME-deployment-vN, Service\n"
      "NAME-service (port 80 to the container port http-NAME, a fixed cluster IP) and\n"
      "VirtualService NAME-vservice, server-side applied (field manager kubectl-meshdns).\n"
      "Exit status: 0, 1 when the API server refuses an object, 2 for usage or configuration\n"
      "errors.");
  cmd->add_option("name", options->name, "The workload's name (app label), a DNS-1123 label")
      ->required();
  cmd->add_option("--image", options->image, "The container image (required)");
  cmd->add_option("--port", options->port, "The container port")->capture_default_str();
  cmd->add_option("--port-name", options->port_name,
                  "The container port's name (default http-NAME; at most 15 characters)");
  cmd->add_option("--replicas", options->replicas, "Pods to run")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  cmd->add_option("--version", options->version,
                  "The workload version: Deployment NAME-deployment-vN, label version: vN")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  cmd->add_option("--limits", options->limits,
                  "Resource limits, e.g. cpu=1000m,memory=1024Mi (the default)");
  cmd->add_option("--requests", options->requests,
                  "Resource requests, e.g. cpu=100m,memory=100Mi (the default)");
  cmd->add_option("--cluster-ip", options->cluster_ip,
                  "The Service's fixed cluster IP, or auto: a free one in the Service range")
      ->capture_default_str();
  cmd->add_option("--service-cidr", options->service_cidr,
                  std::string("The Service range for --cluster-ip auto (default: asked from the "
                              "API server; offline ") +
                      std::string(k_default_service_cidr) + ")");
  cmd->add_option("--api-version", options->api_version,
                  "VirtualService apiVersion: v1, v1beta1 or v1alpha3 (default: the newest "
                  "served)");
  cmd->add_option("--dry-run", options->dry_run,
                  "none; client: print the objects, send nothing that writes; server: the API "
                  "server checks, stores nothing")
      ->check(CLI::IsMember({"none", "client", "server"}))
      ->capture_default_str();
  cmd->add_option("-o,--output", options->output, "Print the objects: yaml or json")
      ->check(CLI::IsMember({"yaml", "json"}));
  cmd->add_flag("--force", options->force, "Take fields owned by other field managers");
  cmd->add_option("--from-manifests", options->from_manifests,
                  "Read the cluster state from a YAML file or folder; print the objects, send "
                  "nothing (GitOps)");
  cmd->callback([&session, options] { session.finish(run_scaffold(session, *options)); });
}

}  // namespace meshdns::cli
