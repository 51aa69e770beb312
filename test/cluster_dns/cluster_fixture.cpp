#include "cluster_dns/cluster_fixture.hpp"

#include <meshdns/manifest/yaml_json.hpp>
#include <meshdns/text.hpp>

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <utility>

namespace meshdns::test {

namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw std::runtime_error(cat("cannot read ", path));
  }
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// The plural a server serves a kind as (the kinds the fixtures hold).
std::string plural(const std::string& kind) {
  return kind == "DNS" ? "dnses" : cat(to_lower(kind), "s");
}

bool same_object(const kube::ResourceRef& ref, const nlohmann::json& object) {
  const std::string api_version = object.value("apiVersion", "");
  const std::size_t slash = api_version.find('/');
  const std::string group = slash == std::string::npos ? "" : api_version.substr(0, slash);
  const std::string version =
      slash == std::string::npos ? api_version : api_version.substr(slash + 1);
  const nlohmann::json& metadata = object.at("metadata");
  return ref.group == group && ref.version == version &&
         ref.resource == plural(object.value("kind", "")) &&
         ref.namespace_name == metadata.value("namespace", "") &&
         ref.name == metadata.value("name", "");
}

}  // namespace

cluster_dns::Snapshot load_cluster(std::string_view name) {
  const std::string path = cat(MESHDNS_SOURCE_DIR, "/test/cluster_dns/clusters/", name, ".yaml");
  Result<std::vector<nlohmann::json>> objects = manifest::parse_yaml_documents(read_file(path));
  if (!objects) {
    throw std::runtime_error(format_error(objects.error()));
  }
  cluster_dns::Snapshot snapshot;
  int revision = 100;
  for (nlohmann::json& object : *objects) {
    for (const cluster_dns::WatchedObject& watched : cluster_dns::watched_objects()) {
      if (same_object(watched.ref, object)) {
        object["metadata"]["resourceVersion"] = std::to_string(++revision);
        snapshot.objects[watched.role] = object;
      }
    }
    const nlohmann::json& metadata = object.at("metadata");
    // Istio's CRDs come with Istio: a cluster with anything in istio-system serves them.
    if (metadata.value("namespace", "") == "istio-system" ||
        (object.value("kind", "") == "Namespace" && metadata.value("name", "") == "istio-system")) {
      snapshot.istio_versions = {"v1", "v1beta1", "v1alpha3"};
    }
    if (object.value("kind", "") == "ConfigMap" &&
        metadata.value("namespace", "") == "istio-system" && cluster_dns::is_mesh_config(object)) {
      snapshot.mesh_configs.push_back(object);
    }
  }
  return snapshot;
}

void perform(cluster_dns::Snapshot& snapshot, const cluster_dns::Plan& plan) {
  for (const cluster_dns::Write& write : plan.writes) {
    for (const cluster_dns::WatchedObject& watched : cluster_dns::watched_objects()) {
      if (watched.ref.resource == write.ref.resource && watched.ref.name == write.ref.name &&
          watched.ref.namespace_name == write.ref.namespace_name) {
        nlohmann::json stored = write.after;
        const std::string old = stored["metadata"].value("resourceVersion", "0");
        stored["metadata"]["resourceVersion"] = std::to_string(std::stoi(old) + 1000);
        snapshot.objects[watched.role] = std::move(stored);
      }
    }
  }
}

std::string data_of(const cluster_dns::Snapshot& snapshot, std::string_view role,
                    std::string_view key) {
  const nlohmann::json* object = snapshot.find(role);
  if (object == nullptr || !object->contains("data") || !(*object)["data"].contains(key)) {
    return {};
  }
  return (*object)["data"][std::string(key)].get<std::string>();
}

cluster_dns::PlanOptions kube_dns_only(cluster_dns::Action action, std::vector<std::string> zones) {
  cluster_dns::PlanOptions options;
  options.action = action;
  options.target = cluster_dns::Target::kube_dns;
  options.zones = std::move(zones);
  return options;
}

cluster_dns::Plan planned(const cluster_dns::Snapshot& snapshot,
                          const cluster_dns::PlanOptions& options) {
  Result<cluster_dns::Plan> plan = cluster_dns::plan(snapshot, options);
  if (!plan) {
    FAIL(format_error(plan.error()));
  }
  return std::move(*plan);
}

}  // namespace meshdns::test
