#include "kube/websocket_tunnel.hpp"

#include <meshdns/text.hpp>

#include <fcntl.h>
#include <poll.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <unistd.h>
#include <wslay/wslay.h>

#include <array>
#include <cerrno>
#include <chrono>
#include <cstring>

namespace meshdns::kube {
namespace {

constexpr std::uint8_t k_data_channel = 0;
constexpr std::uint8_t k_error_channel = 1;
constexpr std::size_t k_read_size = 32 * 1024;
// Stop reading the local side while this much waits to go out: the WebSocket is the slow part.
constexpr std::size_t k_max_queued = 1 << 20;
// How long a close handshake may take once we decided to leave.
constexpr std::chrono::milliseconds k_close_grace{1000};

}  // namespace

struct WebSocketTunnel::State {
  std::unique_ptr<RawStream> stream;
  std::string leftover;
  int local = -1;
  std::uint16_t port = 0;
  std::function<void(const std::string&)> on_failure;
  std::array<int, 2> wake{-1, -1};  // the destructor writes a byte to end the loop

  wslay_event_context_ptr ws = nullptr;
  std::string to_local;  // data channel bytes not yet written to the local socket
  std::array<int, 2> port_bytes_left{2, 2};
  std::array<std::uint8_t, 2> port_seen{};
  std::string error_text;
  std::string failure;  // what broke the stream, when the error channel did not say
  bool local_open = true;
  bool peer_closed = false;  // the connection ended (EOF or error)
  bool closing = false;
  bool reported = false;  // on_failure is called once, before the local end sees EOF
  std::chrono::steady_clock::time_point close_deadline;

  void fail_with(std::string why) {
    if (failure.empty()) {
      failure = std::move(why);
    }
  }

  // Strips the port prefix a channel starts with; checks it names our port.
  std::string_view payload(std::uint8_t channel, std::string_view bytes) {
    int& left = port_bytes_left[channel];
    while (left > 0 && !bytes.empty()) {
      const auto byte = static_cast<std::uint8_t>(bytes.front());
      port_seen[channel] = left == 2 ? byte : port_seen[channel];
      if (left == 1 && static_cast<std::uint16_t>(port_seen[channel] | byte << 8) != port) {
        fail_with(
            cat("the server opened port ", port_seen[channel] | byte << 8, " instead of ", port));
      }
      bytes.remove_prefix(1);
      --left;
    }
    return bytes;
  }

  void on_message(const wslay_event_on_msg_recv_arg& message) {
    if (message.opcode == WSLAY_CONNECTION_CLOSE) {
      return;  // wslay answers it; the loop ends once the answer is out
    }
    if (message.opcode != WSLAY_BINARY_FRAME || message.msg_length == 0) {
      return;  // v4.channel.k8s.io is binary; nothing else carries data
    }
    const std::string_view bytes(reinterpret_cast<const char*>(message.msg), message.msg_length);
    const auto channel = static_cast<std::uint8_t>(bytes.front());
    if (channel == k_data_channel) {
      to_local += payload(channel, bytes.substr(1));
    } else if (channel == k_error_channel) {
      error_text += payload(channel, bytes.substr(1));
    } else {
      fail_with(cat("the server wrote on channel ", static_cast<int>(channel),
                    ", which one forwarded port does not have"));
    }
  }

  void start_close() {
    if (!closing) {
      closing = true;
      close_deadline = std::chrono::steady_clock::now() + k_close_grace;
      wslay_event_queue_close(ws, WSLAY_CODE_NORMAL_CLOSURE, nullptr, 0);
    }
  }

  void flush_local() {
    while (!to_local.empty()) {
      const ssize_t written = ::send(local, to_local.data(), to_local.size(), MSG_NOSIGNAL);
      if (written < 0) {
        if (errno == EAGAIN || errno == EWOULDBLOCK) {
          return;
        }
        to_local.clear();  // the local side went away; nothing will read these
        local_open = false;
        start_close();
        return;
      }
      to_local.erase(0, static_cast<std::size_t>(written));
    }
  }

  void read_local() {
    char buffer[k_read_size + 1];
    while (local_open && wslay_event_get_queued_msg_length(ws) < k_max_queued) {
      const ssize_t got = ::recv(local, buffer + 1, k_read_size, 0);
      if (got < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
        return;
      }
      if (got <= 0) {
        local_open = false;  // the resolver closed its end: we are done
        start_close();
        return;
      }
      buffer[0] = static_cast<char>(k_data_channel);
      const wslay_event_msg message{WSLAY_BINARY_FRAME, reinterpret_cast<std::uint8_t*>(buffer),
                                    static_cast<std::size_t>(got) + 1};
      wslay_event_queue_msg(ws, &message);
    }
  }

  bool done() const {
    if (peer_closed) {
      return to_local.empty() || !local_open;
    }
    const bool close_finished =
        wslay_event_get_close_sent(ws) != 0 && wslay_event_get_close_received(ws) != 0;
    if (close_finished && to_local.empty()) {
      return true;
    }
    return closing && std::chrono::steady_clock::now() > close_deadline;
  }

  void run() {
    bool woken = false;
    while (!done()) {
      if (wslay_event_recv(ws) != 0) {
        peer_closed = true;
      }
      flush_local();
      read_local();
      if (wslay_event_send(ws) != 0) {
        peer_closed = true;
      }
      if (wslay_event_get_close_received(ws) != 0 && local_open && to_local.empty()) {
        // The server is done (after an error-channel message, say): end the local stream too,
        // once the reason is recorded, so whoever sees the EOF can also read why.
        report();
        ::shutdown(local, SHUT_WR);
        local_open = false;
      }
      if (done()) {
        break;
      }
      std::array<pollfd, 3> polled{};
      polled[0] = {stream->socket(),
                   static_cast<short>((wslay_event_want_read(ws) != 0 ? POLLIN : 0) |
                                      (wslay_event_want_write(ws) != 0 ? POLLOUT : 0)),
                   0};
      polled[1] = {local,
                   static_cast<short>((local_open && !closing ? POLLIN : 0) |
                                      (to_local.empty() ? 0 : POLLOUT)),
                   0};
      polled[2] = {wake[0], static_cast<short>(woken ? 0 : POLLIN), 0};
      const int wait_ms = closing ? 50 : 1000;
      if (::poll(polled.data(), polled.size(), wait_ms) < 0 && errno != EINTR) {
        fail_with(cat("poll failed: ", std::strerror(errno)));
        break;
      }
      if ((polled[2].revents & POLLIN) != 0) {
        woken = true;
        local_open = false;
        start_close();
      }
    }
    report();
  }

  void report() {
    if (reported) {
      return;
    }
    reported = true;
    if (!error_text.empty()) {
      on_failure(error_text);
    } else if (!failure.empty()) {
      on_failure(failure);
    }
  }
};

namespace {

ssize_t on_receive(wslay_event_context_ptr ctx, std::uint8_t* buffer, std::size_t length,
                   int /*flags*/, void* user) {
  auto& state = *static_cast<WebSocketTunnel::State*>(user);
  if (!state.leftover.empty()) {
    const std::size_t n = std::min(length, state.leftover.size());
    std::memcpy(buffer, state.leftover.data(), n);
    state.leftover.erase(0, n);
    return static_cast<ssize_t>(n);
  }
  const IoResult got = state.stream->receive_some(reinterpret_cast<char*>(buffer), length);
  if (got.status == IoStatus::done) {
    return static_cast<ssize_t>(got.bytes);
  }
  if (got.status == IoStatus::again) {
    wslay_event_set_error(ctx, WSLAY_ERR_WOULDBLOCK);
  } else {
    if (wslay_event_get_close_received(ctx) == 0) {
      state.fail_with("the API server closed the port-forward without a close frame");
    }
    wslay_event_set_error(ctx, WSLAY_ERR_CALLBACK_FAILURE);
  }
  return -1;
}

ssize_t on_send(wslay_event_context_ptr ctx, const std::uint8_t* data, std::size_t length,
                int /*flags*/, void* user) {
  auto& state = *static_cast<WebSocketTunnel::State*>(user);
  const IoResult sent =
      state.stream->send_some(std::string_view(reinterpret_cast<const char*>(data), length));
  if (sent.status == IoStatus::done) {
    return static_cast<ssize_t>(sent.bytes);
  }
  wslay_event_set_error(
      ctx, sent.status == IoStatus::again ? WSLAY_ERR_WOULDBLOCK : WSLAY_ERR_CALLBACK_FAILURE);
  return -1;
}

// RFC 6455 §5.3: a fresh, unpredictable masking key per frame.
int on_mask(wslay_event_context_ptr /*ctx*/, std::uint8_t* buffer, std::size_t length,
            void* /*user*/) {
  std::size_t filled = 0;
  while (filled < length) {
    const ssize_t got = ::getrandom(buffer + filled, length - filled, 0);
    if (got < 0) {
      if (errno == EINTR) {
        continue;
      }
      return -1;
    }
    filled += static_cast<std::size_t>(got);
  }
  return 0;
}

void on_message(wslay_event_context_ptr /*ctx*/, const wslay_event_on_msg_recv_arg* message,
                void* user) {
  static_cast<WebSocketTunnel::State*>(user)->on_message(*message);
}

}  // namespace

WebSocketTunnel::WebSocketTunnel(std::unique_ptr<RawStream> stream, std::string leftover, int local,
                                 std::uint16_t port,
                                 std::function<void(const std::string&)> on_failure)
    : m_state(std::make_unique<State>()) {
  State& s = *m_state;
  s.stream = std::move(stream);
  s.leftover = std::move(leftover);
  s.local = local;
  s.port = port;
  s.on_failure = std::move(on_failure);
  if (::pipe2(s.wake.data(), O_CLOEXEC | O_NONBLOCK) != 0) {
    s.wake = {-1, -1};
  }
  static const wslay_event_callbacks callbacks{&on_receive, &on_send, &on_mask,   nullptr,
                                               nullptr,     nullptr,  &on_message};
  if (wslay_event_context_client_init(&s.ws, &callbacks, &s) != 0) {
    s.ws = nullptr;
    s.on_failure("out of memory for the WebSocket");
    ::close(s.local);
    s.local = -1;
    return;
  }
  m_thread = std::thread([&s] {
    s.run();
    ::close(s.local);
    s.local = -1;
  });
}

WebSocketTunnel::~WebSocketTunnel() {
  if (m_thread.joinable()) {
    const char byte = 0;
    if (m_state->wake[1] >= 0) {
      [[maybe_unused]] const ssize_t written = ::write(m_state->wake[1], &byte, 1);
    }
    m_thread.join();
  }
  for (const int fd : m_state->wake) {
    if (fd >= 0) {
      ::close(fd);
    }
  }
  if (m_state->ws != nullptr) {
    wslay_event_context_free(m_state->ws);
  }
}

}  // namespace meshdns::kube
