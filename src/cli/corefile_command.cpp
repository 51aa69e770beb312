#include "cli/commands.hpp"
#include "cli/corefile_cluster.hpp"
#include "cli/corefile_file.hpp"
#include "cli/corefile_flags.hpp"
#include "cli/session.hpp"

#include <meshdns/cluster_dns/backend.hpp>
#include <meshdns/corefile/engine.hpp>
#include <meshdns/text.hpp>

#include <CLI/CLI.hpp>

#include <memory>
#include <string>
#include <vector>

namespace meshdns::cli {
namespace {

// The raw flag values of one `corefile` subcommand, checked in to_file_job() / to_cluster_job()
// once CLI11 is done.
struct CorefileFlags {
  std::string file;
  std::string kind = "kube-dns";
  std::vector<std::string> zones;
  std::string upstream;
  std::string coredns_version;
  bool in_place = false;
  std::string target = "all";
  std::string dry_run = "none";
  std::string output;
  bool restart = false;
  std::string from_manifests;
  bool force = false;
  std::string backend;
  std::vector<std::string> aliases;
};

// Which flags a subcommand takes besides --zone.
enum Takes : unsigned {
  k_file = 1U << 0U,      // --file, --kind (and --in-place for patch/unpatch)
  k_upstream = 1U << 1U,  // --upstream
  k_version = 1U << 2U,   // --coredns-version
  k_target = 1U << 3U,    // --target
  k_writes = 1U << 4U,    // --dry-run, --restart
  k_offline = 1U << 5U,   // --from-manifests
  k_zones = 1U << 6U,     // --zone
  k_force = 1U << 7U,     // --force
  k_backend = 1U << 8U,   // --backend, --alias
};

struct SubcommandSpec {
  CorefileAction action;
  const char* name;
  const char* summary;
  unsigned takes;
  const char* outputs;  // -o values, "" for none
  const char* example;
};

constexpr SubcommandSpec k_subcommands[] = {
    {CorefileAction::patch, "patch",
     "Route the alias zones to istiocoredns (kube-dns) and to the Istio plugin (istiocoredns)",
     k_file | k_upstream | k_version | k_target | k_writes | k_offline | k_zones | k_force |
         k_backend,
     "yaml|json",
     "  kubectl meshdns corefile patch\n"
     "  kubectl meshdns corefile patch --backend coredns   # put back the aliases' rewrite lines\n"
     "  kubectl meshdns corefile patch --zone internal --zone corp.example --dry-run=server\n"
     "  kubectl meshdns corefile patch --from-manifests cluster/ > patched.yaml\n"
     "  kubectl meshdns corefile patch --file Corefile --coredns-version 1.6.2 "
     "--upstream 10.96.0.60\n"
     "  kubectl meshdns corefile patch --file Corefile --coredns-version 1.11.3 --backend coredns "
     "\\\n      --alias "
     "my-fruits.internal=fruits-api-service.micro-shake-factory.svc.cluster.local"},
    {CorefileAction::unpatch, "unpatch", "Remove exactly what patch added",
     k_file | k_upstream | k_version | k_target | k_writes | k_offline | k_zones | k_backend,
     "yaml|json",
     "  kubectl meshdns corefile unpatch\n"
     "  kubectl meshdns corefile unpatch --file Corefile --coredns-version 1.6.2 --in-place\n"
     "  kubectl meshdns corefile unpatch --file Corefile --coredns-version 1.11.3 --backend "
     "coredns --alias my-fruits.internal"},
    {CorefileAction::lint, "lint", "Report what the CoreDNS of that version would refuse",
     k_file | k_version | k_offline | k_zones | k_backend, "",
     "  kubectl meshdns corefile lint\n"
     "  kubectl meshdns corefile lint --file Corefile --coredns-version 1.6.2"},
    {CorefileAction::diff, "diff", "Show what patch would change (exit 0 none, 1 some, 2 error)",
     k_file | k_upstream | k_version | k_target | k_offline | k_zones | k_force | k_backend, "",
     "  kubectl meshdns corefile diff\n"
     "  kubectl meshdns corefile diff --file Corefile --coredns-version 1.6.2 "
     "--upstream 10.96.0.60"},
    {CorefileAction::show, "show", "Print the cluster's DNS configuration and where it lives",
     k_offline, "yaml|json",
     "  kubectl meshdns corefile show\n"
     "  kubectl meshdns corefile show -o yaml"},
    {CorefileAction::rollback, "rollback",
     "Restore the objects saved before the last patch or unpatch", k_writes | k_force, "yaml|json",
     "  kubectl meshdns corefile rollback --dry-run=server\n"
     "  kubectl meshdns corefile rollback"},
    {CorefileAction::status, "status",
     "Is the patch still in place? (exit 0 yes, 1 drifted or missing, 2 error)",
     k_upstream | k_version | k_target | k_offline | k_zones | k_backend, "json",
     "  kubectl meshdns corefile status\n"
     "  kubectl meshdns corefile status -o json\n"
     "  kubectl meshdns corefile status --backend coredns"},
};

std::string name_of(CorefileAction action) {
  for (const SubcommandSpec& spec : k_subcommands) {
    if (spec.action == action) {
      return spec.name;
    }
  }
  return "corefile";
}

Result<std::vector<std::string>> zones_of(const CorefileFlags& flags) {
  if (flags.zones.empty()) {
    return std::vector<std::string>{"internal"};
  }
  return normalize_zones(flags.zones);
}

// Turns the flags into a job, or the usage error that tells the user what to pass.
Result<CorefileFileJob> to_file_job(CorefileAction action, const CorefileFlags& flags,
                                    bool kind_given) {
  const std::string command = cat("corefile ", name_of(action));
  if (flags.coredns_version.empty()) {
    return fail(Errc::usage, cat(command, " --file needs --coredns-version"),
                "a file does not say which CoreDNS will load it, and the edit and the checks "
                "depend on it",
                "pass the release or image of that CoreDNS, e.g. --coredns-version 1.6.2 or "
                "--coredns-version registry.k8s.io/coredns/coredns:v1.11.1");
  }
  CorefileFileJob job;
  job.action = action;
  job.path = flags.file;
  job.in_place = flags.in_place ? InPlace::yes : InPlace::no;
  job.options.kind =
      flags.kind == "istiocoredns" ? corefile::Kind::istiocoredns : corefile::Kind::kube_dns;
  job.options.force = flags.force ? corefile::Force::yes : corefile::Force::no;

  Result<corefile::Version> version = parse_coredns_version_flag(flags.coredns_version);
  if (!version) {
    return std::move(version).error();
  }
  job.options.coredns_version = *version;

  Result<std::vector<std::string>> zones = zones_of(flags);
  if (!zones) {
    return std::move(zones).error();
  }
  job.options.zones = std::move(*zones);

  FileBackendFlags backend_flags{flags.backend, flags.aliases, false};
  backend_flags.zone_flags = !flags.zones.empty() || !flags.upstream.empty() || kind_given;
  if (Result<void> backend = apply_file_backend(backend_flags, job); !backend) {
    return std::move(backend).error();
  }
  if (job.backend == FileBackend::coredns) {
    return job;
  }

  const bool writes_forward = job.options.kind == corefile::Kind::kube_dns &&
                              (action == CorefileAction::patch || action == CorefileAction::diff);
  if (flags.upstream.empty() && writes_forward) {
    return fail(Errc::usage, cat(command, " --kind kube-dns needs --upstream"),
                "the kube-dns Corefile forwards the zones to istiocoredns's cluster IP",
                "pass it, e.g. --upstream $(kubectl -n istio-system get svc istiocoredns -o "
                "jsonpath='{.spec.clusterIP}')");
  }
  if (!flags.upstream.empty()) {
    Result<std::string> upstream = check_upstream(flags.upstream);
    if (!upstream) {
      return std::move(upstream).error();
    }
    job.options.upstream = std::move(*upstream);
  }
  return job;
}

Error only_with(const std::string& command, std::string_view flag, std::string_view needs) {
  return fail(Errc::usage, cat(command, ": ", flag, " works only ", needs));
}

Result<CorefileClusterJob> to_cluster_job(CorefileAction action, const CorefileFlags& flags,
                                          const CLI::App& app, const Session& session) {
  const std::string command = cat("corefile ", name_of(action));
  std::vector<const char*> file_only = {"--kind", "--in-place"};
  if (action == CorefileAction::lint) {
    file_only.insert(file_only.end(), {"--backend", "--alias"});  // lint reads what is there
  }
  for (const char* flag : file_only) {
    if (app.get_option_no_throw(flag) != nullptr && app.count(flag) > 0) {
      return only_with(command, flag, "with --file");
    }
  }
  CorefileClusterJob job;
  job.action = action;
  job.plan.action =
      action == CorefileAction::unpatch ? cluster_dns::Action::unpatch : cluster_dns::Action::patch;
  if (!flags.backend.empty()) {
    Result<cluster_dns::Backend> backend = cluster_dns::parse_backend(flags.backend);
    if (!backend) {
      return std::move(backend).error();
    }
    job.backend = *backend;
  }
  for (const std::string& value : flags.aliases) {
    Result<corefile::AliasRewrite> alias =
        parse_alias_flag(value, action == CorefileAction::patch || action == CorefileAction::diff);
    if (!alias) {
      return std::move(alias).error();
    }
    job.plan.aliases.push_back(std::move(*alias));
  }
  job.plan.target = flags.target == "kube-dns"       ? cluster_dns::Target::kube_dns
                    : flags.target == "istiocoredns" ? cluster_dns::Target::istiocoredns
                                                     : cluster_dns::Target::all;
  Result<std::vector<std::string>> zones = zones_of(flags);
  if (!zones) {
    return std::move(zones).error();
  }
  job.plan.zones = std::move(*zones);
  if (!flags.coredns_version.empty()) {
    Result<corefile::Version> version = parse_coredns_version_flag(flags.coredns_version);
    if (!version) {
      return std::move(version).error();
    }
    job.plan.coredns_version = *version;
  }
  if (!flags.upstream.empty()) {
    Result<std::string> upstream = check_upstream(flags.upstream);
    if (!upstream) {
      return std::move(upstream).error();
    }
    job.plan.upstream = std::move(*upstream);
  }
  job.dry_run = parse_dry_run(flags.dry_run);
  job.output = flags.output == "yaml"   ? OutputFormat::yaml
               : flags.output == "json" ? OutputFormat::json
                                        : OutputFormat::none;
  job.restart = flags.restart;
  job.plan.force = flags.force ? corefile::Force::yes : corefile::Force::no;
  job.from_manifests = flags.from_manifests;
  if (!job.from_manifests.empty() && (job.dry_run != DryRunMode::none || job.restart)) {
    return only_with(command, job.restart ? "--restart" : "--dry-run",
                     "against the cluster; --from-manifests never writes");
  }
  job.manifest_namespace = session.options().kube.namespace_name.value_or("default");
  return job;
}

void add_subcommand(CLI::App& corefile, const SubcommandSpec& spec, Session& session) {
  auto flags = std::make_shared<CorefileFlags>();
  CLI::App* command = corefile.add_subcommand(spec.name, spec.summary);
  command->footer(cat("Examples:\n", spec.example, "\n"));
  const unsigned takes = spec.takes;
  if ((takes & k_file) != 0U) {
    command->add_option("-f,--file", flags->file,
                        "Work on this local Corefile instead of the cluster");
    command
        ->add_option("--kind", flags->kind, "With --file: which Corefile it is (default kube-dns)")
        ->check(CLI::IsMember({"kube-dns", "istiocoredns"}));
  }
  if ((takes & k_zones) != 0U) {
    command
        ->add_option("--zone", flags->zones,
                     "Alias zone, repeatable (default internal); a DNS name such as corp.example")
        ->allow_extra_args(false);
  }
  if ((takes & k_version) != 0U) {
    command->add_option("--coredns-version", flags->coredns_version,
                        "Release (1.6.2) or image (coredns/coredns:1.6.2) of the CoreDNS that "
                        "loads the Corefile; required with --file, else read from the image");
  }
  if ((takes & k_upstream) != 0U) {
    command->add_option("--upstream", flags->upstream,
                        "kube-dns: istiocoredns's cluster IP[:PORT] (required with --file, else "
                        "read from Service istio-system/istiocoredns); istiocoredns: the plugin's "
                        "address (default 127.0.0.1:8053)");
  }
  if ((takes & k_file) != 0U &&
      (spec.action == CorefileAction::patch || spec.action == CorefileAction::unpatch)) {
    command->add_flag("--in-place", flags->in_place,
                      "With --file: rewrite the file atomically (keeping its mode) instead of "
                      "printing it, and only if it changes");
  }
  if ((takes & k_backend) != 0U) {
    command
        ->add_option("--backend", flags->backend,
                     "How aliases resolve. istiocoredns (Istio 1.1-1.8): each --zone is routed to "
                     "istiocoredns. coredns (CoreDNS >= 1.2.5, any pod, with or without Istio): "
                     "one 'rewrite name exact FQDN SERVICE_FQDN' line per --alias in the server "
                     "block that holds the kubernetes plugin. dns-proxy: no Corefile change (Istio "
                     "sidecars that capture DNS answer the ServiceEntry). With --file: coredns "
                     "when --alias is given, else istiocoredns")
        ->check(CLI::IsMember({"auto", "istiocoredns", "coredns", "dns-proxy"}));
    command
        ->add_option(
            "--alias", flags->aliases,
            "With --backend coredns, repeatable: FQDN=SERVICE_FQDN, e.g. my-fruits.internal="
            "fruits-api-service.micro-shake-factory.svc.cluster.local (unpatch: FQDN)")
        ->allow_extra_args(false);
  }
  if ((takes & k_target) != 0U) {
    command
        ->add_option("--target", flags->target,
                     "Which Corefiles: kube-dns, istiocoredns or all (default)")
        ->check(CLI::IsMember({"kube-dns", "istiocoredns", "all"}));
  }
  if ((takes & k_writes) != 0U) {
    command
        ->add_option("--dry-run", flags->dry_run,
                     "none (default), client (print what would be sent, send no write) or "
                     "server (the API server checks each write and stores nothing)")
        ->check(CLI::IsMember({"none", "client", "server"}));
    command->add_flag("--restart", flags->restart,
                      "Restart CoreDNS whose Corefile has no reload plugin (as kubectl rollout "
                      "restart does)");
  }
  if ((takes & k_force) != 0U) {
    command->add_flag("--force", flags->force,
                      spec.action == CorefileAction::rollback
                          ? "Restore even objects changed since kubectl meshdns wrote them "
                            "(prints what their changes were, which the restore overwrites)"
                          : "Set aside, as comments unpatch restores, a user's own block or line "
                            "for the zone instead of refusing to patch");
  }
  if ((takes & k_offline) != 0U) {
    command->add_option("--from-manifests", flags->from_manifests,
                        "Read the objects from this file or folder of manifests instead of the "
                        "cluster; patch and unpatch print the changed objects");
  }
  if (*spec.outputs != '\0') {
    const std::vector<std::string> formats = std::string_view(spec.outputs) == "json"
                                                 ? std::vector<std::string>{"json"}
                                                 : std::vector<std::string>{"yaml", "json"};
    command->add_option("-o,--output", flags->output, cat("Output format: ", spec.outputs))
        ->check(CLI::IsMember(formats));
  }
  command->callback([action = spec.action, flags, command, &session] {
    if (!flags->file.empty()) {
      // -o prints the objects sent to the cluster; with --file the result is the Corefile itself.
      for (const char* flag :
           {"--target", "--dry-run", "--restart", "--from-manifests", "--output"}) {
        if (command->get_option_no_throw(flag) != nullptr && command->count(flag) > 0) {
          session.fail(only_with(cat("corefile ", name_of(action)),
                                 std::string_view(flag) == "--output" ? "-o" : flag,
                                 "on the cluster, not with --file (the result is the Corefile)"));
          return;
        }
      }
      const bool kind_given =
          command->get_option_no_throw("--kind") != nullptr && command->count("--kind") > 0;
      Result<CorefileFileJob> job = to_file_job(action, *flags, kind_given);
      if (!job) {
        session.fail(job.error());
        return;
      }
      run_corefile_on_file(*job, session);
      return;
    }
    Result<CorefileClusterJob> job = to_cluster_job(action, *flags, *command, session);
    if (!job) {
      session.fail(job.error());
      return;
    }
    run_corefile_on_cluster(*job, session);
  });
}

}  // namespace

void add_corefile_command(CLI::App& root, Session& session) {
  CLI::App* corefile = root.add_subcommand(
      "corefile",
      "Patch, unpatch, diff, lint, show, roll back or check the CoreDNS Corefiles (kube-dns and "
      "istiocoredns)");
  corefile->require_subcommand(1);
  corefile->footer(
      "Examples:\n"
      "  kubectl meshdns corefile patch\n"
      "  kubectl meshdns corefile status -o json\n"
      "  kubectl meshdns corefile diff --file Corefile --coredns-version 1.6.2 --upstream "
      "10.96.0.60\n");
  for (const SubcommandSpec& spec : k_subcommands) {
    add_subcommand(*corefile, spec, session);
  }
}

}  // namespace meshdns::cli
