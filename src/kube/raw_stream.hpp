#pragma once

// One connection to the API server that libcurl opened (TCP, proxy tunnel, TLS and client
// certificate exactly as for every REST request) and then handed over: after an HTTP/1.1 upgrade
// the bytes are no longer HTTP, so the caller moves them with curl_easy_send/recv itself.

#include "kube/curl_library.hpp"

#include <meshdns/result.hpp>

#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>

namespace meshdns::kube {

enum class IoStatus : unsigned char { done, again, closed, failed };

struct IoResult {
  IoStatus status = IoStatus::failed;
  std::size_t bytes = 0;
};

class RawStream {
 public:
  // Takes ownership of an easy handle that finished a CURLOPT_CONNECT_ONLY transfer.
  RawStream(const curl::Library& lib, CURL* easy, std::string server);
  ~RawStream();
  RawStream(const RawStream&) = delete;
  RawStream& operator=(const RawStream&) = delete;

  // Never blocks: `again` when the socket (or TLS) has nothing to give or take right now. After
  // `again`, poll socket() and call again; TLS may also hold decrypted bytes, so read until
  // `again` before polling.
  IoResult send_some(std::string_view bytes);
  IoResult receive_some(char* buffer, std::size_t capacity);

  // Blocking helpers for the upgrade request and its response (bounded by `deadline`).
  Result<void> send_all(std::string_view bytes, std::chrono::steady_clock::time_point deadline);
  // Appends what arrives; `closed` when the server closed the connection.
  Result<IoStatus> receive_into(std::string& out, std::chrono::steady_clock::time_point deadline);

  int socket() const { return m_socket; }
  const std::string& server() const { return m_server; }

 private:
  Result<void> wait(short events, std::chrono::steady_clock::time_point deadline);

  const curl::Library& m_lib;
  CURL* m_easy;
  int m_socket = -1;
  std::string m_server;  // for error messages
};

}  // namespace meshdns::kube
