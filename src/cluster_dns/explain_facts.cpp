#include "cluster_dns/detect.hpp"
#include "cluster_dns/objects.hpp"

#include <meshdns/cluster_dns/backend.hpp>
#include <meshdns/cluster_dns/coredns_release.hpp>
#include <meshdns/cluster_dns/explain_facts.hpp>
#include <meshdns/cluster_dns/roles.hpp>
#include <meshdns/corefile/outline.hpp>
#include <meshdns/manifest/json_fields.hpp>
#include <meshdns/text.hpp>

#include <algorithm>

namespace meshdns::cluster_dns {

namespace {

std::string object_words(std::string_view role) {
  const kube::ResourceRef& ref = watched(role).ref;
  return cat("configmap/", ref.name, " -n ", ref.namespace_name);
}

// The cluster domain is the kubernetes plugin's first zone that is not a reverse zone.
std::string cluster_domain(std::string_view corefile) {
  for (const corefile::OutlineBlock& block : corefile::outline(corefile).blocks) {
    for (const corefile::OutlineDirective& directive : block.directives) {
      if (directive.name != "kubernetes") {
        continue;
      }
      for (std::string zone : directive.args) {
        if (!zone.empty() && zone.back() == '.') {
          zone.pop_back();
        }
        if (!ends_with(zone, "arpa")) {
          return zone;
        }
      }
    }
  }
  return "cluster.local";
}

std::vector<std::string> strings_at(const nlohmann::json& object,
                                    const nlohmann::json::json_pointer& at) {
  std::vector<std::string> out;
  if (object.contains(at) && object.at(at).is_array()) {
    for (const nlohmann::json& item : object.at(at)) {
      if (item.is_string()) {
        out.push_back(item.get<std::string>());
      } else if (item.is_object() && item.contains("address") && item["address"].is_string()) {
        out.push_back(item["address"].get<std::string>());  // endpoints: [{address: ...}]
      }
    }
  }
  return out;
}

}  // namespace

Result<explain::Input> explain_input(const Snapshot& snapshot,
                                     const std::vector<nlohmann::json>& services,
                                     const std::vector<nlohmann::json>& service_entries,
                                     const ExplainRequest& request) {
  explain::Input input;
  input.name = request.name;
  input.pod_namespace = request.pod_namespace;
  input.backend = request.backend;

  const Detection detection = detect(snapshot);
  if (detection.platform == Platform::gke_kube_dns || detection.platform == Platform::openshift) {
    return fail(Errc::refused, cat("explain cannot follow ", detection.name, "'s DNS"),
                cat(detection.evidence, "; it keeps no Corefile that aliases pass through"),
                "use `kubectl meshdns verify` to ask the cluster's DNS directly");
  }
  if (detection.configmap_role.empty() || snapshot.find(detection.configmap_role) == nullptr) {
    return fail(Errc::config, "no kube-dns Corefile found",
                "ConfigMap kube-system/coredns (or the platform's equivalent) is missing",
                "check `kubectl -n kube-system get configmaps`, or pass --from-manifests");
  }
  const std::optional<std::string> corefile =
      data_value(*snapshot.find(detection.configmap_role), "Corefile");
  if (!corefile) {
    return fail(Errc::config, cat(object_words(detection.configmap_role), " has no Corefile key"),
                "the kube-dns Corefile is expected there",
                "check the ConfigMap with kubectl get -o yaml");
  }
  Result<CorednsRelease> release =
      coredns_release(snapshot, detection.configmap_role, request.coredns_version);
  if (!release) {
    return std::move(release).error();
  }
  const corefile::Version version = release->version;
  input.kube_dns = {object_words(detection.configmap_role), *corefile, version, {}};
  input.cluster_domain = cluster_domain(*corefile);
  if (const nlohmann::json* custom = snapshot.find(role::coredns_custom_configmap);
      custom != nullptr && custom->contains("data") && (*custom)["data"].is_object()) {
    for (const auto& [key, value] : (*custom)["data"].items()) {
      if (ends_with(key, ".override") && value.is_string()) {
        input.kube_dns.overrides.emplace_back(key, value.get<std::string>());
      }
    }
  }

  if (const nlohmann::json* cache = snapshot.find(role::node_local_configmap)) {
    if (const std::optional<std::string> text = data_value(*cache, "Corefile")) {
      Result<CorednsRelease> cache_release =
          coredns_release(snapshot, role::node_local_configmap, std::nullopt);
      input.node_local = explain::CorefileFacts{object_words(role::node_local_configmap),
                                                *text,
                                                cache_release ? cache_release->version : version,
                                                {}};
    }
  }

  if (const nlohmann::json* istio = snapshot.find(role::istiocoredns_configmap)) {
    if (const std::optional<std::string> text = data_value(*istio, "Corefile")) {
      Result<CorednsRelease> istio_release =
          coredns_release(snapshot, role::istiocoredns_configmap, request.coredns_version);
      input.istiocoredns = explain::CorefileFacts{object_words(role::istiocoredns_configmap),
                                                  *text,
                                                  istio_release ? istio_release->version : version,
                                                  {}};
    }
  }
  if (const nlohmann::json* service = snapshot.find(role::istiocoredns_service)) {
    input.istiocoredns_ip = cluster_ip(*service);
  }
  input.dns_capture =
      !snapshot.mesh_configs.empty() &&
      std::all_of(snapshot.mesh_configs.begin(), snapshot.mesh_configs.end(),
                  [](const nlohmann::json& config) {
                    return dns_capture_enabled(data_value(config, "mesh").value_or(""));
                  });

  for (const nlohmann::json& service : services) {
    input.services.push_back({manifest::namespace_of(service), manifest::name_of(service),
                              manifest::string_at(service, "/spec/type"_json_pointer),
                              manifest::string_at(service, "/spec/clusterIP"_json_pointer)});
  }
  for (const nlohmann::json& entry : service_entries) {
    input.service_entries.push_back({manifest::namespace_of(entry), manifest::name_of(entry),
                                     strings_at(entry, "/spec/hosts"_json_pointer),
                                     strings_at(entry, "/spec/addresses"_json_pointer),
                                     strings_at(entry, "/spec/endpoints"_json_pointer)});
  }
  return input;
}

}  // namespace meshdns::cluster_dns
