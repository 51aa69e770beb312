#pragma once

// Runs batches of requests against one API server: bounded in flight, credentials attached (only
// over TLS), 401 -> refresh credentials and retry once, 429/5xx -> retry per retry.hpp within the
// request timeout, -v 6/-v 8 logging, and non-2xx answers decoded into kubectl's error text.

#include "kube/raw_stream.hpp"
#include "kube/retry.hpp"
#include "kube/websocket_handshake.hpp"

#include <meshdns/kube/client_config.hpp>
#include <meshdns/kube/credentials.hpp>
#include <meshdns/kube/http.hpp>
#include <meshdns/kube/rest_client.hpp>
#include <meshdns/result.hpp>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <random>
#include <string>
#include <vector>

namespace meshdns::kube {

class HttpTransport;

// The answer to an HTTP/1.1 upgrade request. On 101 `stream` carries the connection and
// `leftover` the bytes that came right behind the head (they already belong to the new protocol);
// otherwise `body` holds the refusal.
struct Upgraded {
  ResponseHead head;
  std::string body;
  std::unique_ptr<RawStream> stream;
  std::string leftover;
};

class RequestRunner {
 public:
  RequestRunner(ClientConfig config, std::unique_ptr<CredentialProvider> credentials,
                RetryPolicy policy = {});
  ~RequestRunner();
  RequestRunner(const RequestRunner&) = delete;
  RequestRunner& operator=(const RequestRunner&) = delete;

  const ClientConfig& config() const { return m_config; }
  void set_progress(ProgressHook hook) { m_progress = std::move(hook); }

  // Results in request order; only 2xx answers are values.
  std::vector<Result<Response>> run(std::vector<Request> requests, std::size_t max_in_flight);

  // GET `path` on a connection of its own with `headers` (Upgrade, Sec-WebSocket-*) added to
  // Host, User-Agent and the credentials; a 401 refreshes the credentials and tries once more.
  // Only network failures are errors: the caller judges the status.
  Result<Upgraded> upgrade(std::string_view path, const std::vector<std::string>& headers);

 private:
  class Batch;
  Result<HttpTransport*> transport();
  Result<void> refresh_credentials();
  Result<Upgraded> upgrade_once(std::string_view path, const std::vector<std::string>& headers);

  ClientConfig m_config;
  std::string m_server;  // m_config.server with a scheme
  std::unique_ptr<CredentialProvider> m_provider;
  RetryPolicy m_policy;
  bool m_send_credentials;  // never over plain http://, as kubectl
  std::unique_ptr<HttpTransport> m_transport;
  Credentials m_credentials;
  std::uint64_t m_generation = 0;  // bumped each time m_credentials is fetched
  std::minstd_rand m_random;
  ProgressHook m_progress;
};

}  // namespace meshdns::kube
