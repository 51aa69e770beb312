#include "kube/raw_stream.hpp"

#include <meshdns/text.hpp>

#include <climits>
#include <poll.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace meshdns::kube {

RawStream::RawStream(const curl::Library& lib, CURL* easy, std::string server)
    : m_lib(lib), m_easy(easy), m_server(std::move(server)) {
  curl_socket_t socket = CURL_SOCKET_BAD;
  curl::get_socket<CURLINFO_ACTIVESOCKET>(m_lib, m_easy, &socket);
  m_socket = socket == CURL_SOCKET_BAD ? -1 : static_cast<int>(socket);
}

RawStream::~RawStream() {
  m_lib.easy_cleanup(m_easy);
}

IoResult RawStream::send_some(std::string_view bytes) {
  std::size_t sent = 0;
  const CURLcode code = m_lib.easy_send(m_easy, bytes.data(), bytes.size(), &sent);
  if (code == CURLE_OK) {
    return {IoStatus::done, sent};
  }
  return {code == CURLE_AGAIN ? IoStatus::again : IoStatus::failed, 0};
}

IoResult RawStream::receive_some(char* buffer, std::size_t capacity) {
  std::size_t received = 0;
  const CURLcode code = m_lib.easy_recv(m_easy, buffer, capacity, &received);
  if (code == CURLE_OK) {
    return {received == 0 ? IoStatus::closed : IoStatus::done, received};
  }
  if (code == CURLE_AGAIN) {
    return {IoStatus::again, 0};
  }
  // A reset or a TLS close_notify-less shutdown: for a stream both mean the peer went away.
  return {code == CURLE_RECV_ERROR ? IoStatus::closed : IoStatus::failed, 0};
}

Result<void> RawStream::wait(short events, std::chrono::steady_clock::time_point deadline) {
  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
      deadline - std::chrono::steady_clock::now());
  if (left.count() <= 0 || m_socket < 0) {
    return fail(Errc::network, cat("no answer from ", m_server, " to the port-forward upgrade"),
                "it took longer than the request timeout",
                "check the API server is reachable, or raise --request-timeout");
  }
  pollfd polled{m_socket, events, 0};
  const int ready =
      ::poll(&polled, 1, static_cast<int>(std::min<long long>(left.count(), INT_MAX)));
  if (ready < 0 && errno != EINTR) {
    return fail(Errc::network, cat("cannot wait for ", m_server), std::strerror(errno), "");
  }
  return {};
}

Result<void> RawStream::send_all(std::string_view bytes,
                                 std::chrono::steady_clock::time_point deadline) {
  while (!bytes.empty()) {
    const IoResult sent = send_some(bytes);
    if (sent.status == IoStatus::done) {
      bytes.remove_prefix(sent.bytes);
    } else if (sent.status == IoStatus::again) {
      if (Result<void> waited = wait(POLLOUT, deadline); !waited) {
        return waited;
      }
    } else {
      return fail(Errc::network, cat("the connection to ", m_server, " broke"),
                  "sending the port-forward upgrade failed", "try again");
    }
  }
  return {};
}

Result<IoStatus> RawStream::receive_into(std::string& out,
                                         std::chrono::steady_clock::time_point deadline) {
  char buffer[16384];
  for (;;) {
    const IoResult got = receive_some(buffer, sizeof buffer);
    if (got.status == IoStatus::done) {
      out.append(buffer, got.bytes);
      return IoStatus::done;
    }
    if (got.status == IoStatus::closed) {
      return IoStatus::closed;
    }
    if (got.status == IoStatus::failed) {
      return fail(Errc::network, cat("the connection to ", m_server, " broke"),
                  "reading the port-forward upgrade's answer failed", "try again");
    }
    if (Result<void> waited = wait(POLLIN, deadline); !waited) {
      return waited.error();
    }
  }
}

}  // namespace meshdns::kube
