#include <meshdns/manifest/aliased_service.hpp>
#include <meshdns/manifest/json_fields.hpp>
#include <meshdns/text.hpp>

#include <cstdint>

namespace meshdns::manifest {

namespace {

constexpr std::int64_t k_max_port = 65535;

Error malformed(std::string_view name, std::string why) {
  return fail(Errc::config, cat("Service ", name, " cannot be read"), std::move(why),
              "check the object with kubectl get service -o yaml");
}

}  // namespace

Result<AliasedService> aliased_service_from(const nlohmann::json& service,
                                            std::string_view default_namespace) {
  if (!service.is_object() || string_field(service, "kind") != "Service" ||
      string_field(service, "apiVersion") != "v1") {
    return fail(Errc::config, "the object is not a v1 Service",
                "an alias points at a Service's cluster IP", "give a Service");
  }
  const nlohmann::json empty = nlohmann::json::object();
  const nlohmann::json& metadata = service.contains("metadata") ? service["metadata"] : empty;
  const nlohmann::json& spec = service.contains("spec") ? service["spec"] : empty;

  AliasedService out;
  out.name = string_field(metadata, "name");
  out.namespace_name = string_field(metadata, "namespace");
  if (out.namespace_name.empty()) {
    out.namespace_name = std::string(default_namespace);
  }
  if (out.name.empty()) {
    return malformed("(unnamed)", "metadata.name is missing");
  }
  const std::string qualified = cat(out.namespace_name, "/", out.name);

  // By type first: an ExternalName Service is a CNAME to another name, whatever its clusterIP
  // fields say (a type change can leave them behind in a manifest).
  if (string_field(spec, "type") == "ExternalName") {
    return fail(Errc::refused, cat("Service ", qualified, " is of type ExternalName"),
                cat("it is only a CNAME to ",
                    string_field(spec, "externalName").empty() ? std::string("another name")
                                                               : string_field(spec, "externalName"),
                    " and has no cluster IP for the alias to answer with"),
                "alias a Service of type ClusterIP, NodePort or LoadBalancer");
  }

  // clusterIPs holds every family of a dual-stack Service; clusterIP only the primary one.
  if (const auto ips = spec.find("clusterIPs"); ips != spec.end() && ips->is_array()) {
    for (const nlohmann::json& ip : *ips) {
      if (!ip.is_string()) {
        return malformed(qualified, "spec.clusterIPs holds a value that is not a string");
      }
      out.cluster_ips.push_back(ip.get<std::string>());
    }
  }
  if (out.cluster_ips.empty() && !string_field(spec, "clusterIP").empty()) {
    out.cluster_ips.push_back(string_field(spec, "clusterIP"));
  }
  if (!out.cluster_ips.empty() && out.cluster_ips.front() == "None") {
    return fail(Errc::refused, cat("Service ", qualified, " is headless"),
                "it has no cluster IP for the alias to answer with",
                "alias a Service with a cluster IP, or give this one a fixed spec.clusterIP");
  }
  if (out.cluster_ips.empty()) {
    return fail(Errc::refused, cat("Service ", qualified, " has no cluster IP"),
                "none has been allocated to it",
                "alias a Service of type ClusterIP, NodePort or LoadBalancer");
  }

  if (const auto ports = spec.find("ports"); ports != spec.end() && ports->is_array()) {
    for (const nlohmann::json& port : *ports) {
      const auto number = port.is_object() ? port.find("port") : port.end();
      if (number == port.end() || !number->is_number_integer()) {
        return malformed(qualified, "a port in spec.ports has no integer port");
      }
      const auto value = number->get<std::int64_t>();
      if (value < 1 || value > k_max_port) {
        return malformed(qualified, cat("spec.ports has port ", value, ", outside 1-65535"));
      }
      ServicePort mirrored;
      mirrored.name = string_field(port, "name");
      mirrored.port = static_cast<int>(value);
      mirrored.protocol = string_field(port, "protocol");
      if (mirrored.protocol.empty()) {
        mirrored.protocol = "TCP";  // the API server's default
      }
      mirrored.app_protocol = string_field(port, "appProtocol");
      out.ports.push_back(std::move(mirrored));
    }
  }
  return out;
}

}  // namespace meshdns::manifest
