#include "cluster_dns/objects.hpp"
#include "cluster_dns/steps.hpp"

#include <meshdns/corefile/outline.hpp>
#include <meshdns/corefile/zones.hpp>
#include <meshdns/text.hpp>

#include <algorithm>

namespace meshdns::cluster_dns {

std::string zone_list(const std::vector<std::string>& zones) {
  std::string out;
  for (std::size_t i = 0; i < zones.size(); ++i) {
    if (i > 0) {
      out += i + 1 == zones.size() ? " and " : ", ";
    }
    out += zones[i];
  }
  return out;
}

Result<std::vector<std::string>> normalized_zones(const PlanOptions& options) {
  return corefile::normalize_zones(options.zones, corefile::ZoneLimits{});
}

Result<corefile::Version> coredns_version(const Context& context, std::string_view configmap_role) {
  Result<CorednsRelease> release =
      coredns_release(context.snapshot, configmap_role, context.options.coredns_version);
  if (!release) {
    return std::move(release).error();
  }
  return release->version;
}

Result<void> plan_corefile(const Context& context, const CorefileEdit& edit, Plan& plan) {
  const WatchedObject& holder = watched(edit.configmap_role);
  const nlohmann::json& config_map = *context.snapshot.find(edit.configmap_role);
  const std::string name = object_name(holder.ref);
  const std::optional<std::string> before = data_value(config_map, edit.key);
  if (!before) {
    return fail(Errc::config, cat("ConfigMap ", name, " has no ", edit.key, " key"),
                cat("the ", edit.what, " Corefile is expected there"),
                cat("check `kubectl -n ", holder.ref.namespace_name, " get configmap ",
                    holder.ref.name, " -o yaml`"));
  }
  corefile::PatchOptions options;
  options.kind = edit.kind;
  options.zones = context.options.zones;
  options.upstream = edit.upstream;
  options.coredns_version = edit.version;
  options.force = context.options.force;
  Result<std::string> after = context.options.action == Action::patch
                                  ? corefile::patch(*before, options)
                                  : corefile::unpatch(*before, options);
  if (!after) {
    Error error = std::move(after).error();
    error.what = cat(name, ": ", error.what);
    return error;
  }
  const std::string label =
      cat(name, " ", edit.key, " (", edit.what, ", ",
          edit.loader.empty() ? cat("CoreDNS ", edit.version.str()) : edit.loader, ")");
  const std::string zones = zone_list(context.options.zones);
  if (*after == *before) {
    plan.notes.push_back(context.options.action == Action::patch
                             ? cat(label, ": already routes ", zones, "; nothing to write")
                             : cat(label, ": nothing of ours for ", zones, "; nothing to write"));
    return {};
  }
  Write write;
  write.ref = holder.ref;
  write.before = config_map;
  write.after = updated_object(config_map);
  write.after["data"][edit.key] = *after;
  write.label = label;
  write.before_text = *before;
  write.after_text = *after;
  write.reloads = edit.reloads;
  write.coredns_version = edit.version;
  write.has_reload_plugin = corefile::loads_plugin(corefile::outline(*after), "reload");
  if (write.has_reload_plugin) {
    plan.notes.push_back(cat(label,
                             ": CoreDNS's reload plugin loads the change in about 30-90 s "
                             "(the kubelet syncs the ConfigMap, then reload notices)"));
  } else if (edit.reloads) {
    plan.notes.push_back(cat(label,
                             ": no reload plugin, so CoreDNS keeps the old Corefile until its "
                             "pods restart (--restart rolls out ",
                             edit.reloads->resource == "daemonsets" ? "daemonset " : "deployment ",
                             object_name(*edit.reloads), ")"));
  }
  plan.writes.push_back(std::move(write));
  return {};
}

}  // namespace meshdns::cluster_dns
