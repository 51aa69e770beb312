#pragma once

// `scaffold --cluster-ip auto`: a free address in the cluster's Service range, found without admin
// rights. The range comes from --service-cidr, or from the API server's answer to a dry-run Service
// with an address outside any plausible range (offline: kubeadm's 10.96.0.0/12); the addresses in
// use from the Services the user may list. A race with another client is settled by
// ClusterIpPicker::next() when the API server answers "provided IP is already allocated".

#include "cli/object_source.hpp"

#include <meshdns/manifest/service_range.hpp>
#include <meshdns/result.hpp>

#include <set>
#include <string>

namespace meshdns::kube {
class RestClient;
}

namespace meshdns::cli {

inline constexpr std::string_view k_default_service_cidr = "10.96.0.0/12";

class ClusterIpPicker {
 public:
  // `client` is null offline. Keeps the cluster IP of an existing `service_name` in
  // `namespace_name` (a Service's IP cannot change, and a second scaffold run must be a no-op).
  static Result<ClusterIpPicker> open(ObjectSource& source, kube::RestClient* client,
                                      const std::string& service_cidr,
                                      const std::string& namespace_name,
                                      const std::string& service_name);

  const std::string& address() const { return m_address; }

  // The API server says address() is taken after all: the next free one.
  Result<std::string> next();

 private:
  manifest::Ipv4Range m_range;
  bool m_have_range = false;  // false when an existing Service's address is kept
  std::set<std::string> m_taken;
  std::string m_address;
};

}  // namespace meshdns::cli
