// Detects the platform, settles kube-dns's upstream and runs the steps that apply, in the order
// that keeps names resolving: on patch istiocoredns learns the zones before kube-dns forwards
// them (and NodeLocal DNSCache last); on unpatch the other way round.

#include "cluster_dns/objects.hpp"
#include "cluster_dns/steps.hpp"

#include <meshdns/cluster_dns/backend.hpp>
#include <meshdns/cluster_dns/roles.hpp>
#include <meshdns/corefile/version.hpp>
#include <meshdns/corefile/zones.hpp>
#include <meshdns/text.hpp>

#include <algorithm>

namespace meshdns::cluster_dns {

namespace {

bool istiocoredns_installed(const Snapshot& snapshot) {
  return snapshot.find(role::istiocoredns_configmap) != nullptr ||
         snapshot.find(role::istiocoredns_deployment) != nullptr ||
         snapshot.find(role::istiocoredns_service) != nullptr;
}

// " (istio-system/istiod runs 1.20.3)", when istiod's image says so.
std::string istio_release(const Snapshot& snapshot) {
  const nlohmann::json* istiod = snapshot.find(role::istiod_deployment);
  const std::string image = istiod == nullptr ? std::string() : coredns_image(*istiod);
  const std::size_t colon = image.rfind(':');
  if (colon == std::string::npos || image.find('/', colon) != std::string::npos) {
    return {};
  }
  Result<corefile::Version> version = corefile::parse_version(image.substr(colon + 1));
  if (!version) {
    return {};
  }
  return cat(" (istio-system/istiod runs ", version->str(), ")");
}

Error no_istiocoredns(const Snapshot& snapshot) {
  return fail(Errc::refused, "istiocoredns is not installed",
              cat("no ConfigMap istio-system/coredns or Service istio-system/istiocoredns, as in "
                  "every Istio since 1.9",
                  istio_release(snapshot)),
              "use Istio's DNS proxying instead (ISTIO_META_DNS_CAPTURE: \"true\" in "
              "meshConfig.defaultConfig.proxyMetadata): sidecars then answer ServiceEntry hosts "
              "and no Corefile changes, or pass --upstream with a DNS server that answers the "
              "zones");
}

Result<std::string> kube_dns_upstream(const Snapshot& snapshot, const PlanOptions& options) {
  if (!options.upstream.empty()) {
    return options.upstream;
  }
  const nlohmann::json* service = snapshot.find(role::istiocoredns_service);
  if (service != nullptr && !cluster_ip(*service).empty()) {
    return cluster_ip(*service);
  }
  if (options.action == Action::unpatch) {
    return std::string();  // unpatch removes the zones whatever they forward to
  }
  return fail(Errc::config, "no address to forward the zones to",
              service == nullptr ? "Service istio-system/istiocoredns not found"
                                 : "Service istio-system/istiocoredns has no cluster IP",
              "pass --upstream with the istiocoredns cluster IP, e.g. --upstream 10.96.0.60");
}

Error no_cluster_dns() {
  return fail(Errc::config, "cannot find the cluster's DNS configuration",
              "none of ConfigMap kube-system/coredns, ConfigMap "
              "kube-system/rke2-coredns-rke2-coredns, Deployment kube-system/kube-dns or "
              "dnses.operator.openshift.io/default exists",
              "check that the kubeconfig points at the right cluster, or pass --target "
              "istiocoredns");
}

Result<void> plan_kube_dns(const Context& context, Plan& plan) {
  switch (context.detection.platform) {
    case Platform::coredns:
    case Platform::eks_addon:
    case Platform::rke2:
      return plan_coredns(context, plan);
    case Platform::coredns_custom:
      return plan_coredns_custom(context, plan);
    case Platform::gke_kube_dns:
      return plan_stub_domains(context, plan);
    case Platform::openshift:
      return plan_openshift(context, plan);
    case Platform::none:
      break;
  }
  return no_cluster_dns();
}

// The coredns backend: no istiocoredns and no upstream, only the rewrite lines (rewrites.cpp).
Result<Plan> plan_rewrite_lines(const Snapshot& snapshot, const PlanOptions& options) {
  Plan out;
  Detection detection = detect(snapshot);
  out.platform = detection.platform == Platform::none ? "unknown" : detection.name;
  if (detection.platform != Platform::none) {
    out.notes.push_back(cat("platform: ", detection.name, " (", detection.evidence, ")"));
  }
  const Context context{snapshot, options, std::move(detection), std::string()};
  if (Result<void> done = plan_rewrites(context, out); !done) {
    return std::move(done).error();
  }
  return out;
}

}  // namespace

Result<Plan> plan(const Snapshot& snapshot, const PlanOptions& options) {
  if (options.backend == Backend::automatic) {
    Result<BackendChoice> choice = choose_backend(snapshot, Backend::automatic);
    if (!choice) {
      return std::move(choice).error();
    }
    PlanOptions chosen = options;
    chosen.backend = choice->backend;
    return plan(snapshot, chosen);
  }
  if (options.backend == Backend::coredns) {
    return plan_rewrite_lines(snapshot, options);
  }
  if (options.backend == Backend::dns_proxy) {
    Plan out;
    out.platform = detect(snapshot).name;
    out.notes.push_back(
        "the dns-proxy backend changes no Corefile: Istio's sidecars answer the ServiceEntry "
        "hosts");
    return out;
  }
  // The zone rule with the cluster's own domain, whichever Corefiles this plan then edits.
  corefile::ZoneLimits limits;
  if (const nlohmann::json* kube_dns = snapshot.find(role::kube_dns_configmap)) {
    for (std::string& domain :
         corefile::cluster_domains(data_value(*kube_dns, "Corefile").value_or(""))) {
      limits.cluster_domains.push_back(std::move(domain));
    }
  }
  if (Result<std::vector<std::string>> zones = corefile::normalize_zones(options.zones, limits);
      !zones) {
    return std::move(zones).error();
  }
  const bool kube_dns = options.target != Target::istiocoredns;
  bool istio = options.target != Target::kube_dns;
  const bool patching = options.action == Action::patch;
  Plan out;
  Detection detection = detect(snapshot);
  out.platform = detection.platform == Platform::none ? "unknown" : detection.name;
  if (kube_dns && detection.platform != Platform::none) {
    out.notes.push_back(cat("platform: ", detection.name, " (", detection.evidence, ")"));
  }
  if (!istiocoredns_installed(snapshot)) {
    // Without istiocoredns there is nothing to route the zones to, unless the user names a server.
    if (patching && (!kube_dns || options.upstream.empty())) {
      return no_istiocoredns(snapshot);
    }
    if (istio) {
      out.notes.push_back("istiocoredns is not installed: its Corefile is left alone");
      istio = false;
    }
  }
  std::string upstream;
  if (kube_dns) {
    Result<std::string> found = kube_dns_upstream(snapshot, options);
    if (!found) {
      return std::move(found).error();
    }
    upstream = std::move(*found);
  }
  const Context context{snapshot, options, std::move(detection), std::move(upstream)};
  using Step = Result<void> (*)(const Context&, Plan&);
  std::vector<Step> steps;
  if (istio) {
    steps.push_back(plan_istiocoredns);
  }
  if (kube_dns) {
    steps.push_back(plan_kube_dns);
    if (snapshot.find(role::node_local_configmap) != nullptr) {
      steps.push_back(plan_node_local);
    }
  }
  if (!patching) {
    std::reverse(steps.begin(), steps.end());
  }
  for (const Step step : steps) {
    if (Result<void> done = step(context, out); !done) {
      return std::move(done).error();
    }
  }
  return out;
}

}  // namespace meshdns::cluster_dns
