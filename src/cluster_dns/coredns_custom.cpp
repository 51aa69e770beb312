// k3s and AKS: the platform owns the main Corefile (and puts it back), which imports the *.server
// keys of ConfigMap kube-system/coredns-custom. The zone blocks go there, as key meshdns.server.

#include "cluster_dns/objects.hpp"
#include "cluster_dns/steps.hpp"

#include <meshdns/cluster_dns/roles.hpp>
#include <meshdns/corefile/outline.hpp>
#include <meshdns/text.hpp>

namespace meshdns::cluster_dns {

namespace {

constexpr std::string_view k_server_key = "meshdns.server";
// CoreDNS 1.6.2 is the first release whose reload plugin also watches imported files
// (coredns/coredns#3068); before it only a change of the main Corefile triggers a reload.
constexpr corefile::Version k_reloads_imports{1, 6, 2};

// What CoreDNS loads is the main Corefile with the imported file spliced in: lint them together,
// so a zone block that clashes with one in the main Corefile (same zone and port) is refused.
Result<void> check_combined(std::string_view main_corefile, std::string_view server_file,
                            corefile::Version version) {
  const std::string combined = cat(main_corefile, "\n", server_file);
  for (const corefile::Finding& finding : corefile::lint(combined, version)) {
    if (finding.severity == corefile::Severity::error) {
      return fail(Errc::refused,
                  cat("refusing to write kube-system/coredns-custom ", k_server_key, ": CoreDNS ",
                      version.str(), " would refuse it together with the main Corefile"),
                  finding.message, finding.fix);
    }
  }
  return {};
}

// The engine writes a block into an empty text the way it appends one to a file (a blank line
// before it, the final newline the file did not have); a file of its own starts with the block and
// ends with a newline. Patching that again changes nothing.
std::string as_new_file(std::string_view text) {
  const std::size_t first = text.find_first_not_of("\r\n");
  std::string out(text.substr(first == std::string_view::npos ? text.size() : first));
  if (!out.empty() && out.back() != '\n') {
    out += '\n';
  }
  return out;
}

}  // namespace

Result<void> plan_coredns_custom(const Context& context, Plan& plan) {
  const WatchedObject& custom = watched(role::coredns_custom_configmap);
  const nlohmann::json* existing = context.snapshot.find(role::coredns_custom_configmap);
  const std::string main_corefile =
      data_value(*context.snapshot.find(role::kube_dns_configmap), "Corefile").value_or("");
  Result<corefile::Version> version = coredns_version(context, role::kube_dns_configmap);
  if (!version) {
    return std::move(version).error();
  }
  const std::optional<std::string> before =
      existing == nullptr ? std::nullopt : data_value(*existing, k_server_key);
  corefile::PatchOptions options;
  options.kind = corefile::Kind::kube_dns;
  options.zones = context.options.zones;
  options.upstream = context.upstream;
  options.coredns_version = *version;
  options.force = context.options.force;
  const bool patching = context.options.action == Action::patch;
  Result<std::string> after = patching ? corefile::patch(before.value_or(""), options)
                                       : corefile::unpatch(before.value_or(""), options);
  if (!after) {
    Error error = std::move(after).error();
    error.what = cat("kube-system/coredns-custom ", k_server_key, ": ", error.what);
    return error;
  }
  if (before.value_or("").empty() && !after->empty()) {
    *after = as_new_file(*after);
  }
  const std::string label =
      cat("kube-system/coredns-custom ", k_server_key, " (kube-dns, imported by ",
          context.detection.server_import, ", CoreDNS ", version->str(), ")");
  plan.notes.push_back(cat(context.detection.name,
                           " reconciles kube-system/coredns itself: the zones go to "
                           "kube-system/coredns-custom, key ",
                           k_server_key, ", which its Corefile imports"));
  // Unpatch drops the key once nothing of its content is left, as it was before patch.
  const bool unchanged = before.has_value() ? *after == *before : !patching;
  const bool drop_key = !patching && trim(*after).empty();
  if (unchanged) {
    plan.notes.push_back(patching ? cat(label, ": already routes ",
                                        zone_list(context.options.zones), "; nothing to write")
                                  : cat(label, ": nothing of ours for ",
                                        zone_list(context.options.zones), "; nothing to write"));
    return {};
  }
  if (patching) {
    if (Result<void> combined = check_combined(main_corefile, *after, *version); !combined) {
      return combined;
    }
  }
  Write write;
  write.ref = custom.ref;
  if (existing != nullptr) {
    write.before = *existing;
    write.after = updated_object(*existing);
  } else {
    write.after = new_config_map(custom.ref);
    write.after["metadata"]["labels"] = {{"app.kubernetes.io/managed-by", "kubectl-meshdns"}};
    plan.notes.push_back("kube-system/coredns-custom does not exist yet: it is created");
  }
  if (drop_key) {
    write.after["data"].erase(std::string(k_server_key));
    if (write.after["data"].empty()) {
      write.after.erase("data");  // as the server shows a ConfigMap without data (omitempty)
    }
  } else {
    write.after["data"][std::string(k_server_key)] = *after;
  }
  write.label = label;
  write.before_text = before.value_or("");
  write.after_text = drop_key ? std::string() : *after;
  write.reloads = watched(role::kube_dns_deployment).ref;
  write.coredns_version = *version;
  write.has_reload_plugin = corefile::loads_plugin(corefile::outline(main_corefile), "reload") &&
                            *version >= k_reloads_imports;
  if (write.has_reload_plugin) {
    plan.notes.push_back(cat(label,
                             ": CoreDNS's reload plugin loads the change in about 30-90 s "
                             "(the kubelet syncs the ConfigMap, then reload notices the "
                             "imported file changed)"));
  } else {
    plan.notes.push_back(cat(label,
                             ": CoreDNS does not reload imported files on its own here, so it "
                             "keeps the old configuration until its pods restart (--restart "
                             "rolls out deployment kube-system/coredns)"));
  }
  plan.writes.push_back(std::move(write));
  return {};
}

}  // namespace meshdns::cluster_dns
