#pragma once

// verify --via-cluster / --pod: the pods to ask (the ready endpoints of Service
// kube-system/kube-dns, or the --pod list), one port-forward through the API server to each, and
// the Checker that asks every replica for its share of a batch with c-ares over TCP through that
// port-forward.

#include "cli/verify_options.hpp"

#include <meshdns/dns/resolver.hpp>
#include <meshdns/kube/port_forward.hpp>
#include <meshdns/result.hpp>
#include <meshdns/verify/rounds.hpp>

#include <memory>
#include <string>
#include <vector>

namespace meshdns::cli {

class Session;

class ReplicaChecker final : public verify::Checker {
 public:
  // Opens a port-forward to each target (refusals are errors here, before any name is asked) and
  // a resolver over it with `resolver`'s timeouts and concurrency.
  static Result<std::unique_ptr<ReplicaChecker>> open(Session& session,
                                                      const VerifyOptions& options,
                                                      const dns::ResolverOptions& resolver);

  // "kube-system/coredns-a", one per replica, in the order they are asked.
  std::vector<std::string> labels() const;

  // The names of each replica go to that replica's resolver in one resolve() call. A stream the
  // port-forward broke turns that replica's TIMEOUT or ERROR into ERROR with the server's text.
  std::vector<verify::NameResult> check(
      const std::vector<const verify::Expectation*>& batch) override;

 private:
  struct Replica {
    std::string label;
    std::unique_ptr<kube::PortForward> forward;  // declared first: outlives the resolver using it
    std::unique_ptr<dns::Resolver> resolver;
  };
  std::vector<Replica> m_replicas;
};

// --pod NS/NAME or NAME (in -n's namespace); Errc::usage otherwise.
Result<kube::PodPort> parse_pod(std::string_view text, const std::string& default_namespace,
                                std::uint16_t port);

}  // namespace meshdns::cli
