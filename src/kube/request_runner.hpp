#pragma once

// Runs batches of requests against one API server: bounded in flight, credentials attached (only
// over TLS), 401 -> refresh credentials and retry once, 429/5xx -> retry per retry.hpp within the
// request timeout, -v 6/-v 8 logging, and non-2xx answers decoded into kubectl's error text.

#include "kube/retry.hpp"

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

 private:
  class Batch;
  Result<HttpTransport*> transport();
  Result<void> refresh_credentials();

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
