// `kubectl meshdns alias delete FQDN...`: removes the ServiceEntries this tool made for those
// aliases and, with the coredns backend, exactly their rewrite lines (one write for all), and
// nothing it did not make.

#include "cli/alias_backend.hpp"
#include "cli/alias_plan.hpp"
#include "cli/alias_rewrites.hpp"
#include "cli/alias_run.hpp"
#include "cli/session.hpp"

#include <meshdns/kube/requests.hpp>
#include <meshdns/kube/rest_client.hpp>
#include <meshdns/manifest/alias_record.hpp>
#include <meshdns/manifest/json_fields.hpp>
#include <meshdns/text.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <iostream>
#include <map>
#include <optional>
#include <set>

namespace meshdns::cli {
namespace {

// The entry found for an FQDN, by the alias it records (its name may be the hashed form).
std::map<std::string, manifest::AliasRecord> by_alias(const std::vector<nlohmann::json>& entries) {
  std::map<std::string, manifest::AliasRecord> out;
  for (const nlohmann::json& entry : entries) {
    Result<manifest::AliasRecord> record = manifest::alias_record_from(entry);
    if (record) {
      out.emplace(record->fqdn, std::move(*record));
    }
  }
  return out;
}

// Why an FQDN has no entry of ours: maybe someone else's entry holds it.
Error not_ours(ObjectSource& source, manifest::IstioApiVersion version,
               const std::string& namespace_name, const std::string& fqdn) {
  std::optional<std::string> holder;
  if (Result<std::vector<nlohmann::json>> all =
          source.list(service_entry_ref(version, namespace_name, ""));
      all) {
    for (const nlohmann::json& entry : *all) {
      const auto hosts_at = "/spec/hosts"_json_pointer;
      const nlohmann::json hosts =
          entry.contains(hosts_at) ? entry.at(hosts_at) : nlohmann::json::array();
      if (hosts.is_array() && std::find(hosts.begin(), hosts.end(), fqdn) != hosts.end()) {
        holder = cat(manifest::namespace_of(entry), "/", manifest::name_of(entry));
      }
    }
  }
  if (holder) {
    return fail(Errc::refused, cat("alias ", fqdn, " is not managed by kubectl-meshdns"),
                cat("ServiceEntry ", *holder, " holds it, and kubectl-meshdns did not create it"),
                "delete it with kubectl if it should go");
  }
  return fail(Errc::not_found, cat("alias ", fqdn, " not found in namespace ", namespace_name),
              "no ServiceEntry there holds it",
              "see where aliases are with kubectl meshdns alias list -A");
}

}  // namespace

Result<void> run_alias_delete(Session& session, const AliasDeleteOptions& options) {
  Result<ApplyContext> context = open_apply_context(session, "");
  if (!context) {
    return std::move(context).error();
  }
  Result<AliasBackend> backend =
      choose_alias_backend(session, *context->source, options.backend, Announce::no);
  if (!backend) {
    return std::move(backend).error();
  }
  const std::string& namespace_name = context->namespace_name;
  // Our ServiceEntries, when the backend has them; else the version only names resources.
  manifest::IstioApiVersion version = manifest::IstioApiVersion::v1;
  std::map<std::string, manifest::AliasRecord> ours;
  if (backend->choice.service_entry) {
    Result<manifest::IstioApiVersion> served =
        choose_service_entry_version(backend->snapshot.istio_versions, "");
    if (!served) {
      return std::move(served).error();
    }
    version = *served;
    Result<std::vector<nlohmann::json>> entries =
        context->source->list(service_entry_ref(version, namespace_name, ""),
                              cat(manifest::k_managed_by_key, '=', manifest::k_managed_by_value));
    if (!entries) {
      return std::move(entries).error();
    }
    ours = by_alias(*entries);
  }
  // The coredns backend's aliases of this namespace, as the Corefile's holder records them.
  std::set<std::string> rewritten;
  if (backend->choice.backend == cluster_dns::Backend::coredns) {
    for (const corefile::AliasRewrite& alias : cluster_dns::recorded_aliases(backend->snapshot)) {
      if (service_of_target(alias.target).second == namespace_name) {
        rewritten.insert(alias.alias);
      }
    }
  }

  const DryRunMode mode = parse_dry_run(options.dry_run);
  std::vector<kube::Request> requests;
  std::vector<std::string> names;  // by request
  std::vector<corefile::AliasRewrite> lines;
  std::optional<Error> first_error;
  const auto report = [&first_error](Error error) {
    std::cerr << "error: " << format_error(error) << '\n';
    if (!first_error) {
      first_error = std::move(error);
    }
  };
  for (const std::string& fqdn : options.fqdns) {
    const auto found = ours.find(fqdn);
    const bool has_line = rewritten.count(fqdn) > 0;
    if (has_line) {
      lines.push_back({fqdn, "", "", ""});
    }
    if (found == ours.end()) {
      if (!has_line) {
        report(backend->choice.service_entry
                   ? not_ours(*context->source, version, namespace_name, fqdn)
                   : fail(Errc::not_found,
                          cat("alias ", fqdn, " not found in namespace ", namespace_name),
                          "no rewrite line of kubectl-meshdns answers it",
                          "see where aliases are with kubectl meshdns alias list -A"));
      }
      continue;
    }
    names.push_back(found->second.name);
    requests.push_back(kube::delete_request(
        kube::resource_path(service_entry_ref(version, namespace_name, found->second.name)),
        server_dry_run(mode)));
  }
  // The lines first, all in one write: CoreDNS stops answering before the entries go.
  if (!lines.empty()) {
    RewriteRun run{session, *context->source, context->client, mode};
    if (!write_alias_rewrites(run, cluster_dns::Action::unpatch, std::move(lines), nullptr)) {
      return {};
    }
  }
  std::vector<Result<kube::Response>> results;
  if (mode == DryRunMode::client) {
    results.resize(requests.size(), kube::Response{});  // client dry run: no request is sent
  } else if (!requests.empty()) {
    results = context->client->perform_all(std::move(requests));
  }
  for (std::size_t i = 0; i < results.size(); ++i) {
    if (!results[i]) {
      report(results[i].error());
      continue;
    }
    std::cout << k_service_entry_resource << " \"" << names[i] << "\" deleted"
              << dry_run_suffix(mode) << '\n';
  }
  if (first_error) {
    session.set_exit_code(options.fqdns.size() == 1 ? exit_code(first_error->code) : 1);
  }
  return {};
}

}  // namespace meshdns::cli
