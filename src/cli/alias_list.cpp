// `kubectl meshdns alias list`: the ServiceEntries this tool manages (by the managed-by label) and
// the coredns backend's aliases recorded beside their rewrite lines, as kubectl prints resources:
// a table, or the ServiceEntries with -o json|yaml.

#include "cli/alias_backend.hpp"
#include "cli/alias_plan.hpp"
#include "cli/alias_run.hpp"
#include "cli/dns_snapshot.hpp"
#include "cli/rbac_hint.hpp"
#include "cli/session.hpp"

#include <meshdns/cluster_dns/plan.hpp>
#include <meshdns/log.hpp>
#include <meshdns/manifest/age.hpp>
#include <meshdns/manifest/alias_record.hpp>
#include <meshdns/manifest/json_fields.hpp>
#include <meshdns/manifest/render.hpp>
#include <meshdns/manifest/yaml_json.hpp>
#include <meshdns/text.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <chrono>
#include <iostream>
#include <optional>
#include <set>
#include <tuple>

namespace meshdns::cli {
namespace {

constexpr std::size_t k_columns = 5;
using Row = std::array<std::string, k_columns>;

// kubectl's tabwriter layout: each column as wide as its widest cell plus three spaces.
void print_table(std::vector<Row> rows) {
  std::array<std::size_t, k_columns> widths{};
  for (Row& row : rows) {
    for (std::string& cell : row) {
      cell = escape_terminal(cell, Newlines::escape);  // tenants' annotations, as kubectl get
    }
    for (std::size_t c = 0; c < k_columns; ++c) {
      widths[c] = std::max(widths[c], row[c].size());
    }
  }
  for (const Row& row : rows) {
    std::string line;
    for (std::size_t c = 0; c < k_columns; ++c) {
      line += row[c];
      if (c + 1 < k_columns) {
        line.append(widths[c] - row[c].size() + 3, ' ');
      }
    }
    std::cout << line << '\n';
  }
}

// "NS/NAME" -> "NAME": the table has its own NAMESPACE column.
std::string service_name(const std::string& qualified) {
  if (qualified.empty()) {
    return "<unknown>";
  }
  return qualified.substr(qualified.find('/') + 1);
}

using Found = std::vector<std::tuple<manifest::AliasRecord, const nlohmann::json*>>;

// The coredns backend's aliases that have no ServiceEntry of their own, with their Services'
// addresses (read at once).
void add_rewritten(ObjectSource& source, const std::vector<corefile::AliasRewrite>& rewritten,
                   Found& found) {
  std::set<std::string> listed;
  for (const auto& [record, entry] : found) {
    listed.insert(record.fqdn);
  }
  std::vector<const corefile::AliasRewrite*> missing;
  std::vector<kube::ResourceRef> services;
  for (const corefile::AliasRewrite& alias : rewritten) {
    if (listed.count(alias.alias) == 0) {
      missing.push_back(&alias);
      services.push_back({"", "v1", "services", alias.namespace_name, alias.service});
    }
  }
  std::vector<Result<std::optional<nlohmann::json>>> read = source.get_all(services);
  for (std::size_t i = 0; i < missing.size(); ++i) {
    manifest::AliasRecord record;
    record.fqdn = missing[i]->alias;
    record.service = cat(missing[i]->namespace_name, '/', missing[i]->service);
    record.namespace_name = missing[i]->namespace_name;
    if (i < read.size() && read[i] && read[i]->has_value()) {
      const std::string ip = manifest::string_at(**read[i], "/spec/clusterIP"_json_pointer);
      if (!ip.empty() && ip != "None") {
        record.addresses.push_back(ip);
      }
    }
    found.emplace_back(std::move(record), nullptr);
  }
}

}  // namespace

Result<void> run_alias_list(Session& session, const AliasListOptions& options) {
  Result<ApplyContext> context = open_apply_context(session, options.from_manifests);
  if (!context) {
    return std::move(context).error();
  }
  const std::string namespace_name = options.all_namespaces ? "" : context->namespace_name;
  // The coredns backend's aliases may have no ServiceEntry (no Istio, ambient): the record beside
  // their rewrite lines lists them. A cluster whose DNS objects cannot be read lists entries only.
  std::vector<corefile::AliasRewrite> rewritten;
  std::vector<std::string> served = {"v1", "v1beta1", "v1alpha3"};
  Result<cluster_dns::Snapshot> snapshot = read_dns_snapshot(*context->source);
  if (!snapshot && !is_denied(snapshot.error())) {
    return std::move(snapshot).error();  // the server itself failed us (down, not Kubernetes)
  }
  if (snapshot) {
    for (corefile::AliasRewrite& alias : cluster_dns::recorded_aliases(*snapshot)) {
      const auto [service, alias_namespace] = service_of_target(alias.target);
      if (namespace_name.empty() || alias_namespace == namespace_name) {
        alias.service = service;
        alias.namespace_name = alias_namespace;
        rewritten.push_back(std::move(alias));
      }
    }
    served = snapshot->istio_versions;
  } else {
    log::write(1, cat("no rewrite lines listed: ", format_error(snapshot.error())));
  }
  std::vector<nlohmann::json> listed;
  if (!served.empty()) {
    Result<manifest::IstioApiVersion> version = choose_service_entry_version(served, "");
    if (!version) {
      return std::move(version).error();
    }
    Result<std::vector<nlohmann::json>> entries =
        context->source->list(service_entry_ref(*version, namespace_name, ""),
                              cat(manifest::k_managed_by_key, '=', manifest::k_managed_by_value));
    if (!entries) {
      return std::move(entries).error();
    }
    listed = std::move(*entries);
  }
  const std::vector<nlohmann::json>* entries = &listed;

  std::vector<std::tuple<manifest::AliasRecord, const nlohmann::json*>> found;
  for (const nlohmann::json& entry : *entries) {
    Result<manifest::AliasRecord> record = manifest::alias_record_from(entry);
    if (!record) {
      session.warn(format_error(record.error()));
      continue;
    }
    found.emplace_back(std::move(*record), &entry);
  }
  add_rewritten(*context->source, rewritten, found);
  std::sort(found.begin(), found.end(), [](const auto& a, const auto& b) {
    const manifest::AliasRecord& left = std::get<0>(a);
    const manifest::AliasRecord& right = std::get<0>(b);
    return std::tie(left.namespace_name, left.fqdn) < std::tie(right.namespace_name, right.fqdn);
  });

  if (options.output == "json" || options.output == "yaml") {
    std::vector<manifest::Object> objects;
    for (const auto& [record, entry] : found) {
      if (entry == nullptr) {
        continue;  // a rewrite line alone: no object to print
      }
      objects.push_back(manifest::Object::parse(entry->dump()));
    }
    if (options.output == "json") {
      std::cout << manifest::render_json_list(objects);
    } else {
      manifest::Object list = manifest::Object::object();
      list["apiVersion"] = "v1";
      list["items"] = objects;
      list["kind"] = "List";
      list["metadata"] = manifest::Object::object();
      std::cout << manifest::to_yaml(list);
    }
    return {};
  }

  if (found.empty()) {
    session.note(options.all_namespaces
                     ? std::string("No resources found")
                     : cat("No resources found in ", namespace_name, " namespace."));
    return {};
  }
  const auto now = std::chrono::system_clock::now();
  std::vector<Row> rows{{"ALIAS", "SERVICE", "NAMESPACE", "ADDRESS", "AGE"}};
  for (const auto& [record, entry] : found) {
    rows.push_back({record.fqdn, service_name(record.service), record.namespace_name,
                    record.addresses.empty() ? std::string("<none>") : join(record.addresses, ","),
                    record.created.empty() ? std::string("<unknown>")
                                           : manifest::object_age(record.created, now)});
  }
  print_table(rows);
  return {};
}

}  // namespace meshdns::cli
