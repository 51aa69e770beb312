// kube-dns on CoreDNS whose Corefile lives in one ConfigMap we edit directly: kubeadm and the
// clusters built like it, EKS (self-managed or add-on) and RKE2.

#include "cluster_dns/objects.hpp"
#include "cluster_dns/steps.hpp"

#include <meshdns/text.hpp>

namespace meshdns::cluster_dns {

std::string revert_warning(const Detection& detection, std::string_view name) {
  if (detection.platform == Platform::eks_addon) {
    return cat(name,
               " belongs to the EKS managed add-on \"coredns\", which may put its own Corefile "
               "back (when it reconciles or is updated); to make the change stick, set the "
               "patched Corefile as the add-on's configuration value \"corefile\" (aws eks "
               "update-addon --cluster-name CLUSTER --addon-name coredns --configuration-values "
               "'{\"corefile\": "
               "\"...\"}'), and run `kubectl meshdns corefile status` to see whether it is still "
               "in place");
  }
  return cat(name,
             " is rendered by the rke2-coredns Helm chart, which puts its own Corefile back when "
             "the chart is re-applied (RKE2 restart or upgrade); to make the change stick, add "
             "the zones as a `servers:` entry in HelmChartConfig kube-system/rke2-coredns "
             "(spec.valuesContent), and run `kubectl meshdns corefile status` to see whether it "
             "is still in place");
}

Result<void> plan_coredns(const Context& context, Plan& plan) {
  const Detection& detection = context.detection;
  const WatchedObject& holder = watched(detection.configmap_role);
  const std::string name = object_name(holder.ref);
  Result<corefile::Version> version = coredns_version(context, detection.configmap_role);
  if (!version) {
    return std::move(version).error();
  }
  CorefileEdit edit;
  edit.configmap_role = detection.configmap_role;
  edit.kind = corefile::Kind::kube_dns;
  edit.what = "kube-dns";
  edit.upstream = context.upstream;
  edit.version = *version;
  edit.reloads = watched(detection.deployment_role).ref;
  const std::size_t writes = plan.writes.size();
  if (Result<void> done = plan_corefile(context, edit, plan); !done) {
    return done;
  }
  const bool reverted =
      detection.platform == Platform::eks_addon || detection.platform == Platform::rke2;
  if (reverted && plan.writes.size() > writes) {
    plan.warnings.push_back(revert_warning(detection, name));
  }
  return {};
}

}  // namespace meshdns::cluster_dns
