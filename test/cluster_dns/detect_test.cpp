#include "cluster_dns/detect.hpp"

#include "cluster_dns/cluster_fixture.hpp"

#include <meshdns/cluster_dns/roles.hpp>

#include <catch2/catch.hpp>

namespace meshdns::cluster_dns {
namespace {

TEST_CASE("detect: each fixture cluster's platform and the evidence for it") {
  struct Row {
    const char* cluster;
    Platform platform;
    const char* name;
    const char* evidence;
  };
  const std::vector<Row> rows = {
      {"kubeadm-istio-1.3", Platform::coredns, "kubeadm",
       "ConfigMap kube-system/coredns with no platform's marks"},
      {"kubeadm-istio-1.20", Platform::coredns, "kubeadm",
       "ConfigMap kube-system/coredns with no platform's marks"},
      {"nodelocal", Platform::coredns, "kubeadm",
       "ConfigMap kube-system/coredns with no platform's marks"},
      {"k3s", Platform::coredns_custom, "k3s",
       "ConfigMap kube-system/coredns imports /etc/coredns/custom/*.server and its Deployment "
       "mounts coredns-custom"},
      {"aks", Platform::coredns_custom, "AKS",
       "ConfigMap kube-system/coredns imports custom/*.server and its Deployment mounts "
       "coredns-custom"},
      {"eks-addon", Platform::eks_addon, "EKS managed add-on",
       "kube-system/coredns has the field manager \"eks\" in metadata.managedFields"},
      {"rke2", Platform::rke2, "RKE2",
       "ConfigMap kube-system/rke2-coredns-rke2-coredns belongs to Helm release rke2-coredns"},
      {"gke-kube-dns", Platform::gke_kube_dns, "GKE (kube-dns)",
       "Deployment kube-system/kube-dns runs gke.gcr.io/k8s-dns-kube-dns:1.23.0-gke.9 and there is "
       "no CoreDNS"},
      {"openshift", Platform::openshift, "OpenShift", "dnses.operator.openshift.io/default exists"},
  };
  for (const Row& row : rows) {
    INFO(row.cluster);
    const Detection found = detect(test::load_cluster(row.cluster));
    CHECK(found.platform == row.platform);
    CHECK(found.name == row.name);
    CHECK(found.evidence == row.evidence);
  }
}

TEST_CASE("detect: EKS without the add-on is plain CoreDNS") {
  Snapshot cluster = test::load_cluster("eks-addon");
  cluster.objects[std::string(role::kube_dns_configmap)]["metadata"].erase("managedFields");
  cluster.objects[std::string(role::kube_dns_deployment)]["metadata"].erase("managedFields");
  const Detection found = detect(cluster);
  CHECK(found.platform == Platform::coredns);
  CHECK(found.name == "EKS self-managed CoreDNS");
}

TEST_CASE("detect: an import of *.server is only coredns-custom when the Deployment mounts it") {
  Snapshot cluster = test::load_cluster("k3s");
  nlohmann::json& volumes =
      cluster
          .objects[std::string(role::kube_dns_deployment)]["spec"]["template"]["spec"]["volumes"];
  volumes.erase(1);  // custom-config-volume
  CHECK(detect(cluster).platform == Platform::coredns);
  // Without the Deployment (offline manifests of the ConfigMap alone) the import decides.
  cluster.objects.erase(std::string(role::kube_dns_deployment));
  const Detection found = detect(cluster);
  CHECK(found.platform == Platform::coredns_custom);
  CHECK(found.evidence == "ConfigMap kube-system/coredns imports /etc/coredns/custom/*.server");
}

TEST_CASE("detect: nothing known") {
  CHECK(detect(Snapshot{}).platform == Platform::none);
}

TEST_CASE("import_matches: the import globs of k3s and AKS take meshdns.server") {
  CHECK(import_matches("/etc/coredns/custom/*.server", "meshdns.server"));
  CHECK(import_matches("custom/*.server", "meshdns.server"));
  CHECK(import_matches("*.server", "meshdns.server"));
  CHECK(import_matches("custom/mesh?ns.*", "meshdns.server"));
  CHECK_FALSE(import_matches("custom/*.override", "meshdns.server"));
  CHECK_FALSE(import_matches("/etc/coredns/custom/[a-z]*.server", "meshdns.server"));
  CHECK_FALSE(import_matches("custom/", "meshdns.server"));
}

}  // namespace
}  // namespace meshdns::cluster_dns
