#pragma once

// Which platform keeps the cluster's DNS configuration, told from evidence in the objects
// themselves (labels, annotations, managedFields, images, the Corefile's import lines), never from
// a flag: each platform expects the alias zones somewhere else (docs/platforms.md).

#include <meshdns/cluster_dns/plan.hpp>

#include <string>

namespace meshdns::cluster_dns {

enum class Platform {
  coredns,  // CoreDNS whose Corefile is ours to edit: kubeadm, kubespray, EKS self-managed...
  coredns_custom,  // k3s, AKS: the Corefile imports *.server files from ConfigMap coredns-custom
  eks_addon,       // EKS managed add-on: editable, but the add-on may put its Corefile back
  rke2,            // RKE2's rke2-coredns Helm chart: editable, but a chart upgrade re-renders it
  gke_kube_dns,    // GKE with kube-dns (no CoreDNS): stubDomains in ConfigMap kube-system/kube-dns
  openshift,       // the DNS operator renders the Corefile from dnses.operator.openshift.io/default
  none,            // nothing we know
};

struct Detection {
  Platform platform = Platform::none;
  std::string name;      // for messages: "kubeadm", "k3s", "AKS", "EKS managed add-on", ...
  std::string evidence;  // why: "ConfigMap kube-system/coredns imports custom/*.server"
  // CoreDNS platforms: the roles of the main Corefile's ConfigMap and of its Deployment.
  std::string configmap_role;
  std::string deployment_role;
  // coredns_custom: the import pattern that loads the *.server keys ("custom/*.server").
  std::string server_import;
};

Detection detect(const Snapshot& snapshot);

// Does a glob of CoreDNS's import ("/etc/coredns/custom/*.server") match the file name `name`
// ("meshdns.server") in the folder it names? Only '*' and '?' are wildcards here; a pattern with
// other metacharacters never matches.
bool import_matches(std::string_view pattern, std::string_view name);

}  // namespace meshdns::cluster_dns
