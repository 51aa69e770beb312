#include "manifest/metadata.hpp"

#include <meshdns/manifest/names.hpp>
#include <meshdns/manifest/service_entry.hpp>
#include <meshdns/text.hpp>

#include <set>

namespace meshdns::manifest {

namespace {

Result<void> check_service(const AliasedService& service) {
  if (auto checked = check_dns1123_label(service.name, "Service name"); !checked) {
    return checked;
  }
  if (auto checked = check_dns1123_label(service.namespace_name, "namespace"); !checked) {
    return checked;
  }
  if (service.cluster_ips.empty()) {
    return fail(Errc::refused,
                cat("Service ", service.namespace_name, "/", service.name, " has no cluster IP"),
                "istiocoredns answers only ServiceEntries that have addresses",
                "alias a Service with a cluster IP (not headless, not ExternalName)");
  }
  for (const std::string& address : service.cluster_ips) {
    if (!is_ip_literal(address)) {
      return fail(Errc::refused,
                  cat("Service ", service.namespace_name, "/", service.name, " has cluster IP \"",
                      address, "\""),
                  "an alias needs the Service's IP address to answer with",
                  "alias a Service with a cluster IP (not headless, not ExternalName)");
    }
  }
  for (const ServicePort& port : service.ports) {
    if (auto checked = detail::check_port(port.port, "Service port"); !checked) {
      return checked;
    }
  }
  return {};
}

Object mirrored_ports(const std::vector<ServicePort>& ports) {
  Object mirrored = Object::array();
  std::set<int> numbers;
  for (const ServicePort& port : ports) {
    if (to_lower(port.protocol) == "sctp") {
      continue;  // Istio does not carry SCTP
    }
    if (!numbers.insert(port.port).second) {
      continue;  // 53/TCP + 53/UDP: Istio refuses a repeated number, the first one wins
    }
    const std::string protocol = istio_protocol(port);
    Object entry = Object::object();
    entry["number"] = port.port;
    entry["name"] = port.name.empty() ? cat(to_lower(protocol), "-", port.port) : port.name;
    entry["protocol"] = protocol;
    mirrored.push_back(std::move(entry));
  }
  return mirrored;
}

}  // namespace

Result<Object> build_service_entry(const ServiceEntryOptions& options) {
  if (auto checked = check_alias_fqdn(options.fqdn, options.cluster_domain); !checked) {
    return std::move(checked).error();
  }
  if (auto checked = check_service(options.service); !checked) {
    return std::move(checked).error();
  }
  const std::string name =
      options.name.empty() ? service_entry_name(options.fqdn, options.name_form) : options.name;
  if (auto checked = check_dns1123_subdomain(name, "ServiceEntry name"); !checked) {
    return std::move(checked).error();
  }
  const AliasedService& service = options.service;

  Object endpoint = Object::object();
  endpoint["address"] =
      cat(service.name, ".", service.namespace_name, ".svc.", options.cluster_domain);
  Object spec = Object::object();
  spec["hosts"] = Object::array({options.fqdn});
  spec["location"] = "MESH_INTERNAL";
  spec["addresses"] = service.cluster_ips;
  spec["endpoints"] = Object::array({std::move(endpoint)});
  spec["resolution"] = "DNS";
  if (Object ports = mirrored_ports(service.ports); !ports.empty()) {
    spec["ports"] = std::move(ports);
  }

  const Labels labels{{std::string(k_managed_by_key), std::string(k_managed_by_value)}};
  const Labels annotations{
      {std::string(k_alias_annotation), options.fqdn},
      {std::string(k_service_annotation), cat(service.namespace_name, "/", service.name)},
  };
  Object entry = detail::object_skeleton(istio_api_version(options.api_version), "ServiceEntry",
                                         name, service.namespace_name, labels, annotations);
  entry["spec"] = std::move(spec);
  return entry;
}

}  // namespace meshdns::manifest
