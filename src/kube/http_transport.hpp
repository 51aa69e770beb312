#pragma once

// Moves HTTP requests to one API server over libcurl's multi interface: many transfers at once on
// shared connections (HTTP/2 streams when the server offers h2, else a pool of HTTP/1.1
// connections), one TLS session cache, TLS settings from the kubeconfig. Knows nothing about
// Kubernetes: statuses, retries and credentials policy live in request_runner.cpp.

#include "kube/curl_library.hpp"
#include "kube/raw_stream.hpp"

#include <meshdns/kube/http.hpp>
#include <meshdns/result.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace meshdns::kube {

struct TransportConfig {
  std::string server;  // https://host[:port][/prefix], no trailing slash
  std::string ca_pem;  // empty: the system trust store
  bool insecure_skip_tls_verify = false;
  std::string tls_server_name;  // the name TLS (SNI and verification) uses instead of the host
  std::string proxy_url;        // empty: libcurl's HTTPS_PROXY/NO_PROXY handling, like Go's
};

struct Attempt {
  std::uint64_t tag = 0;  // handed back in the Completion
  Method method = Method::get;
  std::string path;
  std::vector<std::string> headers;  // "Name: value", User-Agent included
  std::string body;
  bool has_body = false;
  std::string client_certificate_pem;  // with client_key_pem: TLS client authentication
  std::string client_key_pem;
  std::chrono::milliseconds timeout{0};          // what is left of the request's time; 0: none
  std::chrono::milliseconds request_timeout{0};  // --request-timeout, named in a timeout error
  int attempt_number = 1;                        // 2 and up: a retry, for the timeout error
};

struct Completion {
  std::uint64_t tag = 0;
  Result<Response> outcome;  // any HTTP status is a Response; only network/TLS failures are errors
};

class HttpTransport {
 public:
  // Loads libcurl on first use; fails (Errc::config) when it is missing or the server URL is bad.
  static Result<std::unique_ptr<HttpTransport>> open(TransportConfig config);
  ~HttpTransport();
  HttpTransport(const HttpTransport&) = delete;
  HttpTransport& operator=(const HttpTransport&) = delete;

  // Queues a transfer; it starts moving on the next wait().
  Result<void> start(Attempt attempt);
  // Drives the transfers for up to max_wait and returns as soon as one or more have finished.
  std::vector<Completion> wait(std::chrono::milliseconds max_wait);
  std::size_t in_flight() const { return m_transfers.size(); }
  // Connects (TCP, proxy tunnel, TLS with the attempt's client certificate) as start() would,
  // forcing HTTP/1.1 so ALPN cannot pick h2, and hands the connection over instead of sending a
  // request: the caller writes an upgrade request itself (libcurl 7.88 has no WebSocket). Blocks
  // up to attempt.timeout (or the connect timeout).
  Result<std::unique_ptr<RawStream>> connect(const Attempt& attempt);
  // What a raw request names: the request target (server prefix + path) and the Host header.
  std::string request_target(std::string_view path) const;
  std::string host_header() const;
  const std::string& server() const { return m_config.server; }

 private:
  struct Transfer;
  HttpTransport(const curl::Library& lib, TransportConfig config);
  Result<void> configure(Transfer& transfer, const Attempt& attempt);
  Completion finish(CURL* easy, CURLcode code);

  const curl::Library& m_lib;
  TransportConfig m_config;
  std::string m_base_url;     // where requests go; the TLS name replaces the host when given
  std::string m_host_header;  // "Host: <real host>" when the TLS name replaced it in the URL
  std::string m_authority;    // host:port of the server URL
  std::string m_prefix;       // path prefix of the server URL
  curl_slist* m_connect_to = nullptr;  // TLS name -> real host, so SNI and the check use the name
  CURLM* m_multi = nullptr;
  CURLSH* m_share = nullptr;
  std::unordered_map<CURL*, std::unique_ptr<Transfer>> m_transfers;
};

// "https://[::1]:6443/prefix" -> scheme "https", host "[::1]", port 6443, prefix "/prefix".
struct ServerUrl {
  std::string scheme;
  std::string host;
  int port = 0;
  std::string prefix;
};
Result<ServerUrl> parse_server_url(std::string_view server);

}  // namespace meshdns::kube
