#pragma once

// The roles of watched_objects(): the keys of a Snapshot. One name per object a plan may read, so
// the CLI, `alias` and the tests name them the same way (snapshot.find(role::kube_dns_configmap)).

#include <string_view>

namespace meshdns::cluster_dns::role {

// CoreDNS as the cluster DNS (kubeadm, EKS, k3s, AKS...): kube-system/coredns.
inline constexpr std::string_view kube_dns_configmap = "kube-dns-configmap";
inline constexpr std::string_view kube_dns_deployment = "kube-dns-deployment";
// The cluster DNS Service every pod's resolv.conf names (kube-system/kube-dns, also on CoreDNS).
inline constexpr std::string_view kube_dns_service = "kube-dns-service";
// k3s and AKS import its *.server keys into the main Corefile.
inline constexpr std::string_view coredns_custom_configmap = "coredns-custom-configmap";
// RKE2's Helm chart names its objects after the release: kube-system/rke2-coredns-rke2-coredns.
inline constexpr std::string_view rke2_configmap = "rke2-coredns-configmap";
inline constexpr std::string_view rke2_deployment = "rke2-coredns-deployment";
// GKE's kube-dns (no CoreDNS): kube-system/kube-dns ConfigMap (stubDomains) and Deployment.
inline constexpr std::string_view gke_kube_dns_configmap = "kube-dns-stubdomains-configmap";
inline constexpr std::string_view gke_kube_dns_deployment = "kube-dns-legacy-deployment";
// OpenShift's DNS operator: dnses.operator.openshift.io "default" (cluster-scoped).
inline constexpr std::string_view openshift_dns = "openshift-dns-operator";
// NodeLocal DNSCache: kube-system/node-local-dns ConfigMap and DaemonSet.
inline constexpr std::string_view node_local_configmap = "node-local-dns-configmap";
inline constexpr std::string_view node_local_daemonset = "node-local-dns-daemonset";
// Istio's istiocoredns (Istio 1.1-1.8): istio-system/coredns ConfigMap, istiocoredns Deployment
// and Service.
inline constexpr std::string_view istiocoredns_configmap = "istiocoredns-configmap";
inline constexpr std::string_view istiocoredns_deployment = "istiocoredns-deployment";
inline constexpr std::string_view istiocoredns_service = "istiocoredns-service";
// istio-system/istiod (Istio >= 1.5): its image tells the Istio release when istiocoredns is gone.
inline constexpr std::string_view istiod_deployment = "istiod-deployment";
// istio-system/ztunnel: Istio's ambient mode (no sidecars; ztunnel captures DNS from 1.25).
inline constexpr std::string_view ztunnel_daemonset = "ztunnel-daemonset";

}  // namespace meshdns::cluster_dns::role
