// `kubectl meshdns explain FQDN`: gathers the cluster's DNS objects, Services and ServiceEntries
// (from the API server or --from-manifests), asks the core for the path of a pod's lookup and
// prints it hop by hop. Exit 0 when the path ends in an address, 1 when it breaks, 2 on usage.

#include "cli/alias_plan.hpp"
#include "cli/apply_common.hpp"
#include "cli/commands.hpp"
#include "cli/dns_snapshot.hpp"
#include "cli/session.hpp"

#include <meshdns/cluster_dns/backend.hpp>
#include <meshdns/cluster_dns/explain_facts.hpp>
#include <meshdns/explain/explain.hpp>
#include <meshdns/text.hpp>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <iostream>
#include <memory>
#include <string>

namespace meshdns::cli {
namespace {

struct ExplainOptions {
  std::string name;
  std::string from_manifests;
  std::string output = "text";
  std::string backend = "auto";
  std::string coredns_version;
};

const char* verdict_word(explain::Verdict verdict) {
  switch (verdict) {
    case explain::Verdict::ok:
      return "ok";
    case explain::Verdict::broken:
      return "BROKEN";
    case explain::Verdict::note:
      return "note";
  }
  return "";
}

void print_text(const explain::Explanation& out, const std::string& backend_line) {
  std::cout << out.name << "  " << backend_line << "\n";
  std::size_t number = 0;
  for (const explain::Hop& hop : out.hops) {
    std::string where = hop.object;
    if (hop.line != 0) {
      where += cat(" line ", hop.line);
    }
    std::cout << cat(++number, ". ", hop.step)
              << std::string(hop.step.size() < 13 ? 13 - hop.step.size() : 1, ' ')
              << verdict_word(hop.verdict)
              << (hop.verdict == explain::Verdict::broken ? "  " : "      ")
              << (where.empty() ? "" : cat(where, ": ")) << hop.detail << '\n';
    if (!hop.fix.empty()) {
      std::cout << "   fix: " << hop.fix << '\n';
    }
  }
  std::cout << (out.resolves() ? cat("answer: ", join(out.answer, ", "))
                               : std::string("answer: none"))
            << '\n';
}

nlohmann::ordered_json to_json(const explain::Explanation& out, const std::string& backend) {
  nlohmann::ordered_json hops = nlohmann::ordered_json::array();
  for (const explain::Hop& hop : out.hops) {
    hops.push_back({{"step", hop.step},
                    {"object", hop.object},
                    {"line", hop.line},
                    {"verdict", verdict_word(hop.verdict)},
                    {"detail", hop.detail},
                    {"fix", hop.fix}});
  }
  return {{"name", out.name}, {"backend", backend}, {"hops", hops}, {"answer", out.answer}};
}

explain::Backend resolved(cluster_dns::Backend backend) {
  switch (backend) {
    case cluster_dns::Backend::istiocoredns:
      return explain::Backend::istiocoredns;
    case cluster_dns::Backend::dns_proxy:
      return explain::Backend::dns_proxy;
    case cluster_dns::Backend::coredns:
    case cluster_dns::Backend::automatic:
      break;
  }
  return explain::Backend::coredns;
}

Result<void> run_explain(Session& session, const ExplainOptions& options) {
  Result<cluster_dns::Backend> requested = cluster_dns::parse_backend(options.backend);
  if (!requested) {
    return std::move(requested).error();
  }
  cluster_dns::ExplainRequest request;
  request.name = options.name;
  if (!options.coredns_version.empty()) {
    Result<corefile::Version> version = corefile::parse_version(options.coredns_version);
    if (!version) {
      return std::move(version).error();
    }
    request.coredns_version = *version;
  }
  Result<ApplyContext> context = open_apply_context(session, options.from_manifests);
  if (!context) {
    return std::move(context).error();
  }
  request.pod_namespace = context->namespace_name;
  Result<cluster_dns::Snapshot> snapshot = read_dns_snapshot(*context->source);
  if (!snapshot) {
    return std::move(snapshot).error();
  }
  Result<cluster_dns::BackendChoice> choice = cluster_dns::choose_backend(*snapshot, *requested);
  if (!choice) {
    return std::move(choice).error();
  }
  request.backend = resolved(choice->backend);
  Result<std::vector<nlohmann::json>> services =
      context->source->list({"", "v1", "services", "", ""});
  if (!services) {
    return std::move(services).error();
  }
  std::vector<nlohmann::json> entries;
  if (!snapshot->istio_versions.empty()) {
    Result<manifest::IstioApiVersion> version = choose_service_entry_version(*context->source, "");
    if (!version) {
      return std::move(version).error();
    }
    Result<std::vector<nlohmann::json>> listed =
        context->source->list(service_entry_ref(*version, "", ""));
    if (!listed) {
      return std::move(listed).error();
    }
    entries = std::move(*listed);
  }
  Result<explain::Input> input = cluster_dns::explain_input(*snapshot, *services, entries, request);
  if (!input) {
    return std::move(input).error();
  }
  const explain::Explanation out = explain::explain(*input);
  if (options.output == "json") {
    std::cout << to_json(out, std::string(cluster_dns::backend_name(choice->backend))).dump(2)
              << '\n';
  } else {
    print_text(out, cluster_dns::describe(*choice));
  }
  if (!out.resolves()) {
    session.set_exit_code(1);
  }
  return {};
}

}  // namespace

void add_explain_command(CLI::App& root, Session& session) {
  auto options = std::make_shared<ExplainOptions>();
  auto* cmd = root.add_subcommand(
      "explain",
      "Follow a pod's lookup of an alias hop by hop and name the hop where it breaks\n\n"
      "From the pod's search list (ndots:5) through NodeLocal DNSCache, the kube-dns server block\n"
      "CoreDNS picks (with its line and its plugins in the order CoreDNS runs them), to the next\n"
      "hop of the backend (istiocoredns's grpc line, the rewrite line, or the sidecar's DNS\n"
      "proxy) and the ServiceEntry or Service whose address answers. Each hop says ok, or what\n"
      "is wrong and the command that fixes it. Reads the cluster, or --from-manifests offline.\n"
      "Exit status: 0 the path ends in an address; 1 it breaks; 2 usage or configuration error.");
  cmd->footer(
      "Examples:\n"
      "  kubectl meshdns explain my-fruits.internal -n micro-shake-factory\n"
      "  kubectl meshdns explain my-fruits.internal -o json\n"
      "  kubectl meshdns explain my-fruits.internal --from-manifests cluster-state/\n");
  cmd->add_option("FQDN", options->name, "The alias to follow")->required();
  cmd->add_option("--from-manifests", options->from_manifests,
                  "Read the objects from a YAML/JSON file or folder instead of the cluster");
  cmd->add_option("-o,--output", options->output, "Output format: text or json")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  cmd->add_option("--backend", options->backend,
                  "The backend to judge the path for: auto (what alias picks), istiocoredns, "
                  "coredns or dns-proxy")
      ->check(CLI::IsMember({"auto", "istiocoredns", "coredns", "dns-proxy"}))
      ->capture_default_str();
  cmd->add_option("--coredns-version", options->coredns_version,
                  "The CoreDNS version of kube-dns, instead of reading it from its image");
  cmd->callback([&session, options] { session.finish(run_explain(session, *options)); });
}

}  // namespace meshdns::cli
