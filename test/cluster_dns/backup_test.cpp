#include <meshdns/cluster_dns/backup.hpp>
#include <meshdns/sha256.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <string>

namespace meshdns::cluster_dns {
namespace {

const kube::ResourceRef k_coredns = {"", "v1", "configmaps", "kube-system", "coredns"};

nlohmann::json config_map(const std::string& corefile) {
  return {{"apiVersion", "v1"},
          {"kind", "ConfigMap"},
          {"metadata",
           {{"name", "coredns"},
            {"namespace", "kube-system"},
            {"resourceVersion", "7"},
            {"managedFields", nlohmann::json::array()}}},
          {"data", {{"Corefile", corefile}, {"other", "kept"}}}};
}

Write patch_write() {
  Write write;
  write.ref = k_coredns;
  write.before = config_map(".:53 {\n}\n");
  write.after = config_map(".:53 {\n}\n\ninternal:53 {\n}\n");
  write.coredns_version = corefile::Version{1, 6, 2};
  return write;
}

nlohmann::json entry_of(const nlohmann::json& backup, const std::string& key) {
  return nlohmann::json::parse(backup.at("data").at(key).get<std::string>());
}

TEST_CASE("cluster_dns::with_saved_state", "[cluster_dns][backup]") {
  const nlohmann::json backup = with_saved_state(std::nullopt, patch_write());
  CHECK(backup.at("metadata").at("name") == "coredns-meshdns-backup");
  CHECK(backup.at("metadata").at("namespace") == "kube-system");
  const nlohmann::json entry = entry_of(backup, "configmaps_coredns");
  CHECK(entry.at("written").at("/data/Corefile") ==
        sha256_hex(nlohmann::json(".:53 {\n}\n\ninternal:53 {\n}\n").dump()));
  CHECK(entry.at("written").contains("/data/other"));
  CHECK(entry.at("restore") == nlohmann::json::array({"/data/Corefile"}));  // only what changed
  CHECK(entry.at("corednsVersion") == "1.6.2");
  CHECK_FALSE(entry.at("object").at("metadata").contains("managedFields"));
  const Result<std::vector<SavedState>> states = saved_states(backup);
  REQUIRE(states.has_value());
  REQUIRE(states->size() == 1);
  CHECK(states->front().restore == std::vector<std::string>{"/data/Corefile"});
  CHECK(states->front().coredns_version == corefile::Version{1, 6, 2});
}

TEST_CASE("cluster_dns::saved_states refuses a tampered envelope", "[cluster_dns][backup]") {
  const nlohmann::json good =
      entry_of(with_saved_state(std::nullopt, patch_write()), "configmaps_coredns");
  struct Row {
    std::string name;
    std::string key;
    nlohmann::json entry;
    std::string why;
  };
  nlohmann::json miner = good;
  miner["group"] = "apps";
  miner["resource"] = "deployments";
  miner["namespace"] = "default";
  miner["name"] = "miner";
  nlohmann::json other_namespace = good;
  other_namespace["namespace"] = "default";
  nlohmann::json unhashed = good;
  unhashed.erase("written");
  nlohmann::json metadata_path = good;
  metadata_path["restore"] = nlohmann::json::array({"/metadata/ownerReferences"});
  nlohmann::json other_object = good;
  other_object["object"]["metadata"]["name"] = "kube-proxy";
  const Row rows[] = {
      {"another kind", "configmaps_coredns", miner,
       "it describes apps/v1 deployments default/miner, which corefile patch and unpatch never "
       "write (rollback restores only the DNS ConfigMaps of the platform plans and the DNS "
       "operator)"},
      {"another namespace", "configmaps_coredns", other_namespace,
       "it describes v1 configmaps default/coredns, which corefile patch and unpatch never write"},
      {"another key", "configmaps_kube-dns", good,
       "it describes v1 configmaps kube-system/coredns, whose state is kept under key "
       "configmaps_coredns in namespace kube-system"},
      {"no hashes", "configmaps_coredns", unhashed, "it has no content hashes"},
      {"a field patch never writes", "configmaps_coredns", metadata_path,
       "it would restore \"/metadata/ownerReferences\", which patch never writes"},
      {"a saved object of another name", "configmaps_coredns", other_object,
       "its saved object is not v1 configmaps kube-system/coredns"},
  };
  for (const Row& row : rows) {
    INFO(row.name);
    nlohmann::json backup = with_saved_state(std::nullopt, patch_write());
    backup["data"] = {{row.key, row.entry.dump()}};
    const Result<std::vector<SavedState>> states = saved_states(backup);
    REQUIRE_FALSE(states.has_value());
    CHECK(states.error().code == Errc::refused);
    CHECK(states.error().what == "configmap/coredns-meshdns-backup -n kube-system: key " + row.key +
                                     " is not a state we saved");
    CHECK(states.error().why.rfind(row.why, 0) == 0);
  }
}

TEST_CASE("cluster_dns::is_restorable", "[cluster_dns][backup]") {
  CHECK(is_restorable(k_coredns));
  CHECK(is_restorable({"", "v1", "configmaps", "istio-system", "coredns"}));
  CHECK(is_restorable({"operator.openshift.io", "v1", "dnses", "", "default"}));
  CHECK_FALSE(is_restorable({"apps", "v1", "deployments", "kube-system", "coredns"}));
  CHECK_FALSE(is_restorable({"", "v1", "configmaps", "kube-system", "kube-proxy"}));
  CHECK_FALSE(is_restorable({"", "v1", "secrets", "kube-system", "coredns"}));
}

}  // namespace
}  // namespace meshdns::cluster_dns
