#include "cluster_dns/detect.hpp"

#include "cluster_dns/objects.hpp"

#include <meshdns/cluster_dns/roles.hpp>
#include <meshdns/corefile/outline.hpp>
#include <meshdns/manifest/json_fields.hpp>
#include <meshdns/text.hpp>

namespace meshdns::cluster_dns {

namespace {

constexpr std::string_view k_custom_key = "meshdns.server";

bool glob_match(std::string_view pattern, std::string_view name) {
  if (pattern.empty()) {
    return name.empty();
  }
  if (pattern.front() == '*') {
    for (std::size_t skip = 0; skip <= name.size(); ++skip) {
      if (glob_match(pattern.substr(1), name.substr(skip))) {
        return true;
      }
    }
    return false;
  }
  if (name.empty() || (pattern.front() != '?' && pattern.front() != name.front())) {
    return false;
  }
  return glob_match(pattern.substr(1), name.substr(1));
}

// Does the Deployment mount ConfigMap `name` as a volume (k3s and AKS mount coredns-custom at
// /etc/coredns/custom, optional)?
bool mounts_config_map(const nlohmann::json* deployment, std::string_view name) {
  if (deployment == nullptr) {
    return false;
  }
  const nlohmann::json volumes = deployment->value(
      nlohmann::json::json_pointer("/spec/template/spec/volumes"), nlohmann::json::array());
  for (const nlohmann::json& volume : volumes) {
    if (manifest::string_at(volume, "/configMap/name"_json_pointer) == name) {
      return true;
    }
  }
  return false;
}

std::string eks_evidence(const nlohmann::json& config_map, const nlohmann::json* deployment) {
  if (managed_by(config_map, "eks") || (deployment != nullptr && managed_by(*deployment, "eks"))) {
    return "field manager \"eks\" in metadata.managedFields";
  }
  return {};
}

bool looks_like_eks(const nlohmann::json& config_map, const nlohmann::json* deployment) {
  const std::string image = deployment == nullptr ? std::string() : coredns_image(*deployment);
  return !label(config_map, "eks.amazonaws.com/component").empty() ||
         (deployment != nullptr && !label(*deployment, "eks.amazonaws.com/component").empty()) ||
         (image.find(".amazonaws.com/eks/coredns") != std::string::npos);
}

// Names the platform whose coredns-custom import we found, from its own marks.
std::string custom_platform_name(const nlohmann::json& config_map,
                                 const nlohmann::json* deployment) {
  const std::string image = deployment == nullptr ? std::string() : coredns_image(*deployment);
  if (has_annotation_prefix(config_map, "objectset.rio.cattle.io/") ||
      image.find("rancher/") != std::string::npos) {
    return "k3s";
  }
  if (image.find("mcr.microsoft.com/") != std::string::npos ||
      !label(config_map, "addonmanager.kubernetes.io/mode").empty()) {
    return "AKS";
  }
  return "CoreDNS with coredns-custom";
}

Detection coredns_platform(const Snapshot& snapshot) {
  const nlohmann::json& config_map = *snapshot.find(role::kube_dns_configmap);
  const nlohmann::json* deployment = snapshot.find(role::kube_dns_deployment);
  Detection found;
  found.configmap_role = role::kube_dns_configmap;
  found.deployment_role = role::kube_dns_deployment;
  const std::string corefile = data_value(config_map, "Corefile").value_or("");
  for (const std::string& pattern : corefile::outline(corefile).imports) {
    if (import_matches(pattern, k_custom_key) &&
        (deployment == nullptr || mounts_config_map(deployment, "coredns-custom"))) {
      found.platform = Platform::coredns_custom;
      found.name = custom_platform_name(config_map, deployment);
      found.server_import = pattern;
      found.evidence =
          cat("ConfigMap kube-system/coredns imports ", pattern,
              deployment == nullptr ? "" : " and its Deployment mounts coredns-custom");
      return found;
    }
  }
  if (const std::string evidence = eks_evidence(config_map, deployment); !evidence.empty()) {
    found.platform = Platform::eks_addon;
    found.name = "EKS managed add-on";
    found.evidence = cat("kube-system/coredns has the ", evidence);
    return found;
  }
  found.platform = Platform::coredns;
  if (looks_like_eks(config_map, deployment)) {
    found.name = "EKS self-managed CoreDNS";
    found.evidence = "kube-system/coredns has the eks.amazonaws.com/component label";
  } else {
    found.name = "kubeadm";
    found.evidence = "ConfigMap kube-system/coredns with no platform's marks";
  }
  return found;
}

}  // namespace

bool import_matches(std::string_view pattern, std::string_view name) {
  const std::size_t slash = pattern.rfind('/');
  const std::string_view file =
      slash == std::string_view::npos ? pattern : pattern.substr(slash + 1);
  if (file.find_first_of("[]\\{}") != std::string_view::npos) {
    return false;
  }
  return glob_match(file, name);
}

Detection detect(const Snapshot& snapshot) {
  Detection found;
  if (snapshot.find(role::openshift_dns) != nullptr) {
    found.platform = Platform::openshift;
    found.name = "OpenShift";
    found.evidence = "dnses.operator.openshift.io/default exists";
    return found;
  }
  if (snapshot.find(role::kube_dns_configmap) != nullptr) {
    return coredns_platform(snapshot);
  }
  if (const nlohmann::json* rke2 = snapshot.find(role::rke2_configmap)) {
    found.platform = Platform::rke2;
    found.name = "RKE2";
    found.configmap_role = role::rke2_configmap;
    found.deployment_role = role::rke2_deployment;
    found.evidence = annotation(*rke2, "meta.helm.sh/release-name").empty()
                         ? "ConfigMap kube-system/rke2-coredns-rke2-coredns exists"
                         : cat("ConfigMap kube-system/rke2-coredns-rke2-coredns belongs to Helm "
                               "release ",
                               annotation(*rke2, "meta.helm.sh/release-name"));
    return found;
  }
  const nlohmann::json* kube_dns = snapshot.find(role::gke_kube_dns_deployment);
  if (kube_dns != nullptr && !container_image(*kube_dns, "kube-dns").empty()) {
    found.platform = Platform::gke_kube_dns;
    found.name = "GKE (kube-dns)";
    found.evidence = cat("Deployment kube-system/kube-dns runs ",
                         container_image(*kube_dns, "kube-dns"), " and there is no CoreDNS");
    return found;
  }
  return found;
}

}  // namespace meshdns::cluster_dns
