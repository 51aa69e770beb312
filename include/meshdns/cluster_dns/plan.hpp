#pragma once

// The cluster's DNS configuration as objects, and the writes that add or remove the alias zones.
// Pure: the CLI reads the objects (API server or manifests), asks for a plan, shows it (diff,
// -o yaml, dry run) and performs it (conditional writes, backups, retries). Each platform keeps
// its DNS configuration somewhere else (SPEC §3.4: kubeadm, k3s/AKS `coredns-custom`, EKS add-on,
// GKE kube-dns `stubDomains`, OpenShift DNS operator, NodeLocal DNSCache, istiocoredns or not),
// so detection and the per-platform edits live here, shared by patch, unpatch, diff and status.

#include <meshdns/corefile/engine.hpp>
#include <meshdns/corefile/rewrite.hpp>
#include <meshdns/corefile/version.hpp>
#include <meshdns/kube/requests.hpp>
#include <meshdns/result.hpp>

#include <nlohmann/json.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace meshdns::cluster_dns {

// One object a plan may read, named by its role ("kube-dns-configmap", "istiocoredns-service"...).
struct WatchedObject {
  std::string role;
  kube::ResourceRef ref;  // name set: one object
};

// Every object any platform's plan reads. The CLI fetches them all at once (concurrent GETs); a
// missing one (404, or a resource the server does not serve) is simply absent from the snapshot.
const std::vector<WatchedObject>& watched_objects();

// Where Istio keeps its mesh configs: the ConfigMaps of istio-system (listed, since a revisioned
// install names its own istio-<revision>); is_mesh_config() picks them out of that list.
kube::ResourceRef mesh_config_collection();
bool is_mesh_config(const nlohmann::json& config_map);

// What was read, by role (the objects as the server returned them, resourceVersion included).
struct Snapshot {
  std::map<std::string, nlohmann::json> objects;
  // Istio's mesh configs (ConfigMaps istio-system/istio, istio-<revision>), for the backend choice.
  std::vector<nlohmann::json> mesh_configs;
  // The versions of networking.istio.io the server serves, preferred first; empty when Istio's
  // CRDs are not installed.
  std::vector<std::string> istio_versions;
  const nlohmann::json* find(std::string_view role) const;
};

enum class Action { patch, unpatch };
enum class Target { kube_dns, istiocoredns, all };

// How aliases resolve (SPEC §3.6; backend.hpp chooses): istiocoredns forwards alias zones to
// Istio's add-on, coredns writes one rewrite line per alias, dns-proxy changes no Corefile.
enum class Backend : std::uint8_t { automatic, istiocoredns, coredns, dns_proxy };

struct PlanOptions {
  Action action = Action::patch;
  Target target = Target::all;
  std::vector<std::string> zones = {"internal"};
  // --coredns-version: overrides the version read from the Deployment's image (both Corefiles).
  std::optional<corefile::Version> coredns_version;
  // --upstream: overrides the istiocoredns Service's cluster IP as kube-dns's forward target.
  std::string upstream;
  // --force: patch sets a user's own lines for the zones aside instead of refusing (the engine's
  // Force); rollback overwrites objects changed since we wrote them.
  corefile::Force force = corefile::Force::no;
  // Which lines the plan writes: istiocoredns (the zones above) or coredns (the aliases below);
  // dns_proxy changes no Corefile (automatic: the CLI asks choose_backend first).
  Backend backend = Backend::istiocoredns;
  // coredns: patch adds these to the aliases the holder of the lines records, and writes every
  // recorded one (which puts back lines a platform removed); unpatch removes these, or every one
  // of ours when empty. Unpatch reads only `alias`.
  std::vector<corefile::AliasRewrite> aliases;
};

// One object to write. `before` is the object as read (its metadata.resourceVersion makes the
// write conditional); nullopt means the object does not exist and is created. `after` is the whole
// object to send. The texts are the edited document (a Corefile, a stubDomains JSON, the DNS
// operator's servers) for diffs and backups.
struct Write {
  kube::ResourceRef ref;
  std::optional<nlohmann::json> before;
  nlohmann::json after;
  std::string label;  // "kube-system/coredns Corefile (kube-dns, CoreDNS 1.6.2)"
  std::string before_text;
  std::string after_text;
  // Corefile writes: the Deployment whose pods load it (for --restart when it has no `reload`).
  std::optional<kube::ResourceRef> reloads;
  bool has_reload_plugin = true;
  // Corefile writes: the CoreDNS release that loads it (rollback lints what it restores with it).
  std::optional<corefile::Version> coredns_version;
  // coredns backend, patch: the recorded aliases whose rewrite line is gone from the text (a
  // platform put its own Corefile back), for `corefile status`.
  std::vector<std::string> lost;
};

struct Plan {
  std::string platform;               // what was detected, for messages: "kubeadm", "k3s", ...
  std::vector<Write> writes;          // empty: everything is already as it should be
  std::vector<std::string> notes;     // what was decided and why ("k3s: writing coredns-custom")
  std::vector<std::string> warnings;  // "the EKS add-on may revert this; set ..."
};

// Errors: Errc::refused when the result would not lint clean for the detected CoreDNS version, or
// the platform cannot take the zones (istiocoredns absent on Istio >= 1.9: point to DNS proxying);
// Errc::config when a version cannot be read from an image (ask for --coredns-version) or a
// required object is missing (no kube-dns Corefile at all).
Result<Plan> plan(const Snapshot& snapshot, const PlanOptions& options);

// The coredns backend's aliases as the cluster records them (annotation meshdns.io/rewrites on the
// object that holds the lines), alias and target; empty when there are none.
std::vector<corefile::AliasRewrite> recorded_aliases(const Snapshot& snapshot);

}  // namespace meshdns::cluster_dns
