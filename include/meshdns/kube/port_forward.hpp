#pragma once

// A pod's port reached through the API server, as `kubectl port-forward` reaches it: GET
// /api/v1/namespaces/NS/pods/NAME/portforward?ports=PORT upgraded to a plain WebSocket with the
// subprotocol v4.channel.k8s.io (served by every CRI runtime's streaming server since Kubernetes
// 1.6; never offered together with a SPDY/3.1+ subprotocol, which the API server would divert to
// its SPDY tunnel). The connection is the REST client's: same TLS, CA, proxy and credentials,
// HTTP/1.1 forced.
//
// Each stream is a WebSocket of its own, as each local connection of `kubectl port-forward` is.
// The caller gets the local end of a socketpair, never a listening port: nothing else on the
// machine can use the tunnel (a loopback listener would lend our credentials to every local user).

#include <meshdns/result.hpp>

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace meshdns::kube {

class RestClient;
class WebSocketTunnel;

struct PodPort {
  std::string namespace_name;
  std::string pod;
  std::uint16_t port = 53;
};

class PortForward {
 public:
  // Opens the first stream at once, so a refused forward is an Error with what to do: 403 with a
  // Status (RBAC: `get` and `create` on pods/portforward), 403 without a body (the subprotocol was
  // refused), 400 (a bad port), 404 (no such pod), a proxy that dropped the upgrade.
  static Result<std::unique_ptr<PortForward>> open(RestClient& client, PodPort target);
  ~PortForward();  // ends every stream (close 1000) and waits for its thread
  PortForward(const PortForward&) = delete;
  PortForward& operator=(const PortForward&) = delete;

  // A connected stream socket the caller owns (closing it ends that WebSocket). The first call
  // returns the stream open() made; later calls open new ones. -1 with errno ECONNREFUSED when
  // that fails (take_failure() says why).
  int take_stream();

  // What went wrong on a stream since the last call: the error channel's text (`error forwarding
  // port 53 to pod ...`), a stream that broke, a reopen that failed. Empty when nothing did.
  std::string take_failure();
  const PodPort& target() const { return m_target; }

 private:
  PortForward(RestClient& client, PodPort target);
  Result<int> open_stream();
  void record(const std::string& text);

  RestClient& m_client;
  PodPort m_target;
  int m_ready = -1;    // the stream open() made, until taken
  std::mutex m_mutex;  // tunnels report failures from their threads
  std::string m_failure;
  std::vector<std::unique_ptr<WebSocketTunnel>> m_tunnels;
};

// The Error for a refused upgrade; pure, so each refusal's wording is tested without a server.
Error port_forward_refusal(const PodPort& target, long status,  // NOLINT(google-runtime-int)
                           std::string_view body);

}  // namespace meshdns::kube
