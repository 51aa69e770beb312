// `kubectl meshdns alias`: flags and subcommands; the work is in alias_apply.cpp, alias_list.cpp
// and alias_delete.cpp.

#include "cli/alias_options.hpp"
#include "cli/alias_run.hpp"
#include "cli/commands.hpp"
#include "cli/session.hpp"

#include <CLI/CLI.hpp>

#include <memory>

namespace meshdns::cli {
namespace {

void add_backend_option(CLI::App& cmd, std::string& backend) {
  cmd.add_option("--backend", backend,
                 "How the alias resolves: auto, istiocoredns, coredns (a rewrite line in "
                 "kube-dns's Corefile) or dns-proxy (the ServiceEntry alone, for Istio's DNS "
                 "capture)")
      ->check(CLI::IsMember({"auto", "istiocoredns", "coredns", "dns-proxy"}))
      ->capture_default_str();
}

void add_list(CLI::App& alias, Session& session) {
  auto options = std::make_shared<AliasListOptions>();
  auto* cmd = alias.add_subcommand(
      "list",
      "List the aliases kubectl-meshdns manages\n\n"
      "The ServiceEntries labelled app.kubernetes.io/managed-by=kubectl-meshdns, as a table\n"
      "(ALIAS SERVICE NAMESPACE ADDRESS AGE) or as objects.");
  cmd->add_flag("-A,--all-namespaces", options->all_namespaces,
                "List the aliases of every namespace");
  cmd->add_option("-o,--output", options->output, "Output format: table, json or yaml")
      ->check(CLI::IsMember({"table", "json", "yaml"}))
      ->capture_default_str();
  cmd->add_option("--from-manifests", options->from_manifests,
                  "Read the ServiceEntries from a YAML file or folder instead of the cluster");
  cmd->callback([&session, options] { session.finish(run_alias_list(session, *options)); });
}

void add_delete(CLI::App& alias, Session& session) {
  auto options = std::make_shared<AliasDeleteOptions>();
  auto* cmd = alias.add_subcommand(
      "delete",
      "Delete aliases kubectl-meshdns manages\n\n"
      "Removes the ServiceEntry that holds each FQDN in the namespace, only when kubectl-meshdns\n"
      "created it, and with the coredns backend exactly its rewrite line (all of them in one\n"
      "write of the Corefile).");
  cmd->add_option("fqdn", options->fqdns, "Aliases to delete (e.g. my-fruits.internal)")
      ->required();
  cmd->add_option("--dry-run", options->dry_run,
                  "none; client: send nothing; server: the API server checks, deletes nothing")
      ->check(CLI::IsMember({"none", "client", "server"}))
      ->capture_default_str();
  add_backend_option(*cmd, options->backend);
  cmd->callback([&session, options] { session.finish(run_alias_delete(session, *options)); });
}

}  // namespace

void add_alias_command(CLI::App& root, Session& session) {
  auto options = std::make_shared<AliasOptions>();
  options->cluster_domain = "cluster.local";
  auto* cmd = root.add_subcommand(
      "alias",
      "Make FQDN an alias of a Service (a CoreDNS rewrite line and/or an Istio ServiceEntry)\n\n"
      "  kubectl meshdns alias fruits-api my-fruits.internal -n micro-shake-factory\n"
      "  kubectl meshdns alias -f aliases.yaml          # [{service, namespace, fqdn}, ...]\n"
      "  kubectl meshdns alias list -A\n"
      "  kubectl meshdns alias delete my-fruits.internal\n\n"
      "SERVICE is a Service name, else the one Service whose selector has app: SERVICE.\n"
      "--backend auto picks how the alias resolves and says why on stderr: istiocoredns (Istio\n"
      "1.1-1.8), coredns (one `rewrite name exact FQDN SERVICE.NS.svc.DOMAIN` line per alias in\n"
      "kube-dns's Corefile, all in one write; plus the ServiceEntry when Istio's CRDs are served)\n"
      "or dns-proxy (only when Istio captures DNS mesh-wide). ServiceEntries are server-side\n"
      "applied (field manager kubectl-meshdns). Exit status: 0, 1 when an alias is refused or\n"
      "fails, 2 for usage or configuration errors.");
  cmd->add_option("service", options->service, "The Service (name, or its app label)");
  cmd->add_option("fqdn", options->fqdn, "The alias, a lower-case DNS name with a dot");
  cmd->add_option("-f,--filename", options->file,
                  "Create every alias of a YAML list of {service, namespace, fqdn} ('-': stdin)");
  cmd->add_option("--api-version", options->api_version,
                  "ServiceEntry apiVersion: v1, v1beta1 or v1alpha3 (default: the newest served)");
  cmd->add_option("--cluster-domain", options->cluster_domain,
                  "The cluster's DNS domain, for the endpoint SERVICE.NS.svc.DOMAIN")
      ->capture_default_str();
  cmd->add_option("--dry-run", options->dry_run,
                  "none; client: print the objects, send nothing; server: the API server checks, "
                  "stores nothing")
      ->check(CLI::IsMember({"none", "client", "server"}))
      ->capture_default_str();
  cmd->add_option("-o,--output", options->output, "Print the objects: yaml or json")
      ->check(CLI::IsMember({"yaml", "json"}));
  cmd->add_flag("--force", options->force,
                "Take the alias over from another Service or object, and fields from other "
                "managers");
  cmd->add_option("--from-manifests", options->from_manifests,
                  "Read Services and ServiceEntries from a YAML file or folder; print the "
                  "result, send nothing");
  cmd->add_option("--concurrency", options->concurrency, "Requests in flight at most (with -f)")
      ->check(CLI::Range(1, 1024))
      ->capture_default_str();
  add_backend_option(*cmd, options->backend);
  add_list(*cmd, session);
  add_delete(*cmd, session);
  cmd->callback([&session, options, cmd] {
    if (!cmd->get_subcommands().empty()) {
      return;  // list or delete ran
    }
    session.finish(run_alias(session, *options));
  });
}

}  // namespace meshdns::cli
