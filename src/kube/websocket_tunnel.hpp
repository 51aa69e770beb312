#pragma once

// Moves one forwarded port's bytes between a local socket and a port-forward WebSocket
// (subprotocol v4.channel.k8s.io), on a thread of its own so that the caller (c-ares) sees an
// ordinary connected stream. The framing is Debian's libwslay: client frames masked with fresh
// random keys and never fragmented, pings answered, close frames exchanged (RFC 6455).
//
// The channel protocol (kubelet's pkg/kubelet/cri/streaming/portforward/websocket.go): every
// message starts with its channel byte; port i has data channel 2i and error channel 2i+1; the
// server first writes the port as a little-endian uint16 on both; a failure arrives as text on the
// error channel, then the server closes.

#include "kube/raw_stream.hpp"

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <thread>

namespace meshdns::kube {

class WebSocketTunnel {
 public:
  // `local`: the tunnel's end of a socketpair (non-blocking), owned and closed by the tunnel.
  // `leftover`: bytes that arrived with the 101 response. `on_failure` is called (on the tunnel's
  // thread) with the error channel's text or what broke the stream.
  WebSocketTunnel(std::unique_ptr<RawStream> stream, std::string leftover, int local,
                  std::uint16_t port, std::function<void(const std::string&)> on_failure);
  // Asks the server to close (1000), waits a moment for its answer, ends the thread.
  ~WebSocketTunnel();
  WebSocketTunnel(const WebSocketTunnel&) = delete;
  WebSocketTunnel& operator=(const WebSocketTunnel&) = delete;

  struct State;  // the thread's world, defined in the .cpp (libwslay's callbacks reach it)

 private:
  std::unique_ptr<State> m_state;
  std::thread m_thread;
};

}  // namespace meshdns::kube
