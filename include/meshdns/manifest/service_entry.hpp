#pragma once

// The ServiceEntry `alias SERVICE FQDN` applies: it makes FQDN an alias of a Service. istiocoredns
// answers A queries for `hosts` with `addresses` (entries without addresses are ignored), and the
// sidecars route the address to the Service's in-cluster name given as the DNS endpoint.

#include <meshdns/manifest/object.hpp>

#include <string>
#include <vector>

namespace meshdns::manifest {

// One port of the aliased Service, as the Service declares it.
struct ServicePort {
  std::string name;          // may be empty on a single-port Service
  int port = 0;              // spec.ports[].port
  std::string protocol;      // spec.ports[].protocol: TCP (default), UDP, SCTP
  std::string app_protocol;  // spec.ports[].appProtocol, may be empty
};

// What a ServiceEntry needs to know about the Service it aliases.
struct AliasedService {
  std::string name;
  std::string namespace_name;
  std::vector<std::string> cluster_ips;  // spec.clusterIPs (or clusterIP); never empty or "None"
  std::vector<ServicePort> ports;
};

enum class NameForm {
  readable,  // "my-fruits.internal" -> "my-fruits-internal"
  hashed,    // ... + "-" + 8 hex digits of the FQDN's hash: for when the readable name is taken
};

struct ServiceEntryOptions {
  std::string fqdn;  // the alias; checked with check_alias_fqdn()
  AliasedService service;
  std::string cluster_domain = "cluster.local";
  IstioApiVersion api_version = IstioApiVersion::v1;
  std::string name;  // empty: service_entry_name(fqdn, name_form)
  NameForm name_form = NameForm::readable;
};

// The object name for an alias: dots become dashes, anything else outside [a-z0-9-] too, and names
// longer than 63 characters are cut and get the hash suffix. Two FQDNs can share a readable name
// ("a-b.c" and "a.b-c"); the caller that finds the name taken by another alias (compare the
// k_alias_annotation) uses NameForm::hashed, which differs for different FQDNs. Deterministic: the
// same FQDN always gives the same name, so `alias delete FQDN` needs no list call.
std::string service_entry_name(std::string_view fqdn, NameForm form = NameForm::readable);

// The Istio protocol for a Service port, by Istio's own protocol selection: appProtocol first, then
// the port name's prefix before "-" (http, http2, https, grpc, grpc-web, tls, mongo, mysql, redis,
// tcp, udp), then UDP for a UDP port; anything else TCP.
std::string istio_protocol(const ServicePort& port);

// hosts [fqdn], location MESH_INTERNAL, addresses (the cluster IPs), endpoints [{address:
// SERVICE.NS.svc.CLUSTER_DOMAIN}], resolution DNS, ports mirrored (number, name, protocol), the
// managed-by label and the service/alias annotations. A port without a name is named
// "<protocol>-<number>" (Istio requires a name); a second port with the same number (53/TCP and
// 53/UDP) is left out because Istio refuses duplicate numbers, and so are SCTP ports, which Istio
// does not carry. Fails (Errc::usage) on a bad alias, Errc::refused on a Service without cluster
// IPs.
Result<Object> build_service_entry(const ServiceEntryOptions& options);

}  // namespace meshdns::manifest
