#include <meshdns/cluster_dns/backup.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <string>

namespace meshdns::cluster_dns {
namespace {

const kube::ResourceRef k_coredns = {"", "v1", "configmaps", "kube-system", "coredns"};
constexpr std::string_view k_before = ".:53 {\n    forward . /etc/resolv.conf\n}\n";
constexpr std::string_view k_after =
    ".:53 {\n    forward . /etc/resolv.conf\n}\n\ninternal:53 {\n    forward . 10.96.0.60\n}\n";

nlohmann::json config_map(std::string_view corefile, const std::string& version = "7") {
  return {{"apiVersion", "v1"},
          {"kind", "ConfigMap"},
          {"metadata",
           {{"name", "coredns"}, {"namespace", "kube-system"}, {"resourceVersion", version}}},
          {"data", {{"Corefile", std::string(corefile)}, {"other", "kept"}}}};
}

SavedState saved(std::optional<nlohmann::json> before, const nlohmann::json& after) {
  Write write;
  write.ref = k_coredns;
  write.before = std::move(before);
  write.after = after;
  write.coredns_version = corefile::Version{1, 6, 2};
  return saved_states(with_saved_state(std::nullopt, write)).value().front();
}

TEST_CASE("cluster_dns::plan_restore", "[cluster_dns][rollback]") {
  const SavedState state = saved(config_map(k_before), config_map(k_after, "8"));

  SECTION("live is what we wrote: only the changed field goes back, conditionally") {
    nlohmann::json live = config_map(k_after, "9");
    live["metadata"]["labels"] = {{"team", "dns"}};  // metadata is not ours to restore
    const Result<Restore> restore = plan_restore(state, live, corefile::Force::no);
    REQUIRE(restore.has_value());
    CHECK(restore->action == Restore::Action::update);
    CHECK(restore->changed_since.empty());
    CHECK(restore->after.at("data").at("Corefile") == std::string(k_before));
    CHECK(restore->after.at("data").at("other") == "kept");
    CHECK(restore->after.at("metadata").at("resourceVersion") == "9");
    CHECK(restore->after.at("metadata").at("labels") == nlohmann::json({{"team", "dns"}}));
  }

  SECTION("already restored: nothing to write") {
    const Result<Restore> restore = plan_restore(state, config_map(k_before), corefile::Force::no);
    REQUIRE(restore.has_value());
    CHECK(restore->action == Restore::Action::unchanged);
  }

  SECTION("outdated: someone changed a line and added a key since; refused, naming both") {
    nlohmann::json live = config_map(std::string(k_after) + "# ops: keep\n");
    live["data"]["extra"] = "x";
    const Result<Restore> refused = plan_restore(state, live, corefile::Force::no);
    REQUIRE_FALSE(refused.has_value());
    CHECK(refused.error().code == Errc::refused);
    CHECK(format_error(refused.error()) ==
          "configmap/coredns -n kube-system changed since kubectl meshdns wrote it "
          "(data.Corefile changed, data.extra added; rolling back would overwrite that; see what "
          "changed with `kubectl get` or `corefile diff`, then pass --force to restore anyway (it "
          "prints what it overwrites))");
    const Result<Restore> forced = plan_restore(state, live, corefile::Force::yes);
    REQUIRE(forced.has_value());
    CHECK(forced->action == Restore::Action::update);
    CHECK(forced->after.at("data").at("extra") == "x");  // not ours: kept even with --force
    CHECK(forced->lost.find(
              "--- configmap/coredns -n kube-system data.Corefile (live)\n"
              "+++ configmap/coredns -n kube-system data.Corefile (after rollback)\n") !=
          std::string::npos);
    CHECK(forced->lost.find("-# ops: keep\n") != std::string::npos);
    CHECK(forced->lost.find("-internal:53 {\n") != std::string::npos);
  }

  SECTION("deleted since: refused; with --force created again") {
    const Result<Restore> refused = plan_restore(state, std::nullopt, corefile::Force::no);
    REQUIRE_FALSE(refused.has_value());
    CHECK(refused.error().why.rfind("the object was deleted;", 0) == 0);
    const Result<Restore> forced = plan_restore(state, std::nullopt, corefile::Force::yes);
    REQUIRE(forced.has_value());
    CHECK(forced->action == Restore::Action::create);
    CHECK_FALSE(forced->after.at("metadata").contains("resourceVersion"));
  }

  SECTION("a saved Corefile that does not lint is never restored") {
    const SavedState broken =
        saved(config_map(".:53 {\n    forward . /etc/resolv.conf\n"), config_map(k_after, "8"));
    const Result<Restore> restore = plan_restore(broken, config_map(k_after), corefile::Force::yes);
    REQUIRE_FALSE(restore.has_value());
    CHECK(restore.error().code == Errc::refused);
    CHECK(restore.error().what ==
          "refusing to restore configmap/coredns -n kube-system data.Corefile");
    CHECK(restore.error().why.rfind("the saved Corefile would not load in CoreDNS 1.6.2: line 1: ",
                                    0) == 0);
  }

  SECTION("an object patch created is deleted, unless changed since") {
    const SavedState created = saved(std::nullopt, config_map(k_after));
    const Result<Restore> remove =
        plan_restore(created, config_map(k_after, "3"), corefile::Force::no);
    REQUIRE(remove.has_value());
    CHECK(remove->action == Restore::Action::remove);
    CHECK(plan_restore(created, std::nullopt, corefile::Force::no).value().action ==
          Restore::Action::unchanged);
    nlohmann::json edited = config_map(k_after);
    edited["data"]["mine"] = "y";
    CHECK_FALSE(plan_restore(created, edited, corefile::Force::no).has_value());
  }
}

}  // namespace
}  // namespace meshdns::cluster_dns
