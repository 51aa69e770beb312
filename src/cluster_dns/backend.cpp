// The backend rule of SPEC §3.6, as passes in the order they are decided: the user's word, then
// the evidence a cluster gives, most specific first.

#include <meshdns/cluster_dns/backend.hpp>
#include <meshdns/cluster_dns/roles.hpp>
#include <meshdns/manifest/yaml_json.hpp>
#include <meshdns/text.hpp>

#include <nlohmann/json.hpp>

namespace meshdns::cluster_dns {

namespace {

// Istio's mesh configs as "istio-system/istio", for messages.
std::string mesh_config_names(const Snapshot& snapshot) {
  std::vector<std::string> names;
  for (const nlohmann::json& config_map : snapshot.mesh_configs) {
    names.push_back(cat("istio-system/", config_map.at("metadata").at("name").get<std::string>()));
  }
  return join(names, ", ");
}

// Every mesh config found turns capture on: then every sidecar of every revision captures DNS.
bool capture_mesh_wide(const Snapshot& snapshot) {
  if (snapshot.mesh_configs.empty()) {
    return false;
  }
  for (const nlohmann::json& config_map : snapshot.mesh_configs) {
    if (!dns_capture_enabled(config_map.at("data").at("mesh").get<std::string>())) {
      return false;
    }
  }
  return true;
}

bool istio_served(const Snapshot& snapshot) {
  return !snapshot.istio_versions.empty();
}

// Said whenever dns-proxy is the backend: who answers the alias, and who does not.
std::string dns_proxy_reach(bool mesh_wide) {
  if (mesh_wide) {
    return "with the dns-proxy backend only pods with an Istio sidecar resolve the alias; pods "
           "without one (namespaces without istio-injection or istio.io/rev, kube-system, "
           "hostNetwork pods, Jobs that opt out) and pods whose proxy.istio.io/config annotation "
           "sets ISTIO_META_DNS_CAPTURE: \"false\" will not; --backend coredns serves every pod";
  }
  return "the mesh config does not set ISTIO_META_DNS_CAPTURE: \"true\" in "
         "defaultConfig.proxyMetadata, so only pods that turn it on themselves (annotation "
         "proxy.istio.io/config) will resolve the alias; set it mesh-wide, or use --backend "
         "coredns, which serves every pod";
}

Error no_istio(Backend backend) {
  return fail(Errc::refused,
              cat("--backend ", backend_name(backend), " needs Istio's ServiceEntry"),
              "the cluster does not serve networking.istio.io (Istio's CRDs are not installed)",
              "use --backend coredns (or auto), which needs no Istio");
}

// What Istio adds to the coredns backend: the ServiceEntry, unless there is nothing to route it.
void add_service_entry(const Snapshot& snapshot, BackendChoice& choice) {
  if (snapshot.find(role::ztunnel_daemonset) != nullptr) {
    // Ambient: ztunnel routes by the Service's own address, which the rewrite answers with; a
    // ServiceEntry claiming that address again would be a second service on one VIP.
    choice.evidence +=
        "; ambient mode (DaemonSet istio-system/ztunnel): rewrite only, no ServiceEntry";
    return;
  }
  if (!istio_served(snapshot)) {
    choice.evidence += "; networking.istio.io is not served: rewrite only, no ServiceEntry";
    return;
  }
  choice.service_entry = true;
  choice.evidence += "; Istio's CRDs are served: the ServiceEntry too, so sidecars route the alias";
}

Result<BackendChoice> requested(const Snapshot& snapshot, Backend backend) {
  BackendChoice choice;
  choice.backend = backend;
  choice.evidence = "asked with --backend";
  switch (backend) {
    case Backend::istiocoredns:
    case Backend::dns_proxy:
      if (!istio_served(snapshot)) {
        return no_istio(backend);
      }
      choice.service_entry = true;
      if (backend == Backend::dns_proxy) {
        choice.evidence += "; ServiceEntry only, no Corefile change";
        const bool mesh_wide = capture_mesh_wide(snapshot);
        choice.warnings.push_back(dns_proxy_reach(mesh_wide));
      }
      return choice;
    case Backend::coredns:
      add_service_entry(snapshot, choice);
      return choice;
    case Backend::automatic:
      break;
  }
  return choice;
}

}  // namespace

std::string_view backend_name(Backend backend) {
  switch (backend) {
    case Backend::automatic:
      return "auto";
    case Backend::istiocoredns:
      return "istiocoredns";
    case Backend::coredns:
      return "coredns";
    case Backend::dns_proxy:
      return "dns-proxy";
  }
  return "auto";
}

Result<Backend> parse_backend(std::string_view name) {
  for (const Backend backend :
       {Backend::automatic, Backend::istiocoredns, Backend::coredns, Backend::dns_proxy}) {
    if (name == backend_name(backend)) {
      return backend;
    }
  }
  return fail(Errc::usage, cat("invalid --backend \"", name, "\""),
              "the backends are auto, istiocoredns, coredns and dns-proxy",
              "pass one of them, or leave --backend out for auto");
}

std::string describe(const BackendChoice& choice) {
  return cat("backend: ", backend_name(choice.backend), " (", choice.automatic ? "auto: " : "",
             choice.evidence, ")");
}

Result<BackendChoice> choose_backend(const Snapshot& snapshot, Backend backend) {
  if (backend != Backend::automatic) {
    return requested(snapshot, backend);
  }
  BackendChoice choice;
  choice.automatic = true;
  // Istio 1.1-1.8 with the add-on: what the cluster was built for, left as it is.
  if (snapshot.find(role::istiocoredns_deployment) != nullptr) {
    choice.backend = Backend::istiocoredns;
    choice.service_entry = true;
    choice.evidence = "Deployment istio-system/istiocoredns exists";
    return choice;
  }
  choice.evidence = "no Deployment istio-system/istiocoredns";
  // Ambient is asked before capture: ztunnel answers for every pod of the mesh, sidecar or not,
  // and the rewrite answers the rest.
  if (snapshot.find(role::ztunnel_daemonset) == nullptr && istio_served(snapshot) &&
      capture_mesh_wide(snapshot)) {
    choice.backend = Backend::dns_proxy;
    choice.service_entry = true;
    choice.evidence += cat("; the mesh config (ConfigMap ", mesh_config_names(snapshot),
                           ") sets ISTIO_META_DNS_CAPTURE=true mesh-wide: ServiceEntry only");
    choice.warnings.push_back(dns_proxy_reach(true));
    return choice;
  }
  choice.backend = Backend::coredns;
  add_service_entry(snapshot, choice);
  return choice;
}

bool dns_capture_enabled(std::string_view mesh_config) {
  const Result<std::vector<nlohmann::json>> documents = manifest::parse_yaml_documents(mesh_config);
  if (!documents || documents->empty()) {
    return false;
  }
  const auto pointer = "/defaultConfig/proxyMetadata/ISTIO_META_DNS_CAPTURE"_json_pointer;
  const nlohmann::json& mesh = documents->front();
  if (!mesh.is_object() || !mesh.contains(pointer)) {
    return false;
  }
  // Istio reads proxyMetadata as strings; an unquoted `true` reaches it as "true" too.
  const nlohmann::json& value = mesh.at(pointer);
  return (value.is_string() && value.get<std::string>() == "true") ||
         (value.is_boolean() && value.get<bool>());
}

}  // namespace meshdns::cluster_dns
