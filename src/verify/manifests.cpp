#include <meshdns/text.hpp>
#include <meshdns/verify/manifests.hpp>

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <map>
#include <utility>

namespace meshdns::verify {
namespace {

struct ServiceEntryDoc {
  std::string id;  // namespace/name
  std::string origin;
  std::vector<std::string> hosts;
  std::vector<std::string> addresses;
  std::vector<std::string> endpoints;
};

struct Collected {
  std::vector<ServiceEntryDoc> service_entries;
  std::map<std::pair<std::string, std::string>, std::vector<std::string>> service_ips;  // ns, name
};

std::string scalar(const YAML::Node& node, const char* key, std::string fallback = {}) {
  const YAML::Node value = node[key];
  return value && value.IsScalar() ? value.as<std::string>() : fallback;
}

std::vector<std::string> scalars(const YAML::Node& node, const char* key) {
  std::vector<std::string> out;
  const YAML::Node list = node[key];
  if (list && list.IsSequence()) {
    for (const auto& item : list) {
      if (item.IsScalar()) {
        out.push_back(item.as<std::string>());
      }
    }
  }
  return out;
}

void collect(const YAML::Node& doc, const std::string& label, Collected& out) {
  if (!doc.IsMap()) {
    return;
  }
  const std::string kind = scalar(doc, "kind");
  if (kind == "List") {
    if (const YAML::Node items = doc["items"]; items && items.IsSequence()) {
      for (const auto& item : items) {
        collect(item, label, out);
      }
    }
    return;
  }
  const YAML::Node metadata = doc["metadata"];
  const YAML::Node spec = doc["spec"];
  if (!metadata || !metadata.IsMap() || !spec || !spec.IsMap()) {
    return;
  }
  const std::string name = scalar(metadata, "name");
  const std::string ns = scalar(metadata, "namespace", "default");
  if (kind == "ServiceEntry") {
    ServiceEntryDoc entry{cat(ns, '/', name),
                          cat(label, ": ServiceEntry ", ns, '/', name),
                          scalars(spec, "hosts"),
                          scalars(spec, "addresses"),
                          {}};
    if (const YAML::Node endpoints = spec["endpoints"]; endpoints && endpoints.IsSequence()) {
      for (const auto& endpoint : endpoints) {
        if (endpoint.IsMap()) {
          entry.endpoints.push_back(scalar(endpoint, "address"));
        }
      }
    }
    out.service_entries.push_back(std::move(entry));
  } else if (kind == "Service") {
    std::vector<std::string> ips = scalars(spec, "clusterIPs");
    if (ips.empty() && !scalar(spec, "clusterIP").empty()) {
      ips.push_back(scalar(spec, "clusterIP"));
    }
    std::vector<std::string> canonical;
    for (const auto& ip : ips) {
      if (auto address = canonical_address(ip)) {  // "None" (headless) is not an address
        canonical.push_back(std::move(*address));
      }
    }
    std::sort(canonical.begin(), canonical.end());
    out.service_ips[{ns, name}] = std::move(canonical);
  }
}

// "fruits-api.shop.svc.cluster.local" -> {"shop", "fruits-api"}; empty when not a Service name.
std::pair<std::string, std::string> service_of(std::string_view endpoint) {
  const auto parts = split(endpoint, '.');
  if (parts.size() < 3 || parts[2] != "svc") {
    return {};
  }
  return {std::string(parts[1]), std::string(parts[0])};
}

// The note a host carries when its ServiceEntry and its Service no longer agree.
std::string disagreement(const ServiceEntryDoc& entry, const Collected& collected,
                         const std::vector<std::string>& entry_ips) {
  for (const auto& endpoint : entry.endpoints) {
    const auto key = service_of(endpoint);
    const auto service = collected.service_ips.find(key);
    if (key.first.empty() || service == collected.service_ips.end() ||
        service->second == entry_ips) {
      continue;
    }
    return cat("ServiceEntry ", entry.id, " has addresses ",
               entry_ips.empty() ? "none" : join(entry_ips, ", "), " but Service ", key.first, '/',
               key.second, " has cluster IP ",
               service->second.empty() ? "none" : join(service->second, ", "),
               " (re-run `kubectl meshdns alias` to update the ServiceEntry)");
  }
  return {};
}

}  // namespace

Result<ManifestExpectations> expectations_from_manifests(const std::vector<ManifestFile>& files) {
  Collected collected;
  for (const auto& file : files) {
    try {
      for (const auto& doc : YAML::LoadAll(file.text)) {
        collect(doc, file.label, collected);
      }
    } catch (const YAML::Exception& error) {
      return fail(Errc::config, cat("cannot read ", file.label),
                  cat("line ", error.mark.line + 1, ": ", error.msg), "fix the YAML");
    }
  }
  ManifestExpectations out;
  for (const auto& entry : collected.service_entries) {
    std::vector<std::string> addresses;
    for (const auto& text : entry.addresses) {
      if (auto address = canonical_address(text)) {
        addresses.push_back(std::move(*address));
      } else {
        out.warnings.push_back(
            cat(entry.origin, ": address ", text, " is not one IP address; not compared"));
      }
    }
    std::sort(addresses.begin(), addresses.end());
    const std::string note = disagreement(entry, collected, addresses);
    for (const auto& host : entry.hosts) {
      auto expectation = make_expectation(host, addresses, entry.origin);
      if (!expectation) {
        out.warnings.push_back(
            cat(expectation.error().what, " (", expectation.error().why, "); skipped"));
        continue;
      }
      if (!note.empty()) {
        expectation->notes.push_back(note);
      }
      out.expectations.push_back(std::move(*expectation));
    }
  }
  return out;
}

}  // namespace meshdns::verify
