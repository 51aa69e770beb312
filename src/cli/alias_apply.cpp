// `kubectl meshdns alias SERVICE FQDN` and `alias -f FILE`: choose the backend (alias_backend.cpp),
// plan the aliases (alias_plan.cpp), write the coredns backend's rewrite lines in one write
// (alias_rewrites.cpp), then print the ServiceEntries (--from-manifests, --dry-run=client) or
// server-side apply them all at once, a bounded number in flight, and report each alias.

#include "cli/alias_backend.hpp"
#include "cli/alias_dns_warning.hpp"
#include "cli/alias_plan.hpp"
#include "cli/alias_rewrites.hpp"
#include "cli/alias_run.hpp"
#include "cli/session.hpp"

#include <meshdns/io/file.hpp>
#include <meshdns/kube/requests.hpp>
#include <meshdns/kube/rest_client.hpp>
#include <meshdns/manifest/alias_request.hpp>
#include <meshdns/manifest/names.hpp>
#include <meshdns/text.hpp>

#include <nlohmann/json.hpp>

#include <iostream>
#include <iterator>
#include <set>
#include <utility>

namespace meshdns::cli {
namespace {

Result<std::vector<manifest::AliasRequest>> read_requests(const AliasOptions& options,
                                                          const std::string& namespace_name) {
  const bool positional = !options.service.empty() || !options.fqdn.empty();
  if (!options.file.empty() && !options.service.empty() && options.fqdn.empty()) {
    // `alias fruits-api -fruits.internal`: pflag and CLI11 both read -f ruits.internal.
    return fail(Errc::usage,
                cat("alias got SERVICE ", options.service, " and -f ", options.file, ", no FQDN"),
                cat("a word starting with '-' is read as flags, as kubectl reads it: -f",
                    options.file, " is -f ", options.file),
                "an FQDN cannot start with '-'; give SERVICE FQDN, or -f FILE alone");
  }
  if (!options.file.empty() && positional) {
    return fail(Errc::usage, "alias takes SERVICE FQDN or -f FILE, not both",
                "-f names every alias itself", "drop the arguments or -f");
  }
  if (options.file.empty()) {
    if (options.service.empty() || options.fqdn.empty()) {
      return fail(Errc::usage, "alias needs SERVICE and FQDN",
                  "e.g. kubectl meshdns alias fruits-api my-fruits.internal",
                  "give both, or -f FILE for many");
    }
    return std::vector<manifest::AliasRequest>{{options.service, namespace_name, options.fqdn}};
  }
  std::string text;
  if (options.file == "-") {
    text.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
  } else {
    Result<std::string> read = io::read_file(options.file);
    if (!read) {
      return std::move(read).error();
    }
    text = std::move(*read);
  }
  return manifest::parse_alias_requests(text, options.file == "-" ? "stdin" : options.file,
                                        namespace_name);
}

std::string name_of(const manifest::Object& entry) {
  return entry["metadata"]["name"].get<std::string>();
}

struct Outcome {
  std::size_t failed = 0;
  int exit_code = 0;                  // of the first failure
  std::set<std::string> zones;        // of the aliases that were applied or printed
  std::vector<manifest::Object> out;  // for -o, in request order

  // Prints SPEC §4's line at once; with several aliases it names the alias it is about.
  void fail(const PlannedAlias& alias, const Error& error, bool bulk) {
    std::cerr << "error: " << (bulk ? cat(alias.request.fqdn, ": ") : std::string())
              << format_error(error) << '\n';
    if (failed++ == 0) {
      exit_code = meshdns::exit_code(error.code);
    }
  }
};

// One alias's refusal, or its warnings (and its zone for the Corefile check); true when planned.
bool report(const PlannedAlias& alias, Outcome& outcome, bool bulk) {
  if (!alias.entry) {
    outcome.fail(alias, alias.entry.error(), bulk);
    return false;
  }
  for (const std::string& warning : alias.warnings) {
    std::cerr << "warning: " << warning << '\n';
  }
  outcome.zones.insert(manifest::alias_zone(alias.request.fqdn));
  return true;
}

// --from-manifests and --dry-run=client: what would be applied, printed, nothing sent.
void print_planned(std::vector<PlannedAlias>& planned, Outcome& outcome, bool bulk) {
  for (PlannedAlias& alias : planned) {
    if (report(alias, outcome, bulk)) {
      outcome.out.push_back(std::move(*alias.entry));
    }
  }
}

// Backends without a ServiceEntry: the refused aliases reported as print_planned does.
void report_without_entries(const std::vector<PlannedAlias>& planned, Outcome& outcome, bool bulk) {
  for (const PlannedAlias& alias : planned) {
    report(alias, outcome, bulk);
  }
}

// The coredns backend's ownership check, as ServiceEntries have theirs: a recorded alias that
// answers for another Service moves only with --force (then its line is updated in place).
void refuse_moves(const std::vector<corefile::AliasRewrite>& recorded, bool force,
                  std::vector<PlannedAlias>& planned) {
  if (force) {
    return;
  }
  for (PlannedAlias& alias : planned) {
    if (!alias.entry) {
      continue;
    }
    for (const corefile::AliasRewrite& line : recorded) {
      const auto [service, namespace_name] = service_of_target(line.target);
      if (line.alias == alias.request.fqdn &&
          (service != alias.service || namespace_name != alias.request.namespace_name)) {
        alias.entry = fail(Errc::conflict,
                           cat("alias ", alias.request.fqdn, " already points at Service ",
                               namespace_name, '/', service),
                           "kube-dns's rewrite line for it answers with that Service",
                           cat("run kubectl meshdns alias delete ", alias.request.fqdn, " -n ",
                               namespace_name, " first, or pass --force to move it"));
      }
    }
  }
}

// Deletes the entries moved aliases came from (--force), after their new entries are applied.
void delete_moved(kube::RestClient& client, const std::vector<kube::ResourceRef>& moved,
                  const AliasOptions& options, Outcome& outcome) {
  if (moved.empty()) {
    return;
  }
  const DryRunMode mode = parse_dry_run(options.dry_run);
  std::vector<kube::Request> requests;
  for (const kube::ResourceRef& ref : moved) {
    requests.push_back(kube::delete_request(kube::resource_path(ref), server_dry_run(mode)));
  }
  std::vector<Result<kube::Response>> results =
      client.perform_all(std::move(requests), options.concurrency);
  for (std::size_t i = 0; i < moved.size(); ++i) {
    if (!results[i] && results[i].error().code != Errc::not_found) {
      std::cerr << "error: " << format_error(results[i].error()) << '\n';
      if (outcome.failed++ == 0) {
        outcome.exit_code = exit_code(results[i].error().code);
      }
      continue;
    }
    if (options.output.empty()) {
      std::cout << k_service_entry_resource << " \"" << moved[i].name << "\" deleted"
                << dry_run_suffix(mode) << " (moved from namespace " << moved[i].namespace_name
                << ")\n";
    }
  }
}

void apply_planned(kube::RestClient& client, std::vector<PlannedAlias>& planned,
                   const AliasOptions& options, Outcome& outcome, bool bulk) {
  const DryRunMode mode = parse_dry_run(options.dry_run);
  kube::ApplyOptions apply;
  apply.force = options.force ? kube::Force::yes : kube::Force::no;
  apply.dry_run = server_dry_run(mode);

  std::vector<kube::Request> requests;
  std::vector<std::size_t> sent;  // request index -> planned index
  for (std::size_t i = 0; i < planned.size(); ++i) {
    if (!planned[i].entry) {
      continue;
    }
    const manifest::Object& entry = *planned[i].entry;
    const kube::ResourceRef ref = service_entry_ref(
        *manifest::parse_istio_api_version(entry["apiVersion"].get<std::string>()),
        planned[i].request.namespace_name, name_of(entry));
    requests.push_back(kube::apply_request(kube::resource_path(ref), entry.dump(), apply));
    sent.push_back(i);
  }
  std::vector<Result<kube::Response>> results = client.perform_all(requests, options.concurrency);

  std::vector<std::size_t> request_of(planned.size(), 0);  // planned index -> request index
  for (std::size_t r = 0; r < sent.size(); ++r) {
    request_of[sent[r]] = r;
  }
  std::vector<kube::ResourceRef> moved;
  for (std::size_t i = 0; i < planned.size(); ++i) {
    PlannedAlias& alias = planned[i];
    if (!alias.entry) {
      outcome.fail(alias, alias.entry.error(), bulk);
      continue;
    }
    const Result<kube::Response>& result = results[request_of[i]];
    if (!result) {
      outcome.fail(alias, result.error(), bulk);
      continue;
    }
    for (const std::string& warning : alias.warnings) {
      std::cerr << "warning: " << warning << '\n';
    }
    outcome.zones.insert(manifest::alias_zone(alias.request.fqdn));
    moved.insert(moved.end(), alias.moved_from.begin(), alias.moved_from.end());
    if (options.output.empty()) {
      std::cout << k_service_entry_resource << '/' << name_of(*alias.entry) << " serverside-applied"
                << dry_run_suffix(mode) << '\n';
      continue;
    }
    // -o prints what the server made of it (uid, managedFields...), as kubectl apply -o does.
    Result<nlohmann::json> body = kube::parse_json_body(requests[request_of[i]], *result);
    outcome.out.push_back(body ? manifest::Object::parse(body->dump()) : *alias.entry);
  }
  delete_moved(client, moved, options, outcome);
}

}  // namespace

Result<void> run_alias(Session& session, const AliasOptions& options) {
  Result<ApplyContext> context = open_apply_context(session, options.from_manifests);
  if (!context) {
    return std::move(context).error();
  }
  Result<std::vector<manifest::AliasRequest>> requests =
      read_requests(options, context->namespace_name);
  if (!requests) {
    return std::move(requests).error();
  }
  // A mistyped alias costs no round trip (plan_aliases checks each name of -f on its own).
  if (options.file.empty()) {
    if (Result<void> checked = manifest::check_alias_fqdn(options.fqdn, options.cluster_domain);
        !checked) {
      return checked;
    }
  }
  Result<AliasBackend> backend = choose_alias_backend(session, *context->source, options.backend);
  if (!backend) {
    return std::move(backend).error();
  }
  const cluster_dns::BackendChoice& choice = backend->choice;
  AliasPlanOptions plan_options;
  plan_options.cluster_domain = options.cluster_domain;
  plan_options.force = options.force ? manifest::Force::yes : manifest::Force::no;
  plan_options.service_entries = choice.service_entry;
  if (choice.service_entry) {
    Result<manifest::IstioApiVersion> version =
        choose_service_entry_version(backend->snapshot.istio_versions, options.api_version);
    if (!version) {
      return std::move(version).error();
    }
    plan_options.api_version = *version;
  }
  Result<std::vector<PlannedAlias>> planned =
      plan_aliases(*context->source, *requests, plan_options);
  if (!planned) {
    return std::move(planned).error();
  }

  const bool bulk = !options.file.empty();
  const DryRunMode mode = parse_dry_run(options.dry_run);
  const bool print_only = context->source->offline() || mode == DryRunMode::client;
  if (!bulk && !planned->front().entry) {
    // One alias refused before anything was written: the usual one-line error and exit code.
    return std::move(planned->front().entry).error();
  }
  Outcome outcome;
  if (choice.backend == cluster_dns::Backend::coredns) {
    // The Corefile first, in one write for every alias: when it is refused (a CoreDNS too old,
    // another block serving the zone), no ServiceEntry has been applied either.
    refuse_moves(cluster_dns::recorded_aliases(backend->snapshot), options.force, *planned);
    std::vector<corefile::AliasRewrite> rewrites;
    for (const PlannedAlias& alias : *planned) {
      if (alias.entry) {
        rewrites.push_back({alias.request.fqdn, "", alias.service, alias.request.namespace_name});
      }
    }
    RewriteRun run{session, *context->source, context->client, mode};
    if (!rewrites.empty() && !write_alias_rewrites(run, cluster_dns::Action::patch, rewrites,
                                                   print_only ? &outcome.out : nullptr)) {
      return {};  // the error is printed and the exit code set; nothing else was written
    }
  }
  if (!choice.service_entry) {
    report_without_entries(*planned, outcome, bulk);
  } else if (print_only) {
    print_planned(*planned, outcome, bulk);
  } else {
    apply_planned(*context->client, *planned, options, outcome, bulk);
  }
  // When nothing is sent, only the objects tell what would happen: YAML unless -o says json.
  if (!outcome.out.empty() && (print_only || !options.output.empty())) {
    std::cout << render_objects(outcome.out, options.output.empty() ? "yaml" : options.output);
  }
  if (choice.backend == cluster_dns::Backend::istiocoredns) {
    warn_unforwarded_zones(session, backend->snapshot, outcome.zones);
  }
  if (outcome.failed == 0) {
    return {};
  }
  if (bulk) {
    std::cerr << outcome.failed << " of " << planned->size() << " aliases failed, "
              << planned->size() - outcome.failed << (print_only ? " printed" : " applied") << '\n';
  }
  // One alias: its error decides (2 for a bad argument); several: 1, some were applied.
  session.set_exit_code(bulk ? 1 : outcome.exit_code);
  return {};
}

}  // namespace meshdns::cli
