// End-to-end tests of `kubectl-meshdns corefile` against the cluster: the built binary against the
// strict stand-in API server seeded with the cluster fixtures of test/cluster_dns/clusters/. What
// the cluster holds afterwards is read back with python3's urllib, not with the tool under test,
// and the stand-in's request log shows which requests wrote.

#include "support/api_call.hpp"
#include "support/apiserver.hpp"
#include "support/process.hpp"
#include "support/skip.hpp"

#include <meshdns/text.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <string>
#include <vector>

namespace meshdns::test {
namespace {

const std::string k_clusters = MESHDNS_SOURCE_DIR "/test/cluster_dns/clusters/";
const std::string k_kube_dns = "/api/v1/namespaces/kube-system/configmaps/coredns";
const std::string k_istio = "/api/v1/namespaces/istio-system/configmaps/coredns";

std::string corefile_at(const ApiServer& api, const std::string& path,
                        const std::string& key = "Corefile") {
  const nlohmann::json object = call(api, "GET", path);
  INFO(object.dump());
  return object.at("data").at(key).get<std::string>();
}

// The requests that tried to change something (whatever their answer), "METHOD path?query".
std::vector<std::string> writes(const ApiServer& api) {
  std::vector<std::string> out;
  // Kept in a variable: a range-for over a member of a temporary would read freed memory.
  const nlohmann::json log = nlohmann::json::parse(api.requests_json());
  for (const nlohmann::json& entry : log.at("requests")) {
    const std::string method = entry.at("method").get<std::string>();
    if (method == "GET" || method == "HEAD") {
      continue;
    }
    std::string line = cat(method, ' ', entry.at("path").get<std::string>());
    if (entry.at("query").contains("dryRun")) {
      line += "?dryRun=All";
    }
    out.push_back(line);
  }
  return out;
}

std::size_t count_of(const std::vector<std::string>& lines, const std::string& line) {
  return static_cast<std::size_t>(std::count(lines.begin(), lines.end(), line));
}

ApiServerOptions seeded_with(const std::string& fixture) {
  ApiServerOptions options;
  options.seed_files = {k_clusters + fixture};
  return options;
}

struct Cluster {
  explicit Cluster(const std::string& fixture)
      : api(seeded_with(fixture)), kubeconfig(api.write_kubeconfig()) {}

  ProcessResult meshdns(std::vector<std::string> args) const {
    args.insert(args.begin(), {"--kubeconfig", kubeconfig});
    return run_meshdns(args);
  }

  ApiServer api;
  std::string kubeconfig;
};

#define REQUIRE_EXIT(run, code)                                   \
  do {                                                            \
    INFO("stdout:\n" << (run).out << "\nstderr:\n" << (run).err); \
    REQUIRE((run).exit_code == (code));                           \
  } while (false)

}  // namespace

TEST_CASE("cli::corefile cluster patch kubeadm + Istio 1.3: writes, idempotency, status, rollback",
          "[cli][corefile][apiserver]") {
  MESHDNS_SKIP_UNLESS(ApiServer::available(), "python3 with PyYAML or openssl is missing");
  const Cluster cluster("kubeadm-istio-1.3.yaml");
  const std::string kube_dns_before = corefile_at(cluster.api, k_kube_dns);
  const std::string istio_before = corefile_at(cluster.api, k_istio);
  cluster.api.reset();

  const ProcessResult diff = cluster.meshdns({"corefile", "diff"});
  REQUIRE_EXIT(diff, 1);
  CHECK(diff.out.find("+internal:53 {") != std::string::npos);
  CHECK(diff.out.find("+    forward . 10.96.0.60") != std::string::npos);
  CHECK(writes(cluster.api).empty());

  const ProcessResult status_before = cluster.meshdns({"corefile", "status"});
  REQUIRE_EXIT(status_before, 1);
  CHECK(status_before.out.find("missing    kube-system/coredns") != std::string::npos);

  const ProcessResult patch = cluster.meshdns({"corefile", "patch"});
  REQUIRE_EXIT(patch, 0);
  CHECK(patch.out ==
        "configmap/coredns -n istio-system patched\nconfigmap/coredns -n kube-system patched\n");
  CHECK(patch.err.find("previous state saved in configmap kube-system/coredns-meshdns-backup "
                       "(key configmaps_coredns)") != std::string::npos);
  CHECK(patch.err.find("reload plugin loads the change in about 30-90 s") != std::string::npos);
  const std::string kube_dns_after = corefile_at(cluster.api, k_kube_dns);
  const std::string istio_after = corefile_at(cluster.api, k_istio);
  CHECK(
      kube_dns_after.find("internal:53 {\n    errors\n    cache 30\n    forward . 10.96.0.60\n}") !=
      std::string::npos);
  CHECK(istio_after.find("proxy internal 127.0.0.1:8053") != std::string::npos);
  // The backup holds the objects as they were, Corefile bytes included.
  const nlohmann::json saved = nlohmann::json::parse(
      corefile_at(cluster.api, "/api/v1/namespaces/kube-system/configmaps/coredns-meshdns-backup",
                  "configmaps_coredns"));
  CHECK(saved.at("object").at("data").at("Corefile") == kube_dns_before);

  SECTION("a second patch writes nothing") {
    cluster.api.reset();
    const ProcessResult again = cluster.meshdns({"corefile", "patch"});
    REQUIRE_EXIT(again, 0);
    CHECK(again.out.empty());
    CHECK(again.err.find("unchanged: the DNS configuration (kubeadm) is already patched for "
                         "internal") != std::string::npos);
    CHECK(writes(cluster.api).empty());
    const ProcessResult no_diff = cluster.meshdns({"corefile", "diff"});
    REQUIRE_EXIT(no_diff, 0);
    CHECK(no_diff.out.empty());
  }

  SECTION("status: in place, then drifted after a simulated revert, in place again after patch") {
    const ProcessResult in_place = cluster.meshdns({"corefile", "status", "-o", "json"});
    REQUIRE_EXIT(in_place, 0);
    const nlohmann::json report = nlohmann::json::parse(in_place.out);
    CHECK(report.at("inPlace") == true);
    REQUIRE(report.at("corefiles").size() == 2);
    CHECK(report.at("corefiles")[0].at("state") == "InPlace");

    // What a platform's reconciler does: put its own Corefile back.
    nlohmann::json reverted = call(cluster.api, "GET", k_kube_dns);
    reverted["data"]["Corefile"] = kube_dns_before;
    call(cluster.api, "PUT", k_kube_dns, reverted.dump());
    const ProcessResult drifted = cluster.meshdns({"corefile", "status"});
    REQUIRE_EXIT(drifted, 1);
    CHECK(drifted.out.find("missing    kube-system/coredns") != std::string::npos);
    CHECK(drifted.out.find("in place   istio-system/coredns") != std::string::npos);
    const ProcessResult drifted_json = cluster.meshdns({"corefile", "status", "-o", "json"});
    REQUIRE_EXIT(drifted_json, 1);
    CHECK(nlohmann::json::parse(drifted_json.out).at("inPlace") == false);

    REQUIRE_EXIT(cluster.meshdns({"corefile", "patch"}), 0);
    REQUIRE_EXIT(cluster.meshdns({"corefile", "status"}), 0);
  }

  SECTION("rollback restores both Corefiles byte for byte, conditionally, once") {
    cluster.api.reset();
    const ProcessResult rollback = cluster.meshdns({"corefile", "rollback"});
    REQUIRE_EXIT(rollback, 0);
    CHECK(
        rollback.out ==
        "configmap/coredns -n istio-system restored\nconfigmap/coredns -n kube-system restored\n");
    CHECK(corefile_at(cluster.api, k_kube_dns) == kube_dns_before);
    CHECK(corefile_at(cluster.api, k_istio) == istio_before);
    const std::vector<std::string> sent = writes(cluster.api);
    CHECK(sent == std::vector<std::string>{"PUT " + k_istio, "PUT " + k_kube_dns});
    const nlohmann::json log = nlohmann::json::parse(cluster.api.requests_json());
    for (const nlohmann::json& entry : log.at("requests")) {
      if (entry.at("method") == "PUT") {  // conditional: the resourceVersion just read
        CHECK(nlohmann::json::parse(entry.at("body").get<std::string>())
                  .at("metadata")
                  .contains("resourceVersion"));
      }
    }
    cluster.api.reset();
    const ProcessResult again = cluster.meshdns({"corefile", "rollback"});
    REQUIRE_EXIT(again, 0);
    CHECK(again.err.find("unchanged: every object already holds its saved state") !=
          std::string::npos);
    CHECK(writes(cluster.api).empty());
  }

  SECTION("unpatch removes exactly what patch added") {
    const ProcessResult unpatch = cluster.meshdns({"corefile", "unpatch"});
    REQUIRE_EXIT(unpatch, 0);
    CHECK(unpatch.out ==
          "configmap/coredns -n kube-system unpatched\nconfigmap/coredns -n istio-system "
          "unpatched\n");
    CHECK(corefile_at(cluster.api, k_kube_dns) == kube_dns_before);
    CHECK(corefile_at(cluster.api, k_istio) == istio_before);
  }
}

TEST_CASE("cli::corefile cluster patch kubeadm + Istio 1.6 istiocoredns (grpc)",
          "[cli][corefile][apiserver]") {
  MESHDNS_SKIP_UNLESS(ApiServer::available(), "python3 with PyYAML or openssl is missing");
  const Cluster cluster("kubeadm-istio-1.6.yaml");
  const ProcessResult patch =
      cluster.meshdns({"corefile", "patch", "--zone", "internal", "--zone", "corp.example"});
  REQUIRE_EXIT(patch, 0);
  const std::string istio = corefile_at(cluster.api, k_istio);
  CHECK(istio.find("grpc internal 127.0.0.1:8053") != std::string::npos);
  CHECK(istio.find("grpc corp.example 127.0.0.1:8053") != std::string::npos);
  CHECK(istio.find("except global\n        except internal\n        except corp.example\n") !=
        std::string::npos);
  const std::string kube_dns = corefile_at(cluster.api, k_kube_dns);
  CHECK(kube_dns.find("corp.example:53 {") != std::string::npos);

  const ProcessResult lint = cluster.meshdns({"corefile", "lint"});
  REQUIRE_EXIT(lint, 0);
  CHECK(lint.err.find("istio-system/coredns Corefile: no problems for CoreDNS 1.6.2") !=
        std::string::npos);
  CHECK(lint.err.find("kube-system/coredns Corefile: no problems for CoreDNS 1.6.2") !=
        std::string::npos);

  const ProcessResult show = cluster.meshdns({"corefile", "show"});
  REQUIRE_EXIT(show, 0);
  CHECK(show.out.find(cat("# configmap kube-system/coredns, key Corefile, resourceVersion ")) !=
        std::string::npos);
  CHECK(show.out.find(istio) != std::string::npos);

  SECTION("--target kube-dns leaves istiocoredns alone") {
    const ProcessResult unpatch =
        cluster.meshdns({"corefile", "unpatch", "--target", "kube-dns", "--zone", "corp.example"});
    REQUIRE_EXIT(unpatch, 0);
    CHECK(unpatch.out == "configmap/coredns -n kube-system unpatched\n");
    CHECK(corefile_at(cluster.api, k_istio) == istio);
    CHECK(corefile_at(cluster.api, k_kube_dns).find("corp.example") == std::string::npos);
  }
}

TEST_CASE("cli::corefile cluster patch keeps an edit made between its read and its write",
          "[cli][corefile][apiserver]") {
  MESHDNS_SKIP_UNLESS(ApiServer::available(), "python3 with PyYAML or openssl is missing");
  const Cluster cluster("kubeadm-istio-1.3.yaml");
  const std::string before = corefile_at(cluster.api, k_kube_dns);
  const std::string edited = cat("# changed by a colleague\n", before);
  // The stand-in serves this merge patch, as another client's, just before our first PUT of the
  // kube-dns ConfigMap: our PUT then carries a stale resourceVersion and gets the real 409.
  const nlohmann::json fault = {{"path_regex", "/namespaces/kube-system/configmaps/coredns$"},
                                {"method", "PUT"},
                                {"count", 1},
                                {"concurrent",
                                 {{"method", "PATCH"},
                                  {"path", k_kube_dns},
                                  {"content_type", "application/merge-patch+json"},
                                  {"body", {{"data", {{"Corefile", edited}}}}}}}};
  cluster.api.reset();
  const ProcessResult control = run_process(
      {"/usr/bin/python3", MESHDNS_SOURCE_DIR "/test/apiserver/standinctl", cluster.api.base_url(),
       cluster.api.ca_path(), "POST", "/_standin/faults", fault.dump()});
  REQUIRE_EXIT(control, 0);

  const ProcessResult patch = cluster.meshdns({"corefile", "patch", "--target", "kube-dns"});
  REQUIRE_EXIT(patch, 0);
  CHECK(patch.err.find("kube-system/coredns changed since it was read; reading the cluster again "
                       "(attempt 2 of 5)") != std::string::npos);
  CHECK(patch.out == "configmap/coredns -n kube-system patched\n");
  const std::string after = corefile_at(cluster.api, k_kube_dns);
  CHECK(starts_with(after, "# changed by a colleague\n.:53 {"));
  CHECK(after.find("forward . 10.96.0.60") != std::string::npos);
  CHECK(count_of(writes(cluster.api), "PUT " + k_kube_dns) == 2);  // the 409, then the retry

  // The backup holds the colleague's version: rollback goes back to it, not past it.
  REQUIRE_EXIT(cluster.meshdns({"corefile", "rollback"}), 0);
  CHECK(corefile_at(cluster.api, k_kube_dns) == edited);
}

TEST_CASE("cli::corefile cluster patch refuses, writing nothing", "[cli][corefile][apiserver]") {
  MESHDNS_SKIP_UNLESS(ApiServer::available(), "python3 with PyYAML or openssl is missing");
  const Cluster cluster("kubeadm-istio-1.3.yaml");

  SECTION("a Corefile that does not lint for its CoreDNS") {
    nlohmann::json broken = call(cluster.api, "GET", k_kube_dns);
    broken["data"]["Corefile"] = ".:53 {\n    forward . /etc/resolv.conf\n    reload\n";
    call(cluster.api, "PUT", k_kube_dns, broken.dump());
    cluster.api.reset();
    const ProcessResult patch = cluster.meshdns({"corefile", "patch"});
    REQUIRE_EXIT(patch, 1);
    CHECK(starts_with(patch.err,
                      "backend: istiocoredns (auto: Deployment "
                      "istio-system/istiocoredns exists)\nerror: "));
    CHECK(writes(cluster.api).empty());
    const ProcessResult lint = cluster.meshdns({"corefile", "lint"});
    REQUIRE_EXIT(lint, 1);
    CHECK(lint.out.find("kube-system/coredns Corefile:1: ") != std::string::npos);
  }

  SECTION("missing RBAC: the verb and resource are named") {
    cluster.api.inject_fault("/namespaces/kube-system/configmaps/coredns$", 403, 1, "GET",
                             "configmaps \"coredns\" is forbidden: User \"meshdns-test\" cannot "
                             "get resource \"configmaps\" in API group \"\" in the namespace "
                             "\"kube-system\"");
    const ProcessResult patch = cluster.meshdns({"corefile", "patch"});
    REQUIRE_EXIT(patch, 1);
    CHECK(patch.err ==
          "error: Error from server (Forbidden): configmaps \"coredns\" is forbidden: User "
          "\"meshdns-test\" cannot get resource \"configmaps\" in API group \"\" in the namespace "
          "\"kube-system\" (reading the DNS configuration needs permission to get configmaps in "
          "the namespace kube-system; ask for an RBAC rule with verbs [get] on configmaps (core "
          "API group), or check it with `kubectl auth can-i get configmaps -n kube-system`)\n");
    CHECK(writes(cluster.api).empty());
  }

  SECTION("missing RBAC for the write: passed on verbatim, nothing half-written") {
    cluster.api.inject_fault("/namespaces/kube-system/configmaps$", 403, 1, "POST",
                             "configmaps is forbidden: User \"meshdns-test\" cannot create "
                             "resource \"configmaps\" in API group \"\" in the namespace "
                             "\"kube-system\"");
    const ProcessResult patch = cluster.meshdns({"corefile", "patch"});
    REQUIRE_EXIT(patch, 1);
    CHECK(ends_with(
        patch.err,
        "error: Error from server (Forbidden): configmaps is forbidden: User \"meshdns-test\" "
        "cannot create resource \"configmaps\" in API group \"\" in the namespace "
        "\"kube-system\" (saving the previous state in configmap "
        "kube-system/coredns-meshdns-backup needs permission to create configmaps in the "
        "namespace kube-system; ask for an RBAC rule with verbs [create] on configmaps (core API "
        "group), or check it with `kubectl auth can-i create configmaps -n kube-system`; no DNS "
        "configuration was changed)\n"));
    // Backups are all saved before any object changes: the refused one leaves both Corefiles.
    CHECK(writes(cluster.api) ==
          std::vector<std::string>{"POST /api/v1/namespaces/istio-system/configmaps",
                                   "POST /api/v1/namespaces/kube-system/configmaps"});
    CHECK(corefile_at(cluster.api, k_istio).find("internal") == std::string::npos);
  }
}

TEST_CASE("cli::corefile cluster rollback trusts only what it wrote",
          "[cli][corefile][apiserver]") {
  MESHDNS_SKIP_UNLESS(ApiServer::available(), "python3 with PyYAML or openssl is missing");
  const Cluster cluster("kubeadm-istio-1.3.yaml");
  const std::string kube_dns_before = corefile_at(cluster.api, k_kube_dns);
  REQUIRE_EXIT(cluster.meshdns({"corefile", "patch"}), 0);
  const std::string backup = "/api/v1/namespaces/kube-system/configmaps/coredns-meshdns-backup";

  SECTION("a tampered envelope describing another object is refused, nothing written") {
    nlohmann::json tampered = call(cluster.api, "GET", backup);
    nlohmann::json entry =
        nlohmann::json::parse(tampered["data"]["configmaps_coredns"].get<std::string>());
    entry["group"] = "apps";
    entry["resource"] = "deployments";
    entry["namespace"] = "default";
    entry["name"] = "miner";
    entry["object"] = {{"apiVersion", "apps/v1"},
                       {"kind", "Deployment"},
                       {"metadata", {{"name", "miner"}, {"namespace", "default"}}}};
    tampered["data"]["configmaps_coredns"] = entry.dump();
    call(cluster.api, "PUT", backup, tampered.dump());
    cluster.api.reset();
    const ProcessResult rollback = cluster.meshdns({"corefile", "rollback"});
    REQUIRE_EXIT(rollback, 1);
    CHECK(rollback.err.find("error: configmap/coredns-meshdns-backup -n kube-system: key "
                            "configmaps_coredns is not a state we saved (it describes apps/v1 "
                            "deployments default/miner") != std::string::npos);
    CHECK(writes(cluster.api).empty());
    CHECK(call(cluster.api, "GET", "/apis/apps/v1/namespaces/default/deployments/miner")
              .value("code", 0) == 404);
  }

  SECTION("a broken Corefile in the backup is never restored") {
    nlohmann::json tampered = call(cluster.api, "GET", backup);
    nlohmann::json entry =
        nlohmann::json::parse(tampered["data"]["configmaps_coredns"].get<std::string>());
    entry["object"]["data"]["Corefile"] = ".:53 {\n    forward . /etc/resolv.conf\n";
    tampered["data"]["configmaps_coredns"] = entry.dump();
    call(cluster.api, "PUT", backup, tampered.dump());
    cluster.api.reset();
    const ProcessResult rollback = cluster.meshdns({"corefile", "rollback"});
    REQUIRE_EXIT(rollback, 1);
    CHECK(rollback.err.find("error: refusing to restore configmap/coredns -n kube-system "
                            "data.Corefile (the saved Corefile would not load in CoreDNS") !=
          std::string::npos);
    CHECK(writes(cluster.api).empty());
  }

  SECTION("an object changed since: refused naming the change, also as a client dry run") {
    nlohmann::json edited = call(cluster.api, "GET", k_kube_dns);
    const std::string ours = edited["data"]["Corefile"].get<std::string>();
    edited["data"]["Corefile"] = ours + "# added by ops\n";
    edited["data"]["extra"] = "x";
    call(cluster.api, "PUT", k_kube_dns, edited.dump());
    cluster.api.reset();
    for (const std::vector<std::string>& args :
         {std::vector<std::string>{"corefile", "rollback"},
          std::vector<std::string>{"corefile", "rollback", "--dry-run=client"}}) {
      const ProcessResult refused = cluster.meshdns(args);
      REQUIRE_EXIT(refused, 1);
      CHECK(refused.out.empty());
      CHECK(refused.err ==
            "error: configmap/coredns -n kube-system changed since kubectl meshdns wrote it "
            "(data.Corefile changed, data.extra added; rolling back would overwrite that; see "
            "what changed with `kubectl get` or `corefile diff`, then pass --force to restore "
            "anyway (it prints what it overwrites))\n");
    }
    CHECK(writes(cluster.api).empty());

    const ProcessResult forced = cluster.meshdns({"corefile", "rollback", "--force"});
    REQUIRE_EXIT(forced, 0);
    CHECK(forced.out.find("--- configmap/coredns -n kube-system data.Corefile (live)\n+++ "
                          "configmap/coredns -n kube-system data.Corefile (after rollback)\n") !=
          std::string::npos);
    CHECK(forced.out.find("\n-# added by ops\n") != std::string::npos);
    CHECK(forced.out.find("configmap/coredns -n kube-system restored\n") != std::string::npos);
    CHECK(forced.out.find("configmap/coredns -n istio-system restored\n") != std::string::npos);
    CHECK(corefile_at(cluster.api, k_kube_dns) == kube_dns_before);
    CHECK(corefile_at(cluster.api, k_kube_dns, "extra") == "x");  // not ours: not touched
  }
}

TEST_CASE("cli::corefile cluster patch never edits the user's block for the zone",
          "[cli][corefile][apiserver]") {
  MESHDNS_SKIP_UNLESS(ApiServer::available(), "python3 with PyYAML or openssl is missing");
  const Cluster cluster("kubeadm-istio-1.3.yaml");
  nlohmann::json object = call(cluster.api, "GET", k_kube_dns);
  const std::string users = object["data"]["Corefile"].get<std::string>() +
                            "\n# corp resolvers\ninternal:53 {\n    errors\n    forward . 10.1.1.1 "
                            "10.1.1.2\n}\n";
  object["data"]["Corefile"] = users;
  call(cluster.api, "PUT", k_kube_dns, object.dump());
  cluster.api.reset();
  const ProcessResult refused = cluster.meshdns({"corefile", "patch", "--target", "kube-dns"});
  REQUIRE_EXIT(refused, 1);
  CHECK(
      refused.err.find("refusing to patch zone internal: patch edits only lines it wrote (line ") !=
      std::string::npos);
  CHECK(refused.err.find("pass --force to set them aside") != std::string::npos);
  CHECK(writes(cluster.api).empty());

  const ProcessResult forced =
      cluster.meshdns({"corefile", "patch", "--target", "kube-dns", "--force"});
  REQUIRE_EXIT(forced, 0);
  CHECK(forced.out == "configmap/coredns -n kube-system patched\n");
  const std::string patched = corefile_at(cluster.api, k_kube_dns);
  CHECK(patched.find("# meshdns-saved[internal]     forward . 10.1.1.1 10.1.1.2\n") !=
        std::string::npos);
  CHECK(patched.find("internal:53 {\n    errors\n    cache 30\n    forward . 10.96.0.60\n}") !=
        std::string::npos);
  // The backup holds the user's block too, and unpatch gives it back byte for byte.
  const nlohmann::json backup =
      call(cluster.api, "GET", "/api/v1/namespaces/kube-system/configmaps/coredns-meshdns-backup");
  CHECK(nlohmann::json::parse(backup["data"]["configmaps_coredns"].get<std::string>())
            .at("object")
            .at("data")
            .at("Corefile") == users);
  REQUIRE_EXIT(cluster.meshdns({"corefile", "unpatch", "--target", "kube-dns"}), 0);
  CHECK(corefile_at(cluster.api, k_kube_dns) == users);
}

TEST_CASE("cli::corefile cluster patch refuses zones that are not private names",
          "[cli][corefile][apiserver]") {
  MESHDNS_SKIP_UNLESS(ApiServer::available(), "python3 with PyYAML or openssl is missing");
  const Cluster cluster("kubeadm-istio-1.3.yaml");
  cluster.api.reset();
  for (const std::string zone :
       {"cluster.local", "svc.cluster.local", "local", "in-addr.arpa", "ip6.arpa", "com"}) {
    INFO(zone);
    const ProcessResult patch = cluster.meshdns({"corefile", "patch", "--zone", zone});
    REQUIRE_EXIT(patch, 2);
    CHECK(starts_with(patch.err, cat("error: refusing zone \"", zone, "\" (")));
  }
  CHECK(writes(cluster.api).empty());
}

TEST_CASE("cli::corefile cluster patch that fails half way says what was written",
          "[cli][corefile][apiserver]") {
  MESHDNS_SKIP_UNLESS(ApiServer::available(), "python3 with PyYAML or openssl is missing");
  const Cluster cluster("kubeadm-istio-1.3.yaml");
  cluster.api.inject_fault("/namespaces/kube-system/configmaps/coredns$", 403, 1, "PUT",
                           "configmaps \"coredns\" is forbidden: User \"meshdns-test\" cannot "
                           "update resource \"configmaps\" in API group \"\" in the namespace "
                           "\"kube-system\"");
  const ProcessResult patch = cluster.meshdns({"corefile", "patch"});
  REQUIRE_EXIT(patch, 1);
  CHECK(patch.out == "configmap/coredns -n istio-system patched\n");
  CHECK(patch.err.find("written: configmap/coredns -n istio-system; not written: "
                       "configmap/coredns -n kube-system; run `kubectl meshdns corefile rollback` "
                       "to undo what was written") != std::string::npos);
  CHECK(patch.err.find("nothing of this attempt was lost") == std::string::npos);
  CHECK(corefile_at(cluster.api, k_istio).find("internal") != std::string::npos);
  const ProcessResult rollback = cluster.meshdns({"corefile", "rollback"});
  REQUIRE_EXIT(rollback, 0);
  CHECK(corefile_at(cluster.api, k_istio).find("internal") == std::string::npos);
}

TEST_CASE("cli::corefile cluster --dry-run", "[cli][corefile][apiserver]") {
  MESHDNS_SKIP_UNLESS(ApiServer::available(), "python3 with PyYAML or openssl is missing");
  const Cluster cluster("kubeadm-istio-1.3.yaml");
  const std::string before = corefile_at(cluster.api, k_kube_dns);
  cluster.api.reset();

  SECTION("client: prints, sends no write") {
    const ProcessResult patch = cluster.meshdns({"corefile", "patch", "--dry-run=client"});
    REQUIRE_EXIT(patch, 0);
    CHECK(patch.out ==
          "configmap/coredns -n istio-system patched (dry run)\nconfigmap/coredns -n kube-system "
          "patched (dry run)\n");
    CHECK(writes(cluster.api).empty());
    const ProcessResult yaml =
        cluster.meshdns({"corefile", "patch", "--dry-run=client", "-o", "json"});
    REQUIRE_EXIT(yaml, 0);
    const nlohmann::json list = nlohmann::json::parse(yaml.out);
    CHECK(list.at("kind") == "List");
    CHECK(list.at("items")[1].at("data").at("Corefile").get<std::string>().find("internal:53") !=
          std::string::npos);
  }

  SECTION("server: every write with dryRun=All, nothing stored") {
    const ProcessResult patch = cluster.meshdns({"corefile", "patch", "--dry-run=server"});
    REQUIRE_EXIT(patch, 0);
    CHECK(patch.out ==
          "configmap/coredns -n istio-system patched (server dry run)\nconfigmap/coredns -n "
          "kube-system patched (server dry run)\n");
    const std::vector<std::string> sent = writes(cluster.api);
    REQUIRE(!sent.empty());
    for (const std::string& line : sent) {
      CHECK(ends_with(line, "?dryRun=All"));
    }
    CHECK(corefile_at(cluster.api, k_kube_dns) == before);
  }
}

TEST_CASE("cli::corefile cluster patch --restart without a reload plugin",
          "[cli][corefile][apiserver]") {
  MESHDNS_SKIP_UNLESS(ApiServer::available(), "python3 with PyYAML or openssl is missing");
  const Cluster cluster("kubeadm-istio-1.3.yaml");
  nlohmann::json object = call(cluster.api, "GET", k_kube_dns);
  std::string corefile = object["data"]["Corefile"];
  corefile.erase(corefile.find("    reload\n"), std::string("    reload\n").size());
  object["data"]["Corefile"] = corefile;
  call(cluster.api, "PUT", k_kube_dns, object.dump());

  const ProcessResult without = cluster.meshdns({"corefile", "patch", "--zone", "one.example"});
  REQUIRE_EXIT(without, 0);
  CHECK(without.err.find("has no reload plugin: deployment.apps/coredns keeps serving the old "
                         "Corefile until its pods restart; pass --restart or run `kubectl -n "
                         "kube-system rollout restart deployment/coredns`") != std::string::npos);

  cluster.api.reset();
  const ProcessResult with =
      cluster.meshdns({"corefile", "patch", "--zone", "two.example", "--restart"});
  REQUIRE_EXIT(with, 0);
  CHECK(with.out.find("deployment.apps/coredns -n kube-system restarted\n") != std::string::npos);
  const nlohmann::json deployment =
      call(cluster.api, "GET", "/apis/apps/v1/namespaces/kube-system/deployments/coredns");
  CHECK(deployment.at("spec")
            .at("template")
            .at("metadata")
            .at("annotations")
            .contains("kubectl.kubernetes.io/restartedAt"));
  CHECK(count_of(writes(cluster.api),
                 "PATCH /apis/apps/v1/namespaces/kube-system/deployments/coredns") == 1);
}

TEST_CASE(
    "cli::corefile cluster patch per platform: written where the platform expects, "
    "idempotent, in place, rolled back",
    "[cli][corefile][apiserver]") {
  MESHDNS_SKIP_UNLESS(ApiServer::available(), "python3 with PyYAML or openssl is missing");
  struct Row {
    std::string fixture;
    std::vector<std::string> lines;  // stdout of patch, in any order
    std::string path;                // the object that must now hold the zone
    std::string warning;             // part of a warning patch must give, or ""
  };
  const std::string kube_system = "/api/v1/namespaces/kube-system/configmaps/";
  const std::vector<Row> rows = {
      {"k3s.yaml",
       {"configmap/coredns -n istio-system patched",
        "configmap/coredns-custom -n kube-system created"},
       kube_system + "coredns-custom",
       ""},
      {"aks.yaml",
       {"configmap/coredns -n istio-system patched",
        "configmap/coredns-custom -n kube-system patched"},
       kube_system + "coredns-custom",
       ""},
      {"eks-addon.yaml",
       {"configmap/coredns -n istio-system patched", "configmap/coredns -n kube-system patched"},
       kube_system + "coredns",
       "belongs to the EKS managed add-on"},
      {"gke-kube-dns.yaml",
       {"configmap/coredns -n istio-system patched", "configmap/kube-dns -n kube-system patched"},
       kube_system + "kube-dns",
       ""},
      {"openshift.yaml",
       {"configmap/coredns -n istio-system patched", "dns.operator.openshift.io/default patched"},
       "/apis/operator.openshift.io/v1/dnses/default",
       ""},
      {"nodelocal.yaml",
       {"configmap/coredns -n istio-system patched", "configmap/coredns -n kube-system patched",
        "configmap/node-local-dns -n kube-system patched"},
       kube_system + "node-local-dns",
       ""},
      {"rke2.yaml",
       {"configmap/coredns -n istio-system patched",
        "configmap/rke2-coredns-rke2-coredns -n kube-system patched"},
       kube_system + "rke2-coredns-rke2-coredns",
       "rke2-coredns Helm chart"},
  };
  for (const Row& row : rows) {
    DYNAMIC_SECTION(row.fixture) {
      const Cluster cluster(row.fixture);
      const nlohmann::json before = call(cluster.api, "GET", row.path);
      const ProcessResult patch = cluster.meshdns({"corefile", "patch"});
      REQUIRE_EXIT(patch, 0);
      std::vector<std::string> lines;
      for (const std::string_view line : split(patch.out, '\n')) {
        if (!line.empty()) {
          lines.emplace_back(line);
        }
      }
      std::vector<std::string> want = row.lines;
      std::sort(lines.begin(), lines.end());
      std::sort(want.begin(), want.end());
      CHECK(lines == want);
      if (!row.warning.empty()) {
        CHECK(patch.err.find(row.warning) != std::string::npos);
      }
      const nlohmann::json after = call(cluster.api, "GET", row.path);
      CHECK(after.dump().find("internal") != std::string::npos);

      cluster.api.reset();
      REQUIRE_EXIT(cluster.meshdns({"corefile", "patch"}), 0);
      CHECK(writes(cluster.api).empty());
      REQUIRE_EXIT(cluster.meshdns({"corefile", "status"}), 0);

      REQUIRE_EXIT(cluster.meshdns({"corefile", "rollback"}), 0);
      const nlohmann::json restored = call(cluster.api, "GET", row.path);
      if (before.value("kind", "") == "Status") {  // created by patch: rollback deletes it
        CHECK(restored.value("code", 0) == 404);
      } else {
        CHECK(restored.value("data", nlohmann::json()) == before.value("data", nlohmann::json()));
        CHECK(restored.value("spec", nlohmann::json()) == before.value("spec", nlohmann::json()));
      }
    }
  }
}

TEST_CASE("cli::corefile cluster patch --backend istiocoredns refuses Istio >= 1.9",
          "[cli][corefile][apiserver]") {
  MESHDNS_SKIP_UNLESS(ApiServer::available(), "python3 with PyYAML or openssl is missing");
  const Cluster cluster("kubeadm-istio-1.20.yaml");
  // auto picks the coredns backend there, which has nothing to write before `alias`.
  const ProcessResult automatic = cluster.meshdns({"corefile", "patch"});
  REQUIRE_EXIT(automatic, 0);
  CHECK(starts_with(automatic.err,
                    "backend: coredns (auto: no Deployment "
                    "istio-system/istiocoredns;"));
  CHECK(automatic.err.find("no alias is recorded yet") != std::string::npos);
  CHECK(writes(cluster.api).empty());

  const ProcessResult patch = cluster.meshdns({"corefile", "patch", "--backend", "istiocoredns"});
  REQUIRE_EXIT(patch, 1);
  CHECK(patch.err.find("\nerror: istiocoredns is not installed") != std::string::npos);
  CHECK(patch.err.find("use Istio's DNS proxying instead") != std::string::npos);
  CHECK(writes(cluster.api).empty());
}

TEST_CASE("cli::corefile --from-manifests works offline", "[cli][corefile]") {
  const ProcessResult patch =
      run_meshdns({"corefile", "patch", "--from-manifests", k_clusters + "kubeadm-istio-1.3.yaml"});
  REQUIRE_EXIT(patch, 0);
  CHECK(starts_with(patch.out, "apiVersion: v1\n"));
  CHECK(patch.out.find("kind: ConfigMap") != std::string::npos);
  CHECK(patch.out.find("\n---\n") != std::string::npos);
  CHECK(patch.out.find("internal:53 {") != std::string::npos);

  const ProcessResult diff =
      run_meshdns({"corefile", "diff", "--from-manifests", k_clusters + "kubeadm-istio-1.3.yaml"});
  REQUIRE_EXIT(diff, 1);
  CHECK(diff.out.find("proxy internal 127.0.0.1:8053") != std::string::npos);

  const ProcessResult rollback = run_meshdns(
      {"corefile", "rollback", "--from-manifests", k_clusters + "kubeadm-istio-1.3.yaml"});
  REQUIRE_EXIT(rollback, 2);
}

}  // namespace meshdns::test
