#include "kube/http_transport.hpp"

#include "kube/transport_error.hpp"

#include <meshdns/log.hpp>
#include <meshdns/text.hpp>

#include <climits>

#include <algorithm>
#include <array>
#include <charconv>
#include <exception>
#include <utility>

namespace meshdns::kube {

struct HttpTransport::Transfer {
  std::uint64_t tag = 0;
  CURL* easy = nullptr;
  curl_slist* headers = nullptr;
  std::string body;  // CURLOPT_POSTFIELDS points here, so it lives as long as the transfer
  Response response;
  std::array<char, CURL_ERROR_SIZE> error{};
  std::chrono::steady_clock::time_point started;
  std::chrono::milliseconds timeout{0};          // --request-timeout
  std::chrono::milliseconds attempt_timeout{0};  // what was left of it for this attempt
  int attempt_number = 1;
};

namespace {

using Clock = std::chrono::steady_clock;

// libcurl callbacks: C code calls them, so nothing may throw through; 0 makes libcurl abort.
std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) noexcept {
  try {
    static_cast<std::string*>(user)->append(data, size * count);
    return size * count;
  } catch (const std::exception&) {
    return 0;
  }
}

std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user) noexcept {
  try {
    auto& headers = *static_cast<std::vector<std::pair<std::string, std::string>>*>(user);
    const std::string_view line = trim(std::string_view(data, size * count));
    if (starts_with(line, "HTTP/")) {
      headers.clear();  // a new response (after a 100 Continue, say) starts a new header block
    } else if (const std::size_t colon = line.find(':'); colon != std::string_view::npos) {
      headers.emplace_back(std::string(trim(line.substr(0, colon))),
                           std::string(trim(line.substr(colon + 1))));
    }
    return size * count;
  } catch (const std::exception&) {
    return 0;
  }
}

NetworkFailure classify(CURLcode code) {
  switch (code) {
    case CURLE_COULDNT_CONNECT:
      return NetworkFailure::connect;
    case CURLE_COULDNT_RESOLVE_HOST:
      return NetworkFailure::resolve;
    case CURLE_COULDNT_RESOLVE_PROXY:
    case CURLE_PROXY:
      return NetworkFailure::proxy;
    case CURLE_OPERATION_TIMEDOUT:
      return NetworkFailure::timeout;
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CACERT_BADFILE:
      return NetworkFailure::tls_verify;
    case CURLE_SSL_CERTPROBLEM:
      return NetworkFailure::client_certificate;
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
      return NetworkFailure::tls_handshake;
    default:
      return NetworkFailure::other;
  }
}

long millis(std::chrono::milliseconds duration) {  // NOLINT(google-runtime-int)
  return static_cast<long>(std::min<std::chrono::milliseconds::rep>(duration.count(), LONG_MAX));
}

// Go's net.Dialer in client-go gives up connecting after 30 s; libcurl's default is 300 s.
constexpr std::chrono::milliseconds k_connect_timeout{30'000};
constexpr long k_kept_connections = 64;  // NOLINT(google-runtime-int)

}  // namespace

Result<ServerUrl> parse_server_url(std::string_view server) {
  const auto bad = [&](std::string_view why) {
    return fail(Errc::config, cat("invalid server URL \"", server, "\""), std::string(why),
                "use https://HOST[:PORT] in --server or the kubeconfig's cluster server");
  };
  ServerUrl url;
  const std::size_t scheme_end = server.find("://");
  if (scheme_end == std::string_view::npos) {
    return bad("it has no scheme");
  }
  url.scheme = to_lower(server.substr(0, scheme_end));
  if (url.scheme != "https" && url.scheme != "http") {
    return bad("only https and http are supported");
  }
  std::string_view rest = server.substr(scheme_end + 3);
  const std::size_t slash = rest.find('/');
  std::string_view authority = rest.substr(0, slash);
  url.prefix = slash == std::string_view::npos ? "" : std::string(rest.substr(slash));
  while (!url.prefix.empty() && url.prefix.back() == '/') {
    url.prefix.pop_back();
  }
  // The port is after the last ':' that is not inside an IPv6 literal's brackets.
  const std::size_t bracket = authority.rfind(']');
  const std::size_t colon = authority.rfind(':');
  std::string_view port_text;
  if (colon != std::string_view::npos && (bracket == std::string_view::npos || colon > bracket)) {
    port_text = authority.substr(colon + 1);
    authority = authority.substr(0, colon);
  }
  if (authority.empty()) {
    return bad("it has no host");
  }
  url.host = std::string(authority);
  url.port = url.scheme == "https" ? 443 : 80;
  if (!port_text.empty()) {
    int port = 0;
    const auto [end, ec] =
        std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
    if (ec != std::errc() || end != port_text.data() + port_text.size() || port < 1 ||
        port > 65535) {
      return bad(cat("port \"", port_text, "\" is not a number from 1 to 65535"));
    }
    url.port = port;
  }
  return url;
}

Result<std::unique_ptr<HttpTransport>> HttpTransport::open(TransportConfig config) {
  Result<const curl::Library*> lib = curl::library();
  if (!lib) {
    return lib.error();
  }
  Result<ServerUrl> url = parse_server_url(config.server);
  if (!url) {
    return url.error();
  }
  std::unique_ptr<HttpTransport> transport(new HttpTransport(**lib, std::move(config)));
  const TransportConfig& cfg = transport->m_config;
  const std::string authority = cat(url->host, ":", url->port);
  transport->m_authority = authority;
  transport->m_prefix = url->prefix;
  if (!cfg.tls_server_name.empty() && url->scheme == "https") {
    // libcurl has no separate SNI setting: the URL names the TLS server, CONNECT_TO sends the
    // connection to the real host, and Host: carries the real host as Go's client would.
    transport->m_base_url = cat("https://", cfg.tls_server_name, ":", url->port, url->prefix);
    transport->m_connect_to = transport->m_lib.slist_append(
        nullptr, cat(cfg.tls_server_name, ":", url->port, ":", url->host, ":", url->port).c_str());
    transport->m_host_header = cat("Host: ", authority);
  } else {
    transport->m_base_url = cat(url->scheme, "://", authority, url->prefix);
  }
  const curl::Library& l = transport->m_lib;
  transport->m_multi = l.multi_init();
  transport->m_share = l.share_init();
  if (transport->m_multi == nullptr || transport->m_share == nullptr) {
    return fail(Errc::network, "libcurl could not create a connection pool", "out of memory");
  }
  curl::set_multi_long<CURLMOPT_PIPELINING>(l, transport->m_multi, CURLPIPE_MULTIPLEX);
  // Idle connections kept for the next batch. libcurl's default follows the number of transfers
  // in the pool, which drops to zero between batches; an HTTP/1.1 server needs one per request
  // in flight (an HTTP/2 one needs a single connection).
  curl::set_multi_long<CURLMOPT_MAXCONNECTS>(l, transport->m_multi, k_kept_connections);
  // One TLS session cache and DNS cache for every transfer: reconnections resume sessions.
  curl::share_data(l, transport->m_share, CURL_LOCK_DATA_SSL_SESSION);
  curl::share_data(l, transport->m_share, CURL_LOCK_DATA_DNS);
  return transport;
}

HttpTransport::HttpTransport(const curl::Library& lib, TransportConfig config)
    : m_lib(lib), m_config(std::move(config)) {}

HttpTransport::~HttpTransport() {
  for (auto& [easy, transfer] : m_transfers) {
    m_lib.multi_remove_handle(m_multi, easy);
    m_lib.easy_cleanup(easy);
    m_lib.slist_free_all(transfer->headers);
  }
  if (m_multi != nullptr) {
    m_lib.multi_cleanup(m_multi);
  }
  if (m_share != nullptr) {
    m_lib.share_cleanup(m_share);
  }
  m_lib.slist_free_all(m_connect_to);
}

Result<void> HttpTransport::configure(Transfer& t, const Attempt& attempt) {
  const curl::Library& l = m_lib;
  CURL* easy = t.easy;
  CURLcode first_failure = CURLE_OK;
  const auto check = [&](CURLcode code) {
    if (first_failure == CURLE_OK) {
      first_failure = code;
    }
  };
  const std::string url = m_base_url + attempt.path;
  check(curl::set_pointer<CURLOPT_URL>(l, easy, url.c_str()));
  check(curl::set_pointer<CURLOPT_SHARE>(l, easy, m_share));
  check(curl::set_long<CURLOPT_NOSIGNAL>(l, easy, 1));
  check(curl::set_long<CURLOPT_HTTP_VERSION>(l, easy, CURL_HTTP_VERSION_2TLS));
  // Over TLS, wait for the first connection's ALPN answer: HTTP/2 multiplexes every request on
  // it. Plain http:// (kubectl proxy) is HTTP/1.1, where waiting would queue each request behind
  // the previous response (and count the wait against --request-timeout): open one per request.
  if (starts_with(m_base_url, "https://")) {
    check(curl::set_long<CURLOPT_PIPEWAIT>(l, easy, 1));
  }
  check(curl::set_long<CURLOPT_TCP_KEEPALIVE>(l, easy, 1));
  check(curl::set_pointer<CURLOPT_ACCEPT_ENCODING>(l, easy, ""));  // gzip lists, as Go asks for
  check(curl::set_pointer<CURLOPT_ERRORBUFFER>(l, easy, t.error.data()));
  check(curl::set_function<CURLOPT_WRITEFUNCTION>(l, easy, &on_body));
  check(curl::set_pointer<CURLOPT_WRITEDATA>(l, easy, &t.response.body));
  check(curl::set_function<CURLOPT_HEADERFUNCTION>(l, easy, &on_header));
  check(curl::set_pointer<CURLOPT_HEADERDATA>(l, easy, &t.response.headers));
  check(curl::set_long<CURLOPT_CONNECTTIMEOUT_MS>(
      l, easy,
      millis(attempt.timeout.count() > 0 ? std::min(attempt.timeout, k_connect_timeout)
                                         : k_connect_timeout)));
  if (attempt.timeout.count() > 0) {
    check(curl::set_long<CURLOPT_TIMEOUT_MS>(l, easy, millis(attempt.timeout)));
  }

  switch (attempt.method) {
    case Method::get:
      check(curl::set_long<CURLOPT_HTTPGET>(l, easy, 1));
      break;
    case Method::head:
      check(curl::set_long<CURLOPT_NOBODY>(l, easy, 1));
      break;
    case Method::post:
    case Method::put:
    case Method::patch:
    case Method::del:
      check(curl::set_pointer<CURLOPT_CUSTOMREQUEST>(l, easy, to_string(attempt.method)));
      break;
  }
  if (attempt.has_body) {
    t.body = attempt.body;
    check(curl::set_off<CURLOPT_POSTFIELDSIZE_LARGE>(l, easy,
                                                     static_cast<curl_off_t>(t.body.size())));
    check(curl::set_pointer<CURLOPT_POSTFIELDS>(l, easy, t.body.data()));
  }

  for (const std::string& header : attempt.headers) {
    t.headers = l.slist_append(t.headers, header.c_str());
  }
  // No "Expect: 100-continue" round trip before large bodies.
  t.headers = l.slist_append(t.headers, "Expect:");
  if (!m_host_header.empty()) {
    t.headers = l.slist_append(t.headers, m_host_header.c_str());
    check(curl::set_pointer<CURLOPT_CONNECT_TO>(l, easy, m_connect_to));
  }
  check(curl::set_pointer<CURLOPT_HTTPHEADER>(l, easy, t.headers));

  if (m_config.insecure_skip_tls_verify) {
    check(curl::set_long<CURLOPT_SSL_VERIFYPEER>(l, easy, 0));
    check(curl::set_long<CURLOPT_SSL_VERIFYHOST>(l, easy, 0));
  } else {
    check(curl::set_long<CURLOPT_SSL_VERIFYPEER>(l, easy, 1));
    check(curl::set_long<CURLOPT_SSL_VERIFYHOST>(l, easy, 2));
    if (!m_config.ca_pem.empty()) {
      // Only the cluster's CA, as client-go does: the blob replaces the CA bundle, and the CA
      // directory Debian's libcurl also reads by default is switched off.
      check(curl::set_blob<CURLOPT_CAINFO_BLOB>(l, easy, m_config.ca_pem));
      check(curl::set_pointer<CURLOPT_CAPATH>(l, easy, static_cast<const char*>(nullptr)));
    }
  }
  if (!attempt.client_certificate_pem.empty()) {
    check(curl::set_blob<CURLOPT_SSLCERT_BLOB>(l, easy, attempt.client_certificate_pem));
    check(curl::set_pointer<CURLOPT_SSLCERTTYPE>(l, easy, "PEM"));
    check(curl::set_blob<CURLOPT_SSLKEY_BLOB>(l, easy, attempt.client_key_pem));
    check(curl::set_pointer<CURLOPT_SSLKEYTYPE>(l, easy, "PEM"));
  }
  if (!m_config.proxy_url.empty()) {
    check(curl::set_pointer<CURLOPT_PROXY>(l, easy, m_config.proxy_url.c_str()));
  }
  if (first_failure != CURLE_OK) {
    return fail(Errc::network,
                cat("libcurl refused a setting for ", log::redact_url(m_config.server)),
                l.easy_strerror(first_failure), "install a libcurl4 of 7.77 or newer");
  }
  return {};
}

Result<void> HttpTransport::start(Attempt attempt) {
  auto transfer = std::make_unique<Transfer>();
  transfer->tag = attempt.tag;
  transfer->timeout = attempt.request_timeout;
  transfer->attempt_timeout = attempt.timeout;
  transfer->attempt_number = attempt.attempt_number;
  transfer->easy = m_lib.easy_init();
  if (transfer->easy == nullptr) {
    return fail(Errc::network, "libcurl could not start a request", "out of memory");
  }
  Result<void> configured = configure(*transfer, attempt);
  if (configured) {
    if (const CURLMcode added = m_lib.multi_add_handle(m_multi, transfer->easy);
        added != CURLM_OK) {
      configured =
          fail(Errc::network, "libcurl could not start a request", m_lib.multi_strerror(added));
    }
  }
  if (!configured) {
    m_lib.easy_cleanup(transfer->easy);
    m_lib.slist_free_all(transfer->headers);
    return configured;
  }
  transfer->started = Clock::now();
  CURL* easy = transfer->easy;
  m_transfers.emplace(easy, std::move(transfer));
  return {};
}

std::string HttpTransport::request_target(std::string_view path) const {
  return cat(m_prefix, path);
}

std::string HttpTransport::host_header() const {
  return m_host_header.empty() ? cat("Host: ", m_authority) : m_host_header;
}

Result<std::unique_ptr<RawStream>> HttpTransport::connect(const Attempt& attempt) {
  Transfer t;
  t.easy = m_lib.easy_init();
  if (t.easy == nullptr) {
    return fail(Errc::network, "libcurl could not start a request", "out of memory");
  }
  Result<void> configured = configure(t, attempt);
  const curl::Library& l = m_lib;
  CURLcode code = CURLE_OK;
  if (configured) {
    // The same settings as every request (the shared TLS session cache too: the handshake
    // resumes the REST client's session), then: no request of libcurl's own, HTTP/1.1 only (an
    // upgrade is an HTTP/1.1 mechanism) and a tunnel through any proxy.
    curl::set_long<CURLOPT_CONNECT_ONLY>(l, t.easy, 1);
    curl::set_long<CURLOPT_HTTP_VERSION>(l, t.easy, CURL_HTTP_VERSION_1_1);
    curl::set_long<CURLOPT_HTTPPROXYTUNNEL>(l, t.easy, 1);
    code = l.easy_perform(t.easy);
    // The connection leaves the pool for good: it must not outlive the share it came from.
    curl::set_pointer<CURLOPT_SHARE>(l, t.easy, static_cast<CURLSH*>(nullptr));
  }
  // Nothing of the Transfer may be referred to once it goes out of scope.
  curl::set_pointer<CURLOPT_ERRORBUFFER>(l, t.easy, static_cast<char*>(nullptr));
  curl::set_pointer<CURLOPT_HTTPHEADER>(l, t.easy, static_cast<curl_slist*>(nullptr));
  l.slist_free_all(t.headers);
  if (!configured || code != CURLE_OK) {
    l.easy_cleanup(t.easy);
    if (!configured) {
      return configured.error();
    }
    const std::string detail =
        t.error[0] != '\0' ? std::string(t.error.data()) : std::string(l.easy_strerror(code));
    return network_error(classify(code), m_config.server, detail, attempt.request_timeout);
  }
  return std::make_unique<RawStream>(l, t.easy, m_config.server);
}

Completion HttpTransport::finish(CURL* easy, CURLcode code) {
  const auto found = m_transfers.find(easy);
  std::unique_ptr<Transfer> t = std::move(found->second);
  m_transfers.erase(found);
  m_lib.multi_remove_handle(m_multi, easy);

  Completion done{t->tag, Response{}};
  if (code == CURLE_OK) {
    curl::get_long<CURLINFO_RESPONSE_CODE>(m_lib, easy, &t->response.status);
    t->response.latency =
        std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - t->started);
    done.outcome = std::move(t->response);
  } else {
    std::string detail =
        t->error[0] != '\0' ? std::string(t->error.data()) : std::string(m_lib.easy_strerror(code));
    // The request's time ran out (not a shorter connect timeout): say so in its terms.
    const auto elapsed =
        std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - t->started);
    if (code == CURLE_OPERATION_TIMEDOUT && t->timeout.count() > 0 &&
        elapsed + std::chrono::milliseconds(100) >= t->attempt_timeout) {
      detail = timeout_detail(t->timeout, t->attempt_timeout, t->attempt_number);
    }
    done.outcome = network_error(classify(code), m_config.server, detail, t->timeout);
  }
  m_lib.easy_cleanup(easy);
  m_lib.slist_free_all(t->headers);
  return done;
}

std::vector<Completion> HttpTransport::wait(std::chrono::milliseconds max_wait) {
  std::vector<Completion> done;
  const Clock::time_point deadline = Clock::now() + max_wait;
  for (;;) {
    int running = 0;
    const CURLMcode performed = m_lib.multi_perform(m_multi, &running);
    int left = 0;
    while (CURLMsg* message = m_lib.multi_info_read(m_multi, &left)) {
      if (message->msg == CURLMSG_DONE) {
        done.push_back(finish(message->easy_handle, message->data.result));
      }
    }
    if (performed != CURLM_OK) {
      // The pool itself broke (out of memory): every transfer in it fails the same way.
      while (!m_transfers.empty()) {
        Completion failed = finish(m_transfers.begin()->first, CURLE_OUT_OF_MEMORY);
        failed.outcome =
            fail(Errc::network, cat("libcurl failed talking to ", log::redact_url(m_config.server)),
                 m_lib.multi_strerror(performed));
        done.push_back(std::move(failed));
      }
    }
    const auto remaining =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    if (!done.empty() || m_transfers.empty() || remaining.count() <= 0) {
      return done;
    }
    int ready = 0;
    m_lib.multi_poll(m_multi, nullptr, 0,
                     static_cast<int>(std::min<long long>(remaining.count(), INT_MAX)), &ready);
  }
}

}  // namespace meshdns::kube
