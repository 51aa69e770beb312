// The coredns backend: one `rewrite name exact` line per alias where the platform's CoreDNS reads
// it (the kube-dns Corefile; k3s and AKS: a coredns-custom key ending `.override`, imported inside
// `.:53`), and beside the lines the record of the aliases the tool wrote (annotation
// meshdns.io/rewrites on the same object, so it goes and comes back with it): what patch writes
// again after a platform put its Corefile back, and what `corefile status` and `alias list` read.

#include "cluster_dns/objects.hpp"
#include "cluster_dns/steps.hpp"

#include <meshdns/cluster_dns/roles.hpp>
#include <meshdns/corefile/outline.hpp>
#include <meshdns/manifest/names.hpp>
#include <meshdns/text.hpp>

#include <algorithm>
#include <map>
#include <set>

namespace meshdns::cluster_dns {

namespace {

constexpr std::string_view k_record = "meshdns.io/rewrites";
constexpr std::string_view k_override_key = "meshdns.override";
// As for coredns-custom's *.server keys: reload watches imported files from CoreDNS 1.6.2 on.
constexpr corefile::Version k_reloads_imports{1, 6, 2};

using Record = std::map<std::string, std::string>;  // alias -> target

// Where the lines live on this platform: the Corefile key itself, or the .override key.
struct Holder {
  std::string role;
  std::string key;
  bool override_key = false;
};

Result<Holder> holder_of(const Detection& detection) {
  switch (detection.platform) {
    case Platform::coredns:
    case Platform::eks_addon:
    case Platform::rke2:
      return Holder{detection.configmap_role, "Corefile", false};
    case Platform::coredns_custom:
      return Holder{std::string(role::coredns_custom_configmap), std::string(k_override_key), true};
    case Platform::gke_kube_dns:
      return fail(Errc::refused, "the coredns backend cannot work on GKE's kube-dns",
                  "kube-dns (dnsmasq) has no rewrite: its ConfigMap kube-system/kube-dns takes "
                  "stubDomains and upstreamNameservers only",
                  "use --backend dns-proxy (Istio sidecars with ISTIO_META_DNS_CAPTURE), or move "
                  "the cluster to Cloud DNS for GKE and add the alias there as a record of a "
                  "private zone or response policy");
    case Platform::openshift:
      return fail(Errc::refused, "the coredns backend cannot work on OpenShift",
                  "the DNS operator renders CoreDNS's Corefile itself and takes only forwarding "
                  "rules (dnses.operator.openshift.io/default spec.servers), no rewrite",
                  "use --backend dns-proxy (OpenShift Service Mesh sidecars with "
                  "ISTIO_META_DNS_CAPTURE), or serve the alias zone from a DNS server and "
                  "forward it to that server with a spec.servers entry");
    case Platform::none:
      break;
  }
  return fail(Errc::config, "cannot find the cluster's DNS configuration",
              "none of ConfigMap kube-system/coredns, ConfigMap "
              "kube-system/rke2-coredns-rke2-coredns, Deployment kube-system/kube-dns or "
              "dnses.operator.openshift.io/default exists",
              "check that the kubeconfig points at the right cluster");
}

Record read_record(const nlohmann::json* object) {
  Record record;
  if (object == nullptr) {
    return record;
  }
  const nlohmann::json parsed = nlohmann::json::parse(annotation(*object, k_record), nullptr,
                                                      /*allow_exceptions=*/false);
  if (!parsed.is_object()) {
    return record;  // absent, or not ours to read: the lines themselves still count
  }
  for (const auto& [alias, target] : parsed.items()) {
    if (target.is_string()) {
      record[alias] = target.get<std::string>();
    }
  }
  return record;
}

// The record on the object to send; the annotation goes when no alias is left.
void write_record(nlohmann::json& object, const Record& record) {
  nlohmann::json& metadata = object["metadata"];
  if (record.empty()) {
    if (metadata.contains("annotations") && metadata["annotations"].is_object()) {
      metadata["annotations"].erase(std::string(k_record));
      if (metadata["annotations"].empty()) {
        metadata.erase("annotations");
      }
    }
    return;
  }
  nlohmann::json value = nlohmann::json::object();
  for (const auto& [alias, target] : record) {
    value[alias] = target;
  }
  metadata["annotations"][std::string(k_record)] = value.dump();
}

std::vector<corefile::AliasRewrite> as_rewrites(const Record& record) {
  std::vector<corefile::AliasRewrite> out;
  for (const auto& [alias, target] : record) {
    out.push_back({alias, target, "", ""});
  }
  return out;
}

std::vector<corefile::AliasRewrite> lines_in(std::string_view text, bool override_key) {
  return override_key ? corefile::override_rewrites(text) : corefile::rewrites_in(text);
}

// The zones of the aliases, for NodeLocal DNSCache's block that sends them on to kube-dns.
std::vector<std::string> zones_of(const Record& record) {
  std::vector<std::string> zones;
  for (const auto& [alias, target] : record) {
    const std::string zone = manifest::alias_zone(alias);
    if (std::find(zones.begin(), zones.end(), zone) == zones.end()) {
      zones.push_back(zone);
    }
  }
  return zones;
}

struct Edited {
  std::string text;
  Record record;
  std::vector<std::string> lost;
  std::vector<std::string> removed_zones;  // unpatch: zones no remaining alias uses
};

Result<Edited> edit(const Context& context, const Holder& holder, std::string_view before,
                    const Record& recorded, std::string_view domain, corefile::Version version) {
  const PlanOptions& options = context.options;
  Edited out;
  out.record = recorded;
  corefile::RewriteOptions rewrite;
  rewrite.coredns_version = version;
  if (options.action == Action::patch) {
    std::set<std::string> present;
    for (const corefile::AliasRewrite& line : lines_in(before, holder.override_key)) {
      present.insert(line.alias);
    }
    for (const auto& [alias, target] : recorded) {
      if (present.count(alias) == 0) {
        out.lost.push_back(alias);
      }
    }
    for (const corefile::AliasRewrite& alias : options.aliases) {
      std::string fqdn = to_lower(alias.alias);
      if (fqdn.size() > 1 && fqdn.back() == '.') {
        fqdn.pop_back();
      }
      out.record[fqdn] = alias.target.empty()
                             ? cat(alias.service, '.', alias.namespace_name, ".svc.", domain)
                             : alias.target;
    }
    rewrite.aliases = as_rewrites(out.record);
    if (rewrite.aliases.empty()) {
      out.text = std::string(before);  // no alias yet: nothing to write
      return out;
    }
    Result<std::string> text = holder.override_key
                                   ? corefile::patch_override(before, rewrite, domain)
                                   : corefile::patch_rewrites(before, rewrite);
    if (!text) {
      return std::move(text).error();
    }
    out.text = std::move(*text);
    return out;
  }
  // Unpatch: the named aliases, or every one of ours, recorded or found.
  std::vector<std::string> remove;
  for (const corefile::AliasRewrite& alias : options.aliases) {
    remove.push_back(to_lower(alias.alias));
  }
  if (options.aliases.empty()) {
    for (const auto& [alias, target] : recorded) {
      remove.push_back(alias);
    }
    for (const corefile::AliasRewrite& line : lines_in(before, holder.override_key)) {
      remove.push_back(line.alias);
    }
  }
  Record removed;
  for (const std::string& alias : remove) {
    rewrite.aliases.push_back({alias, "", "", ""});
    removed[alias] = "";
    out.record.erase(alias);
  }
  Result<std::string> text = holder.override_key ? corefile::unpatch_override(before, rewrite)
                                                 : corefile::unpatch_rewrites(before, rewrite);
  if (!text) {
    return std::move(text).error();
  }
  out.text = std::move(*text);
  const std::vector<std::string> kept = zones_of(out.record);
  for (const std::string& zone : zones_of(removed)) {
    if (std::find(kept.begin(), kept.end(), zone) == kept.end()) {
      out.removed_zones.push_back(zone);
    }
  }
  return out;
}

// The Write of the holder, or a note when nothing changes.
void add_write(const Context& context, const Holder& holder, const Edited& edited,
               const std::string& main_corefile, corefile::Version version, Plan& plan) {
  const WatchedObject& watched_holder = watched(holder.role);
  const nlohmann::json* existing = context.snapshot.find(holder.role);
  const std::optional<std::string> before =
      existing == nullptr ? std::nullopt : data_value(*existing, holder.key);
  const std::string label =
      cat(object_name(watched_holder.ref), ' ', holder.key, " (kube-dns",
          holder.override_key ? ", imported inside .:53" : "", ", CoreDNS ", version.str(), ")");
  const Record recorded = read_record(existing);
  const bool unchanged = edited.text == before.value_or("") && edited.record == recorded;
  if (unchanged) {
    plan.notes.push_back(cat(label, ": the rewrite lines are as they should be; nothing to write"));
    return;
  }
  Write write;
  write.ref = watched_holder.ref;
  if (existing != nullptr) {
    write.before = *existing;
    write.after = updated_object(*existing);
  } else {
    write.after = new_config_map(watched_holder.ref);
    write.after["metadata"]["labels"] = {{"app.kubernetes.io/managed-by", "kubectl-meshdns"}};
    plan.notes.push_back(
        cat(object_name(watched_holder.ref), " does not exist yet: it is created"));
  }
  const bool drop_key = holder.override_key && trim(edited.text).empty();
  if (drop_key) {
    if (write.after.contains("data")) {
      write.after["data"].erase(holder.key);
      if (write.after["data"].empty()) {
        write.after.erase("data");
      }
    }
  } else {
    write.after["data"][holder.key] = edited.text;
  }
  write_record(write.after, edited.record);
  write.label = label;
  write.before_text = before.value_or("");
  write.after_text = drop_key ? std::string() : edited.text;
  write.reloads = watched(context.detection.deployment_role).ref;
  write.has_reload_plugin = corefile::loads_plugin(corefile::outline(main_corefile), "reload") &&
                            (!holder.override_key || version >= k_reloads_imports);
  write.lost = edited.lost;
  plan.notes.push_back(
      write.has_reload_plugin
          ? cat(label, ": CoreDNS's reload plugin loads the change in about 30-90 s")
          : cat(label,
                ": no reload plugin, so CoreDNS keeps the old configuration until its "
                "pods restart (--restart rolls out deployment ",
                object_name(*write.reloads), ")"));
  plan.writes.push_back(std::move(write));
}

}  // namespace

std::vector<corefile::AliasRewrite> recorded_aliases(const Snapshot& snapshot) {
  const Detection detection = detect(snapshot);
  const Result<Holder> holder = holder_of(detection);
  return holder ? as_rewrites(read_record(snapshot.find(holder->role)))
                : std::vector<corefile::AliasRewrite>();
}

Result<void> plan_rewrites(const Context& context, Plan& plan) {
  const Detection& detection = context.detection;
  Result<Holder> holder = holder_of(detection);
  if (!holder) {
    return std::move(holder).error();
  }
  const nlohmann::json& main_config_map = *context.snapshot.find(detection.configmap_role);
  const std::string main_name = object_name(watched(detection.configmap_role).ref);
  const std::string main_corefile = data_value(main_config_map, "Corefile").value_or("");
  Result<corefile::Version> version = coredns_version(context, detection.configmap_role);
  if (!version) {
    return std::move(version).error();
  }
  if (holder->override_key) {
    // The .override files are imported inside .:53, beside `kubernetes`; a .server file would be
    // a server block of its own, where a rewrite acts on nothing (coredns/coredns#5265).
    bool imported = false;
    for (const corefile::OutlineBlock& block : corefile::outline(main_corefile).blocks) {
      for (const corefile::OutlineDirective& directive : block.directives) {
        imported = imported || (directive.name == "import" && !directive.args.empty() &&
                                import_matches(directive.args.front(), k_override_key));
      }
    }
    if (!imported) {
      return fail(Errc::refused,
                  cat(main_name, " does not import ", k_override_key, " into its .:53 block"),
                  cat(detection.name,
                      " reads user configuration from kube-system/coredns-custom, "
                      "but this Corefile has no `import .../*.override` line"),
                  "add `import /etc/coredns/custom/*.override` inside the .:53 block the way the "
                  "platform does, or pass --backend dns-proxy");
    }
    plan.notes.push_back(cat(detection.name,
                             " reconciles kube-system/coredns itself: the rewrite lines go to "
                             "kube-system/coredns-custom, key ",
                             k_override_key, ", which its .:53 block imports"));
  }
  Result<std::string> domain = corefile::cluster_domain_of(main_corefile);
  if (!domain) {
    Error error = std::move(domain).error();
    error.what = cat(main_name, ": ", error.what);
    return error;
  }
  const nlohmann::json* existing = context.snapshot.find(holder->role);
  const std::string before =
      existing == nullptr ? std::string() : data_value(*existing, holder->key).value_or("");
  Result<Edited> edited = edit(context, *holder, before, read_record(existing), *domain, *version);
  if (!edited) {
    Error error = std::move(edited).error();
    error.what = cat(object_name(watched(holder->role).ref), ' ', holder->key, ": ", error.what);
    return error;
  }
  if (edited->record.empty() && context.options.action == Action::patch) {
    plan.notes.push_back(
        "the coredns backend writes one rewrite line per alias, and no alias is recorded yet: "
        "`kubectl meshdns alias SERVICE FQDN` adds them (or pass --alias FQDN=SERVICE_FQDN)");
  }
  const std::size_t writes = plan.writes.size();
  add_write(context, *holder, *edited, main_corefile, *version, plan);
  if (plan.writes.size() > writes &&
      (detection.platform == Platform::eks_addon || detection.platform == Platform::rke2)) {
    plan.warnings.push_back(revert_warning(detection, main_name));
  }
  // NodeLocal DNSCache sends names outside the cluster domain upstream: the zones of the aliases
  // must still reach kube-dns (patch: every recorded alias's; unpatch: those no alias needs now).
  const bool patching = context.options.action == Action::patch;
  const std::vector<std::string> zones =
      patching ? zones_of(edited->record) : edited->removed_zones;
  if (context.snapshot.find(role::node_local_configmap) == nullptr || zones.empty()) {
    return {};
  }
  PlanOptions options = context.options;
  options.zones = zones;
  const Context node_local{context.snapshot, options, context.detection, context.upstream};
  const std::size_t before_cache = plan.writes.size();
  if (Result<void> done = plan_node_local(node_local, plan); !done) {
    return done;
  }
  if (!patching) {
    // The cache stops sending the zones before kube-dns stops answering them, as in patch's
    // reverse order.
    std::rotate(plan.writes.begin() + static_cast<std::ptrdiff_t>(writes),
                plan.writes.begin() + static_cast<std::ptrdiff_t>(before_cache), plan.writes.end());
  }
  return {};
}

}  // namespace meshdns::cluster_dns
