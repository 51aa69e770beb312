#include "cli/commands.hpp"
#include "cli/corefile_file.hpp"
#include "cli/corefile_flags.hpp"
#include "cli/session.hpp"

#include <meshdns/corefile/engine.hpp>
#include <meshdns/text.hpp>

#include <CLI/CLI.hpp>

#include <memory>
#include <string>
#include <vector>

namespace meshdns::cli {
namespace {

// The raw flag values of one `corefile` subcommand, checked in to_job() once CLI11 is done.
struct CorefileFlags {
  std::string file;
  std::string kind = "kube-dns";
  std::vector<std::string> zones;
  std::string upstream;
  std::string coredns_version;
  bool in_place = false;
};

struct SubcommandSpec {
  CorefileAction action;
  const char* name;
  const char* summary;
  const char* example;
};

constexpr SubcommandSpec k_subcommands[] = {
    {CorefileAction::patch, "patch",
     "Route the alias zones to istiocoredns (kube-dns) or to the Istio plugin (istiocoredns)",
     "  kubectl meshdns corefile patch --file Corefile --coredns-version 1.6.2 "
     "--upstream 10.96.0.60\n"
     "  kubectl meshdns corefile patch --file istiocoredns.Corefile --kind istiocoredns "
     "--coredns-version 1.1.2 --in-place"},
    {CorefileAction::unpatch, "unpatch", "Remove exactly what patch added",
     "  kubectl meshdns corefile unpatch --file Corefile --coredns-version 1.6.2 --in-place"},
    {CorefileAction::lint, "lint", "Report what the CoreDNS of that version would refuse",
     "  kubectl meshdns corefile lint --file Corefile --coredns-version 1.6.2"},
    {CorefileAction::diff, "diff", "Show what patch would change (exit 0 none, 1 some, 2 error)",
     "  kubectl meshdns corefile diff --file Corefile --coredns-version 1.6.2 "
     "--upstream 10.96.0.60"},
};

std::string name_of(CorefileAction action) {
  for (const SubcommandSpec& spec : k_subcommands) {
    if (spec.action == action) {
      return spec.name;
    }
  }
  return "corefile";
}

// Turns the flags into a job, or the usage error that tells the user what to pass.
Result<CorefileFileJob> to_job(CorefileAction action, const CorefileFlags& flags) {
  const std::string command = cat("corefile ", name_of(action));
  if (flags.file.empty()) {
    return fail(Errc::usage, cat(command, " needs --file"),
                "reading and writing the cluster's Corefiles is not available yet",
                "pass --file PATH to work on a local Corefile");
  }
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

  Result<corefile::Version> version = parse_coredns_version_flag(flags.coredns_version);
  if (!version) {
    return std::move(version).error();
  }
  job.options.coredns_version = *version;

  if (!flags.zones.empty()) {
    Result<std::vector<std::string>> zones = normalize_zones(flags.zones);
    if (!zones) {
      return std::move(zones).error();
    }
    job.options.zones = std::move(*zones);
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

void add_subcommand(CLI::App& corefile, const SubcommandSpec& spec, Session& session) {
  auto flags = std::make_shared<CorefileFlags>();
  CLI::App* command = corefile.add_subcommand(spec.name, spec.summary);
  command->footer(cat("Example:\n", spec.example, "\n"));
  command->add_option("-f,--file", flags->file,
                      "Work on this local Corefile instead of the cluster (required for now)");
  command->add_option("--kind", flags->kind, "Which Corefile the file is (default kube-dns)")
      ->check(CLI::IsMember({"kube-dns", "istiocoredns"}));
  command
      ->add_option("--zone", flags->zones,
                   "Alias zone, repeatable (default internal); a DNS name such as corp.example")
      ->allow_extra_args(false);
  command->add_option("--coredns-version", flags->coredns_version,
                      "Release (1.6.2) or image (coredns/coredns:1.6.2) of the CoreDNS that loads "
                      "the file; required with --file");
  if (spec.action != CorefileAction::lint) {
    command->add_option("--upstream", flags->upstream,
                        "kube-dns: istiocoredns's cluster IP[:PORT] (required); istiocoredns: "
                        "the plugin's address (default 127.0.0.1:8053)");
  }
  if (spec.action == CorefileAction::patch || spec.action == CorefileAction::unpatch) {
    command->add_flag("--in-place", flags->in_place,
                      "Rewrite the file atomically (keeping its mode) instead of printing it, "
                      "and only if it changes");
  }
  command->callback([action = spec.action, flags, &session] {
    Result<CorefileFileJob> job = to_job(action, *flags);
    if (!job) {
      session.fail(job.error());
      return;
    }
    run_corefile_on_file(*job, session);
  });
}

}  // namespace

void add_corefile_command(CLI::App& root, Session& session) {
  CLI::App* corefile = root.add_subcommand(
      "corefile", "Patch, unpatch, lint or diff the CoreDNS Corefiles (kube-dns and istiocoredns)");
  corefile->require_subcommand(1);
  corefile->footer(
      "Example:\n"
      "  kubectl meshdns corefile diff --file Corefile --coredns-version 1.6.2 --upstream "
      "10.96.0.60\n");
  for (const SubcommandSpec& spec : k_subcommands) {
    add_subcommand(*corefile, spec, session);
  }
}

}  // namespace meshdns::cli
