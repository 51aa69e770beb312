#include "cli/alias_plan.hpp"

#include <meshdns/manifest/aliased_service.hpp>
#include <meshdns/manifest/json_fields.hpp>
#include <meshdns/manifest/names.hpp>
#include <meshdns/manifest/service_entry.hpp>
#include <meshdns/text.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <utility>

namespace meshdns::cli {
namespace {

using Key = std::pair<std::string, std::string>;  // namespace, name

constexpr std::size_t k_max_candidates = 10;  // a namespace may hold hundreds of Services

std::string selector_app(const nlohmann::json& service) {
  return manifest::string_at(service, "/spec/selector/app"_json_pointer);
}

std::string list_names(std::vector<std::string> names) {
  std::sort(names.begin(), names.end());
  const std::size_t total = names.size();
  if (total > k_max_candidates) {
    names.resize(k_max_candidates);
    names.push_back(cat("and ", total - k_max_candidates, " more"));
  }
  return join(names, ", ");
}

// The Services of one namespace, read only when a requested name is not there.
struct NamespaceServices {
  std::optional<Error> error;  // the namespace cannot be read, or does not exist
  std::vector<nlohmann::json> services;
};

class ServiceFinder {
 public:
  explicit ServiceFinder(ObjectSource& source) : m_source(source) {}

  // Every (namespace, name) at once: one concurrent batch of GETs.
  void read_by_name(const std::set<Key>& keys) {
    std::vector<kube::ResourceRef> refs;
    for (const auto& [namespace_name, name] : keys) {
      refs.push_back({"", "v1", "services", namespace_name, name});
    }
    std::vector<Result<std::optional<nlohmann::json>>> read = m_source.get_all(refs);
    std::size_t i = 0;
    for (const Key& key : keys) {
      m_by_name.emplace(key, std::move(read[i++]));
    }
  }

  // SPEC §3.3: the Service named SERVICE, else the unique one selecting app: SERVICE.
  Result<nlohmann::json> find(const std::string& namespace_name, const std::string& name) {
    Result<std::optional<nlohmann::json>>& by_name = m_by_name.at({namespace_name, name});
    if (!by_name) {
      return by_name.error();
    }
    if (by_name->has_value()) {
      return **by_name;
    }
    const NamespaceServices& in_namespace = services_of(namespace_name, name);
    if (in_namespace.error) {
      return *in_namespace.error;
    }
    std::vector<const nlohmann::json*> selecting;
    std::vector<std::string> names;
    for (const nlohmann::json& service : in_namespace.services) {
      names.push_back(manifest::name_of(service));
      if (selector_app(service) == name) {
        selecting.push_back(&service);
      }
    }
    if (selecting.size() == 1) {
      return *selecting.front();
    }
    if (selecting.size() > 1) {
      std::vector<std::string> candidates;
      for (const nlohmann::json* service : selecting) {
        candidates.push_back(manifest::name_of(*service));
      }
      return fail(Errc::usage, cat("Service ", name, " is ambiguous in namespace ", namespace_name),
                  cat("no Service is named ", name, ", and ", selecting.size(),
                      " select app=", name, ": ", list_names(candidates)),
                  "give the name of one of them");
    }
    if (names.empty()) {
      return fail(Errc::not_found,
                  cat("Service ", name, " not found in namespace ", namespace_name),
                  cat("namespace ", namespace_name, " has no Services"),
                  "check -n/--namespace, or create the Service first");
    }
    return fail(Errc::not_found, cat("Service ", name, " not found in namespace ", namespace_name),
                cat("no Service there is named ", name, " or selects app=", name),
                cat("give one of: ", list_names(names)));
  }

 private:
  const NamespaceServices& services_of(const std::string& namespace_name,
                                       const std::string& wanted) {
    const auto cached = m_namespaces.find(namespace_name);
    if (cached != m_namespaces.end()) {
      return cached->second;
    }
    NamespaceServices read;
    // The namespace and its Services: listing a missing namespace gives an empty list, so only
    // the namespace itself can tell "no such namespace" from "no such Service".
    // Manifests seldom carry their Namespace objects, so only the API server is asked.
    std::vector<Result<std::optional<nlohmann::json>>> namespace_object;
    if (!m_source.offline()) {
      namespace_object = m_source.get_all({{"", "v1", "namespaces", "", namespace_name}});
    }
    if (!namespace_object.empty() && namespace_object.front() &&
        !namespace_object.front()->has_value()) {
      read.error = fail(Errc::not_found, cat("namespaces \"", namespace_name, "\" not found"),
                        cat("Service ", wanted, " is looked up in namespace ", namespace_name),
                        "check -n/--namespace or the context's namespace");
    } else {
      // A namespace that cannot be read (403 for namespace-scoped users) may still hold Services.
      Result<std::vector<nlohmann::json>> listed =
          m_source.list({"", "v1", "services", namespace_name, ""});
      if (listed) {
        read.services = std::move(*listed);
      } else {
        read.error = std::move(listed).error();
      }
    }
    return m_namespaces.emplace(namespace_name, std::move(read)).first->second;
  }

  ObjectSource& m_source;
  std::map<Key, Result<std::optional<nlohmann::json>>> m_by_name;
  std::map<std::string, NamespaceServices> m_namespaces;
};

// Every ServiceEntry that may already hold one of the aliases, indexed by host and by object.
class ExistingEntries {
 public:
  Result<void> read(ObjectSource& source, manifest::IstioApiVersion version,
                    const std::set<std::string>& namespaces) {
    Result<std::vector<nlohmann::json>> all = source.list(service_entry_ref(version, "", ""));
    if (all) {
      add(std::move(*all));
      return {};
    }
    if (all.error().code != Errc::unauthorized) {
      return std::move(all).error();
    }
    // Namespace-scoped rights: an alias held in a namespace we cannot read stays unseen, which
    // is the best a user without cluster-wide list rights can get.
    for (const std::string& namespace_name : namespaces) {
      Result<std::vector<nlohmann::json>> some =
          source.list(service_entry_ref(version, namespace_name, ""));
      if (!some) {
        return std::move(some).error();
      }
      add(std::move(*some));
    }
    return {};
  }

  std::vector<const nlohmann::json*> holding(const std::string& fqdn) const {
    const auto found = m_by_host.find(fqdn);
    return found == m_by_host.end() ? std::vector<const nlohmann::json*>() : found->second;
  }

  const nlohmann::json* at(const std::string& namespace_name, const std::string& name) const {
    const auto found = m_by_key.find({namespace_name, name});
    return found == m_by_key.end() ? nullptr : &m_entries[found->second];
  }

 private:
  void add(std::vector<nlohmann::json> entries) {
    for (nlohmann::json& entry : entries) {
      m_entries.push_back(std::move(entry));
    }
    m_by_host.clear();
    m_by_key.clear();
    for (std::size_t i = 0; i < m_entries.size(); ++i) {
      const nlohmann::json& entry = m_entries[i];
      m_by_key[{manifest::namespace_of(entry), manifest::name_of(entry)}] = i;
      const auto spec = entry.find("spec");
      if (spec == entry.end() || !spec->is_object() || !spec->contains("hosts") ||
          !(*spec)["hosts"].is_array()) {
        continue;
      }
      for (const nlohmann::json& host : (*spec)["hosts"]) {
        if (host.is_string()) {
          m_by_host[host.get<std::string>()].push_back(&m_entries[i]);
        }
      }
    }
  }

  std::vector<nlohmann::json> m_entries;
  std::map<std::string, std::vector<const nlohmann::json*>> m_by_host;
  std::map<Key, std::size_t> m_by_key;
};

bool is_our_alias_of(const nlohmann::json& entry, const std::string& fqdn,
                     const manifest::AliasedService& service) {
  const Result<manifest::AliasRecord> record = manifest::alias_record_from(entry);
  return manifest::is_managed(entry) && record && record->fqdn == fqdn &&
         record->service == cat(service.namespace_name, "/", service.name);
}

// The ServiceEntry for one alias whose Service was found, given what already exists.
void plan_one(PlannedAlias& planned, const nlohmann::json& service_object,
              const ExistingEntries& existing, const AliasPlanOptions& options) {
  const manifest::AliasRequest& request = planned.request;
  Result<manifest::AliasedService> service =
      manifest::aliased_service_from(service_object, request.namespace_name);
  if (!service) {
    planned.entry = std::move(service).error();
    return;
  }
  planned.service = service->name;
  if (!options.service_entries) {
    planned.entry = manifest::Object();
    return;
  }
  manifest::ServiceEntryOptions entry_options;
  entry_options.fqdn = request.fqdn;
  entry_options.service = *service;
  entry_options.cluster_domain = options.cluster_domain;
  entry_options.api_version = options.api_version;

  std::vector<const nlohmann::json*> others;
  for (const nlohmann::json* holder : existing.holding(request.fqdn)) {
    if (is_our_alias_of(*holder, request.fqdn, *service)) {
      // Re-applying keeps the object it already lives in (its name may be the hashed form).
      entry_options.name = manifest::name_of(*holder);
      continue;
    }
    if (Result<void> owned =
            manifest::check_alias_owner(*holder, request.fqdn, *service, options.force);
        !owned) {
      planned.entry = std::move(owned).error();
      return;
    }
    others.push_back(holder);
  }
  if (entry_options.name.empty()) {
    const nlohmann::json* same_named =
        existing.at(service->namespace_name, manifest::service_entry_name(request.fqdn));
    entry_options.name_form = manifest::name_form_beside(
        same_named == nullptr ? nlohmann::json() : *same_named, request.fqdn);
  }
  planned.entry = manifest::build_service_entry(entry_options);
  if (!planned.entry) {
    return;
  }
  const std::string our_name = (*planned.entry)["metadata"]["name"].get<std::string>();
  // Only --force gets here with other holders left: ours move, the others are not ours to edit.
  for (const nlohmann::json* holder : others) {
    const std::string where = cat(manifest::namespace_of(*holder), "/", manifest::name_of(*holder));
    if (manifest::namespace_of(*holder) == service->namespace_name &&
        manifest::name_of(*holder) == our_name) {
      continue;  // the apply itself takes this object over
    }
    if (manifest::is_managed(*holder)) {
      planned.moved_from.push_back(service_entry_ref(
          options.api_version, manifest::namespace_of(*holder), manifest::name_of(*holder)));
    } else {
      planned.warnings.push_back(cat("ServiceEntry ", where, " also lists host ", request.fqdn,
                                     "; kubectl-meshdns does not edit objects it did not create"));
    }
  }
}

}  // namespace

kube::ResourceRef service_entry_ref(manifest::IstioApiVersion version, std::string namespace_name,
                                    std::string name) {
  const std::string_view api_version = manifest::istio_api_version(version);
  return {"networking.istio.io", std::string(api_version.substr(api_version.find('/') + 1)),
          "serviceentries", std::move(namespace_name), std::move(name)};
}

Result<std::vector<PlannedAlias>> plan_aliases(ObjectSource& source,
                                               const std::vector<manifest::AliasRequest>& requests,
                                               const AliasPlanOptions& options) {
  std::vector<PlannedAlias> planned;
  planned.reserve(requests.size());
  std::vector<bool> names_valid;  // by request: worth reading the cluster for
  std::set<Key> services;
  std::set<std::string> namespaces;
  for (const manifest::AliasRequest& request : requests) {
    // Names are checked before anything is read: a typo costs no round trip.
    Result<void> checked = manifest::check_alias_fqdn(request.fqdn, options.cluster_domain);
    if (checked) {
      checked = manifest::check_dns1123_label(request.namespace_name, "namespace");
    }
    names_valid.push_back(checked.has_value());
    if (checked) {
      services.insert({request.namespace_name, request.service});
      namespaces.insert(request.namespace_name);
      planned.push_back({request, manifest::Object(), {}, {}, {}});
    } else {
      planned.push_back({request, std::move(checked).error(), {}, {}, {}});
    }
  }
  if (services.empty()) {
    return planned;
  }

  ServiceFinder finder(source);
  finder.read_by_name(services);
  ExistingEntries existing;
  if (options.service_entries) {
    if (Result<void> read = existing.read(source, options.api_version, namespaces); !read) {
      return std::move(read).error();
    }
  }
  std::set<std::pair<std::string, std::string>> picked_by_selector;
  for (std::size_t i = 0; i < planned.size(); ++i) {
    if (!names_valid[i]) {
      continue;
    }
    PlannedAlias& one = planned[i];
    Result<nlohmann::json> service = finder.find(one.request.namespace_name, one.request.service);
    if (!service) {
      one.entry = std::move(service).error();
      continue;
    }
    plan_one(one, *service, existing, options);
    if (const std::string picked = manifest::name_of(*service);
        picked != one.request.service &&
        picked_by_selector.insert({one.request.namespace_name, one.request.service}).second) {
      // SPEC §3.3's fallback picked another name: say which (once per name, however many
      // aliases), so a typo is not silently aliased.
      one.warnings.push_back(cat("no Service is named ", one.request.service, "; using Service ",
                                 picked, ", which selects app=", one.request.service));
    }
  }
  return planned;
}

}  // namespace meshdns::cli
