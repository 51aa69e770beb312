// Istio's istiocoredns (Istio 1.1-1.8): its Corefile sends the zones to the istio-coredns-plugin,
// in the form its CoreDNS release accepts (the engine picks proxy or grpc from the version).

#include "cluster_dns/objects.hpp"
#include "cluster_dns/steps.hpp"

#include <meshdns/cluster_dns/roles.hpp>
#include <meshdns/text.hpp>

namespace meshdns::cluster_dns {

Result<void> plan_istiocoredns(const Context& context, Plan& plan) {
  const WatchedObject& holder = watched(role::istiocoredns_configmap);
  const std::string name = object_name(holder.ref);
  if (context.snapshot.find(role::istiocoredns_configmap) == nullptr) {
    return fail(Errc::config, cat("ConfigMap ", name, " not found"),
                "istiocoredns is installed (its Deployment or Service exists) but its Corefile "
                "is missing",
                "reinstall istiocoredns, or pass --target kube-dns");
  }
  Result<corefile::Version> version = coredns_version(context, role::istiocoredns_configmap);
  if (!version) {
    return std::move(version).error();
  }
  CorefileEdit edit;
  edit.configmap_role = role::istiocoredns_configmap;
  edit.kind = corefile::Kind::istiocoredns;
  edit.what = "istiocoredns";
  edit.version = *version;  // the upstream stays empty: the plugin's 127.0.0.1:8053
  edit.reloads = watched(role::istiocoredns_deployment).ref;
  return plan_corefile(context, edit, plan);
}

}  // namespace meshdns::cluster_dns
