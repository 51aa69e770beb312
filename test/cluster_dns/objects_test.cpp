#include "cluster_dns/objects.hpp"

#include "cluster_dns/cluster_fixture.hpp"

#include <meshdns/cluster_dns/roles.hpp>
#include <meshdns/text.hpp>

#include <catch2/catch.hpp>

namespace meshdns::cluster_dns {
namespace {

nlohmann::json workload(nlohmann::json containers) {
  return {{"spec", {{"template", {{"spec", {{"containers", std::move(containers)}}}}}}}};
}

TEST_CASE("coredns_image: the CoreDNS container of a workload") {
  // istiocoredns runs the istio-coredns-plugin beside CoreDNS; the order does not matter.
  CHECK(coredns_image(
            workload({{{"name", "istio-coredns-plugin"},
                       {"image", "docker.io/istio/coredns-plugin:0.2-istio-1.1"}},
                      {{"name", "coredns"}, {"image", "docker.io/coredns/coredns:1.1.2"}}})) ==
        "docker.io/coredns/coredns:1.1.2");
  // A container with another name: the image's repository says CoreDNS (not the plugin's).
  CHECK(coredns_image(
            workload({{{"name", "plugin"}, {"image", "istio/coredns-plugin:0.2"}},
                      {{"name", "dns"}, {"image", "rancher/mirrored-coredns-coredns:1.10.1"}}})) ==
        "rancher/mirrored-coredns-coredns:1.10.1");
  CHECK(coredns_image(workload({{{"name", "dns"}, {"image", "example.com/dns:2.0.0"}}})) ==
        "example.com/dns:2.0.0");
  CHECK(coredns_image(workload(nlohmann::json::array())).empty());
  CHECK(coredns_image(nlohmann::json::object()).empty());
}

TEST_CASE("coredns_image: the fixtures' Deployments") {
  const Snapshot cluster = test::load_cluster("kubeadm-istio-1.3");
  CHECK(coredns_image(*cluster.find(role::kube_dns_deployment)) == "k8s.gcr.io/coredns:1.6.2");
  CHECK(coredns_image(*cluster.find(role::istiocoredns_deployment)) ==
        "docker.io/coredns/coredns:1.1.2");
}

TEST_CASE("cluster_ip: none for a headless Service") {
  CHECK(cluster_ip({{"spec", {{"clusterIP", "10.96.0.60"}}}}) == "10.96.0.60");
  CHECK(cluster_ip({{"spec", {{"clusterIP", "None"}}}}).empty());
  CHECK(cluster_ip({{"spec", nlohmann::json::object()}}).empty());
}

TEST_CASE("data_value, label, annotation, managed_by") {
  const nlohmann::json object = {
      {"metadata",
       {{"labels", {{"k8s-app", "kube-dns"}}},
        {"annotations", {{"objectset.rio.cattle.io/id", ""}}},
        {"managedFields", {{{"manager", "eks"}, {"operation", "Apply"}}}}}},
      {"data", {{"Corefile", ".:53 {}\n"}, {"n", 1}}}};
  CHECK(data_value(object, "Corefile") == std::optional<std::string>(".:53 {}\n"));
  CHECK_FALSE(data_value(object, "n").has_value());
  CHECK_FALSE(data_value(object, "missing").has_value());
  CHECK(label(object, "k8s-app") == "kube-dns");
  CHECK(label(object, "app").empty());
  CHECK(has_annotation_prefix(object, "objectset.rio.cattle.io/"));
  CHECK_FALSE(has_annotation_prefix(object, "meta.helm.sh/"));
  CHECK(managed_by(object, "eks"));
  CHECK_FALSE(managed_by(object, "kubectl"));
}

TEST_CASE("updated_object: the object as read, without managedFields") {
  const nlohmann::json before = {
      {"metadata", {{"name", "coredns"}, {"resourceVersion", "7"}, {"managedFields", {1}}}}};
  const nlohmann::json after = updated_object(before);
  CHECK(after["metadata"].value("resourceVersion", "") == "7");
  CHECK_FALSE(after["metadata"].contains("managedFields"));
}

TEST_CASE("new_config_map: created without a resourceVersion") {
  const nlohmann::json created =
      new_config_map({"", "v1", "configmaps", "kube-system", "coredns-custom"});
  CHECK(created.dump() ==
        cat(R"({"apiVersion":"v1","data":{},"kind":"ConfigMap",)",
            R"("metadata":{"name":"coredns-custom","namespace":"kube-system"}})"));
}

}  // namespace
}  // namespace meshdns::cluster_dns
