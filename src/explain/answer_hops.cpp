#include "explain/hops.hpp"

#include <meshdns/text.hpp>

#include <algorithm>

namespace meshdns::explain {

namespace {

const ServiceEntryFacts* entry_for(const Input& input, const std::string& name) {
  const auto found = std::find_if(input.service_entries.begin(), input.service_entries.end(),
                                  [&](const ServiceEntryFacts& entry) {
                                    return std::find(entry.hosts.begin(), entry.hosts.end(),
                                                     name) != entry.hosts.end();
                                  });
  return found == input.service_entries.end() ? nullptr : &*found;
}

// "fruits-api-service.shop.svc.cluster.local" -> the Service it names, when it is one.
struct ServiceName {
  std::string namespace_name, name;
};
std::optional<ServiceName> service_name(const Input& input, const std::string& dns_name) {
  std::string text = to_lower(dns_name);
  if (!text.empty() && text.back() == '.') {
    text.pop_back();
  }
  const std::string suffix = cat(".svc.", input.cluster_domain);
  if (!ends_with(text, suffix)) {
    return std::nullopt;
  }
  const std::vector<std::string_view> labels =
      split(std::string_view(text).substr(0, text.size() - suffix.size()), '.');
  if (labels.size() != 2) {
    return std::nullopt;
  }
  return ServiceName{std::string(labels[1]), std::string(labels[0])};
}

const ServiceFacts* find_service(const Input& input, const ServiceName& wanted) {
  const auto found =
      std::find_if(input.services.begin(), input.services.end(), [&](const ServiceFacts& service) {
        return service.name == wanted.name && service.namespace_name == wanted.namespace_name;
      });
  return found == input.services.end() ? nullptr : &*found;
}

std::string entry_object(const ServiceEntryFacts& entry) {
  return cat("serviceentry/", entry.name, " -n ", entry.namespace_name);
}

std::string service_object(const ServiceName& service) {
  return cat("service/", service.name, " -n ", service.namespace_name);
}

// The Service must have a cluster IP for an alias to stand for it.
bool usable(const Input& input, const std::string& name, const ServiceName& wanted,
            const ServiceFacts* service, std::vector<Hop>& hops) {
  if (service == nullptr) {
    hops.push_back({"answer", service_object(wanted), 0, Verdict::broken,
                    cat("Service ", wanted.namespace_name, "/", wanted.name,
                        " does not exist: the kubernetes plugin answers NXDOMAIN"),
                    alias_command(input, name)});
    return false;
  }
  if (service->type == "ExternalName" || service->cluster_ip.empty() ||
      service->cluster_ip == "None") {
    hops.push_back({"answer", service_object(wanted), 0, Verdict::broken,
                    cat("Service ", wanted.namespace_name, "/", wanted.name, " has no cluster IP (",
                        service->type == "ExternalName" ? "ExternalName" : "headless",
                        "): an alias needs one stable address"),
                    "point the alias at a Service of type ClusterIP"});
    return false;
  }
  return true;
}

}  // namespace

std::string alias_command(const Input& input, const std::string& name) {
  if (const ServiceEntryFacts* entry = entry_for(input, name); entry && !entry->endpoints.empty()) {
    if (const std::optional<ServiceName> service = service_name(input, entry->endpoints[0])) {
      return cat("kubectl meshdns alias ", service->name, " ", name, " -n ",
                 service->namespace_name);
    }
  }
  return cat("kubectl meshdns alias SERVICE ", name, " -n NAMESPACE");
}

std::vector<std::string> answer_hop(const Input& input, const std::string& name,
                                    const KubeDnsOutcome& outcome, std::vector<Hop>& hops) {
  const ServiceEntryFacts* entry = entry_for(input, name);
  if (input.backend == Backend::coredns) {
    const std::optional<ServiceName> wanted = service_name(input, outcome.rewrite_target);
    if (!wanted) {
      hops.push_back({"answer", "", 0, Verdict::broken,
                      cat("the rewrite target ", outcome.rewrite_target, " is not a Service name (",
                          "SERVICE.NAMESPACE.svc.", input.cluster_domain, ")"),
                      alias_command(input, name)});
      return {};
    }
    const ServiceFacts* service = find_service(input, *wanted);
    if (!usable(input, name, *wanted, service, hops)) {
      return {};
    }
    if (entry != nullptr && !entry->addresses.empty() &&
        std::find(entry->addresses.begin(), entry->addresses.end(), service->cluster_ip) ==
            entry->addresses.end()) {
      hops.push_back({"answer", entry_object(*entry), 0, Verdict::broken,
                      cat("ServiceEntry ", entry->namespace_name, "/", entry->name, " gives ",
                          join(entry->addresses, ", "), " but Service ", wanted->namespace_name,
                          "/", wanted->name, " has cluster IP ", service->cluster_ip,
                          " (recreated?): sidecars route the alias to the old address"),
                      alias_command(input, name)});
      return {};
    }
    hops.push_back({"answer", service_object(*wanted), 0, Verdict::ok,
                    cat("kubernetes answers ", name, " A ", service->cluster_ip, " (Service ",
                        wanted->namespace_name, "/", wanted->name, ")"),
                    ""});
    return {service->cluster_ip};
  }

  // istiocoredns and the sidecar's DNS proxy both answer from the ServiceEntry's addresses.
  if (entry == nullptr || entry->addresses.empty()) {
    hops.push_back(
        {"answer", "", 0, Verdict::broken,
         cat("no ServiceEntry lists ", name,
             " in its hosts with addresses (entries without addresses are not answered)"),
         alias_command(input, name)});
    return {};
  }
  if (!entry->endpoints.empty()) {
    if (const std::optional<ServiceName> wanted = service_name(input, entry->endpoints[0])) {
      const ServiceFacts* service = find_service(input, *wanted);
      if (!usable(input, name, *wanted, service, hops)) {
        return {};
      }
      if (std::find(entry->addresses.begin(), entry->addresses.end(), service->cluster_ip) ==
          entry->addresses.end()) {
        hops.push_back({"answer", entry_object(*entry), 0, Verdict::broken,
                        cat("ServiceEntry ", entry->namespace_name, "/", entry->name, " gives ",
                            join(entry->addresses, ", "), " but Service ", wanted->namespace_name,
                            "/", wanted->name, " now has cluster IP ", service->cluster_ip,
                            " (recreated with a new IP?)"),
                        alias_command(input, name)});
        return {};
      }
    }
  }
  hops.push_back({"answer", entry_object(*entry), 0, Verdict::ok,
                  cat("ServiceEntry ", entry->namespace_name, "/", entry->name, " answers ", name,
                      " A ", join(entry->addresses, ", ")),
                  ""});
  return entry->addresses;
}

}  // namespace meshdns::explain
