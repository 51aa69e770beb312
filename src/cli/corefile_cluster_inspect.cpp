// `corefile show` and `corefile lint` against the cluster. Both work from the snapshot alone, not
// from a plan, so they still answer when the cluster's Corefile is one patch would refuse.

#include "cli/corefile_cluster_print.hpp"
#include "cli/corefile_cluster_steps.hpp"
#include "cli/dns_snapshot.hpp"
#include "cli/session.hpp"

#include <meshdns/corefile/engine.hpp>
#include <meshdns/manifest/json_fields.hpp>
#include <meshdns/manifest/yaml_json.hpp>
#include <meshdns/text.hpp>

#include <optional>
#include <string>
#include <vector>

namespace meshdns::cli {
namespace {

// "kube-system/coredns" for the header lines.
std::string where(const nlohmann::json& object) {
  const std::string namespace_name = manifest::namespace_of(object);
  return namespace_name.empty() ? manifest::name_of(object)
                                : cat(namespace_name, '/', manifest::name_of(object));
}

bool is_corefile_key(std::string_view key) {
  return key == "Corefile" || ends_with(key, ".server");
}

// The DNS configuration objects: ConfigMaps, and the OpenShift DNS operator's resource.
bool holds_configuration(const nlohmann::json& object) {
  const std::string kind = manifest::kind_of(object);
  return kind == "ConfigMap" || kind == "DNS";
}

// The image of the CoreDNS container of the Deployment or DaemonSet (same namespace) that mounts
// this ConfigMap; nullopt when no workload in the snapshot mounts it.
std::optional<std::string> image_loading(const cluster_dns::Snapshot& snapshot,
                                         const nlohmann::json& configmap) {
  for (const auto& [role, object] : snapshot.objects) {
    const std::string kind = manifest::kind_of(object);
    if ((kind != "Deployment" && kind != "DaemonSet") ||
        manifest::namespace_of(object) != manifest::namespace_of(configmap)) {
      continue;
    }
    const nlohmann::json::json_pointer pod("/spec/template/spec");
    if (!object.contains(pod)) {
      continue;
    }
    const nlohmann::json& spec = object.at(pod);
    if (!spec.is_object()) {
      continue;  // a server's malformed object: json::value() would throw on it
    }
    bool mounts = false;
    for (const nlohmann::json& volume : spec.value("volumes", nlohmann::json::array())) {
      mounts =
          mounts || manifest::string_at(volume, nlohmann::json::json_pointer("/configMap/name")) ==
                        manifest::name_of(configmap);
    }
    if (!mounts) {
      continue;
    }
    std::string first;
    for (const nlohmann::json& container : spec.value("containers", nlohmann::json::array())) {
      const std::string image =
          manifest::string_at(container, nlohmann::json::json_pointer("/image"));
      if (to_lower(image).find("coredns") != std::string::npos) {
        return image;
      }
      first = first.empty() ? image : first;
    }
    return first;
  }
  return std::nullopt;
}

}  // namespace

void run_show(ClusterRun& run) {
  Result<cluster_dns::Snapshot> snapshot = read_dns_snapshot(run.source);
  if (!snapshot) {
    run.session.fail(snapshot.error());
    return;
  }
  std::vector<nlohmann::json> objects;
  std::string out;
  for (const auto& [role, object] : snapshot->objects) {
    if (!holds_configuration(object)) {
      continue;
    }
    objects.push_back(object);
    const std::string version = manifest::resource_version_of(object);
    const std::string origin = version.empty() ? std::string() : cat(", resourceVersion ", version);
    if (manifest::kind_of(object) == "DNS") {
      const nlohmann::json::json_pointer servers("/spec/servers");
      out += cat("# dns.operator.openshift.io ", where(object), " spec.servers", origin, '\n');
      out += manifest::to_yaml(object.contains(servers) ? object.at(servers)
                                                        : nlohmann::json::array());
      continue;
    }
    const nlohmann::json data = object.value("data", nlohmann::json::object());
    for (const auto& [key, value] : data.items()) {
      const std::string text = value.is_string() ? value.get<std::string>() : value.dump();
      out += cat("# configmap ", where(object), ", key ", key, origin, '\n', text);
      if (text.empty() || text.back() != '\n') {
        out += "\n";  // for the next header; the value itself has no final newline
      }
    }
  }
  if (objects.empty()) {
    run.session.fail(fail(Errc::not_found, "no DNS configuration found",
                          "none of the ConfigMaps kube-dns, CoreDNS or NodeLocal DNSCache use "
                          "exists, nor OpenShift's DNS operator resource",
                          "check the context (kubectl config current-context)"));
    return;
  }
  print_out(run.job.output == OutputFormat::none ? out : render_objects(objects, run.job.output));
}

void run_lint(ClusterRun& run) {
  Result<cluster_dns::Snapshot> snapshot = read_dns_snapshot(run.source);
  if (!snapshot) {
    run.session.fail(snapshot.error());
    return;
  }
  std::size_t linted = 0;
  std::size_t errors = 0;
  std::string out;
  for (const auto& [role, object] : snapshot->objects) {
    if (manifest::kind_of(object) != "ConfigMap") {
      continue;
    }
    const nlohmann::json data = object.value("data", nlohmann::json::object());
    for (const auto& [key, value] : data.items()) {
      if (!is_corefile_key(key) || !value.is_string()) {
        continue;
      }
      const std::string label = cat(where(object), ' ', key);
      corefile::Version version{};
      if (run.job.plan.coredns_version) {
        version = *run.job.plan.coredns_version;
      } else {
        const std::optional<std::string> image = image_loading(*snapshot, object);
        if (!image || to_lower(*image).find("coredns") == std::string::npos) {
          run.session.warn(cat(label, ": not linted: ",
                               image ? cat("it is loaded by ", *image, ", not a CoreDNS image")
                                     : std::string("no Deployment or DaemonSet mounts it"),
                               "; pass --coredns-version to lint it for a CoreDNS release"));
          continue;
        }
        Result<corefile::Version> found = corefile::version_from_image(*image);
        if (!found) {
          Error error = std::move(found).error();
          error.what = cat(label, ": ", error.what);
          run.session.fail(error);
          return;
        }
        version = *found;
      }
      ++linted;
      std::size_t here = 0;
      const std::vector<corefile::Finding> findings =
          corefile::lint(value.get<std::string>(), version);
      for (const corefile::Finding& finding : findings) {
        const bool is_error = finding.severity == corefile::Severity::error;
        here += is_error ? 1 : 0;
        out += cat(label, ':', finding.line, ": ", is_error ? "" : "warning: ", finding.message);
        out += finding.fix.empty() ? std::string("\n") : cat(" (", finding.fix, ")\n");
      }
      errors += here;
      run.session.note(findings.empty()
                           ? cat(label, ": no problems for CoreDNS ", version.str())
                           : cat(label, ": ", here, " error(s), ", findings.size() - here,
                                 " warning(s) for CoreDNS ", version.str()));
    }
  }
  print_out(out);
  if (linted == 0 && errors == 0) {
    run.session.fail(
        fail(Errc::not_found, "no Corefile linted",
             "no ConfigMap with a Corefile (or *.server key) loaded by CoreDNS was found",
             "check the context, or pass --coredns-version"));
    return;
  }
  run.session.set_exit_code(errors > 0 ? 1 : 0);
}

}  // namespace meshdns::cli
