#include "kube/base64.hpp"
#include "kube/request_runner.hpp"
#include "kube/status.hpp"
#include "kube/websocket_handshake.hpp"
#include "kube/websocket_tunnel.hpp"

#include <meshdns/kube/port_forward.hpp>
#include <meshdns/kube/rest_client.hpp>
#include <meshdns/text.hpp>

#include <sys/random.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>

namespace meshdns::kube {
namespace {

constexpr const char* k_subprotocol = "v4.channel.k8s.io";

std::string pod_name(const PodPort& target) {
  return cat(target.namespace_name, "/", target.pod);
}

std::string random_key() {
  std::array<char, 16> nonce{};
  std::size_t filled = 0;
  while (filled < nonce.size()) {
    const ssize_t got = ::getrandom(nonce.data() + filled, nonce.size() - filled, 0);
    if (got > 0) {
      filled += static_cast<std::size_t>(got);
    } else if (errno != EINTR) {
      break;  // a zero nonce is still a valid key; only its unpredictability is lost
    }
  }
  return base64_encode(std::string_view(nonce.data(), nonce.size()));
}

Error bad_handshake(const PodPort& target, std::string why) {
  return fail(Errc::server, cat("the port-forward to pod ", pod_name(target), " failed"),
              std::move(why),
              "a proxy between here and the API server may be answering in its place");
}

}  // namespace

Error port_forward_refusal(const PodPort& target, long status, std::string_view body) {
  const std::string pod = pod_name(target);
  const std::string_view text = trim(body);
  if (status == 403 && text.empty()) {
    // Go's x/net/websocket server (the kubelet's and the runtimes') answers a subprotocol it does
    // not serve with a bare 403.
    return fail(Errc::refused, cat("the port-forward to pod ", pod, " was refused"),
                cat("the server did not accept the WebSocket subprotocol ", k_subprotocol,
                    " (403 without a body)"),
                "check for a proxy that rewrites Sec-WebSocket-Protocol; the node's container "
                "runtime must serve WebSocket port-forwarding (containerd and CRI-O do)");
  }
  if (status == 403) {
    Error error = status_error(status, body);
    error.why = "port-forwarding needs the RBAC verbs get and create on pods/portforward";
    error.fix = cat("grant them in namespace ", target.namespace_name,
                    ", e.g. kubectl create role meshdns-portforward -n ", target.namespace_name,
                    " --verb=get,create --resource=pods/portforward and bind it to this user");
    return error;
  }
  if (status == 400 && text.find("Upgrade request required") != std::string_view::npos) {
    return fail(Errc::network, cat("the port-forward to pod ", pod, " lost its upgrade"),
                "the API server got a plain GET: a proxy in between drops the Upgrade header",
                "let the proxy pass WebSocket upgrades (Connection: Upgrade), or run verify "
                "where it reaches the API server directly");
  }
  if (status == 400) {
    return fail(Errc::server,
                cat("the port-forward to pod ", pod, " port ", target.port,
                    " was refused: ", text.empty() ? "400 Bad Request" : text),
                "the server could not use the requested port",
                "give a port from 1 to 65535 the pod listens on (--pod-port)");
  }
  return status_error(status, body);
}

PortForward::PortForward(RestClient& client, PodPort target)
    : m_client(client), m_target(std::move(target)) {}

PortForward::~PortForward() {
  if (m_ready >= 0) {
    ::close(m_ready);
  }
  m_tunnels.clear();  // each joins its thread
}

Result<std::unique_ptr<PortForward>> PortForward::open(RestClient& client, PodPort target) {
  std::unique_ptr<PortForward> forward(new PortForward(client, std::move(target)));
  Result<int> first = forward->open_stream();
  if (!first) {
    return first.error();
  }
  forward->m_ready = *first;
  return forward;
}

int PortForward::take_stream() {
  if (m_ready >= 0) {
    return std::exchange(m_ready, -1);
  }
  Result<int> opened = open_stream();
  if (!opened) {
    record(format_error(opened.error()));
    errno = ECONNREFUSED;
    return -1;
  }
  return *opened;
}

std::string PortForward::take_failure() {
  const std::lock_guard<std::mutex> lock(m_mutex);
  return std::exchange(m_failure, std::string());
}

void PortForward::record(const std::string& text) {
  const std::lock_guard<std::mutex> lock(m_mutex);
  if (m_failure.empty()) {
    m_failure = text;
  }
}

Result<int> PortForward::open_stream() {
  const std::string key = random_key();
  const std::string path = cat("/api/v1/namespaces/", m_target.namespace_name, "/pods/",
                               m_target.pod, "/portforward?ports=", m_target.port);
  Result<Upgraded> answer = m_client.runner().upgrade(
      path, {"Connection: Upgrade", "Upgrade: websocket", "Sec-WebSocket-Version: 13",
             cat("Sec-WebSocket-Key: ", key), cat("Sec-WebSocket-Protocol: ", k_subprotocol)});
  if (!answer) {
    return answer.error();
  }
  const ResponseHead& head = answer->head;
  if (head.status != 101) {
    return port_forward_refusal(m_target, head.status, answer->body);
  }
  if (!has_token(head.header("Upgrade").value_or(""), "websocket") ||
      !has_token(head.header("Connection").value_or(""), "upgrade")) {
    return bad_handshake(m_target, "the 101 answer does not switch to websocket");
  }
  if (head.header("Sec-WebSocket-Accept").value_or("") != websocket_accept(key)) {
    return bad_handshake(m_target, "Sec-WebSocket-Accept does not match the key sent");
  }
  if (head.header("Sec-WebSocket-Protocol").value_or("") != k_subprotocol) {
    return bad_handshake(m_target,
                         cat("the server did not choose the subprotocol ", k_subprotocol));
  }
  std::array<int, 2> pair{};
  if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, pair.data()) != 0) {
    return fail(Errc::network, "cannot create a local socket pair", std::strerror(errno),
                "raise the open-files limit (ulimit -n)");
  }
  m_tunnels.push_back(std::make_unique<WebSocketTunnel>(
      std::move(answer->stream), std::move(answer->leftover), pair[1], m_target.port,
      [this](const std::string& text) {
        record(cat("port-forward to pod ", pod_name(m_target), ": ", text));
      }));
  return pair[0];
}

}  // namespace meshdns::kube
