#include "kube/request_runner.hpp"

#include "kube/http_transport.hpp"
#include "kube/request_log.hpp"
#include "kube/status.hpp"
#include "kube/transport_error.hpp"

#include <meshdns/log.hpp>
#include <meshdns/text.hpp>

#include <algorithm>
#include <cstdlib>
#include <deque>
#include <functional>
#include <optional>
#include <queue>
#include <thread>
#include <utility>

#ifndef MESHDNS_VERSION
#error "MESHDNS_VERSION must be defined (src/kube/CMakeLists.txt)"
#endif

namespace meshdns::kube {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

constexpr int k_request_log_level = 6;
constexpr int k_body_log_level = 8;
// How long one wait() may block when nothing is due sooner; a bound, not a poll interval.
constexpr milliseconds k_max_wait{1'000};
// A wait shorter than this is not worth a progress line.
constexpr milliseconds k_progress_after{1'000};

milliseconds until(Clock::time_point when, Clock::time_point now) {
  return std::max(milliseconds(0), std::chrono::duration_cast<milliseconds>(when - now));
}

// client-go's DefaultServerURL: a server without a scheme is https when any TLS setting is
// present, else http.
std::string with_scheme(const ClientConfig& config) {
  if (config.server.find("://") != std::string::npos) {
    return config.server;
  }
  const bool tls = !config.ca_pem.empty() || !config.client_certificate_pem.empty() ||
                   config.insecure_skip_tls_verify;
  return cat(tls ? "https://" : "http://", config.server);
}

}  // namespace

// One call of run(): the state of every request and the queues that order them.
class RequestRunner::Batch {
 public:
  Batch(RequestRunner& runner, HttpTransport& transport, std::vector<Request> requests)
      : m_runner(runner), m_transport(transport), m_slots(requests.size()) {
    for (std::size_t i = 0; i < requests.size(); ++i) {
      m_slots[i].request = std::move(requests[i]);
      m_ready.push_back(i);
    }
    m_unsettled = m_slots.size();
  }

  std::vector<Result<Response>> run(std::size_t max_in_flight) {
    const Clock::time_point started = Clock::now();
    Clock::time_point reported = started;
    bool shown = false;
    while (m_unsettled > 0) {
      if (m_runner.m_progress && Clock::now() - reported >= k_progress_after) {
        reported = Clock::now();
        shown = true;
        m_runner.m_progress({m_unsettled, until(reported, started), false});
      }
      Clock::time_point now = Clock::now();
      while (!m_delayed.empty() && m_delayed.top().first <= now) {
        m_ready.push_back(m_delayed.top().second);
        m_delayed.pop();
      }
      while (m_transport.in_flight() < max_in_flight && !m_ready.empty()) {
        const std::size_t index = m_ready.front();
        m_ready.pop_front();
        start(index);
      }
      if (m_unsettled == 0) {
        break;
      }
      now = Clock::now();
      milliseconds wait = k_max_wait;
      if (!m_delayed.empty()) {
        wait = std::min(wait, until(m_delayed.top().first, now));
      }
      if (m_transport.in_flight() == 0) {
        std::this_thread::sleep_for(wait);  // only retries waiting out their backoff
        continue;
      }
      for (Completion& done : m_transport.wait(wait)) {
        handle(done.tag, std::move(done.outcome));
      }
    }
    if (shown) {
      m_runner.m_progress({0, until(Clock::now(), started), true});
    }
    std::vector<Result<Response>> results;
    results.reserve(m_slots.size());
    for (Slot& slot : m_slots) {
      results.push_back(std::move(*slot.result));
    }
    return results;
  }

 private:
  struct Slot {
    Request request;
    std::optional<Result<Response>> result;
    int attempts = 0;
    bool reauthenticated = false;
    std::uint64_t generation = 0;  // of the credentials the last attempt carried
    Clock::time_point deadline = Clock::time_point::max();
    Clock::time_point attempt_started;
  };

  std::string url(const Slot& slot) const { return m_transport.server() + slot.request.path; }

  void settle(Slot& slot, Result<Response> result) {
    slot.result = std::move(result);
    --m_unsettled;
  }

  void start(std::size_t index) {
    Slot& slot = m_slots[index];
    const Clock::time_point now = Clock::now();
    if (slot.attempts == 0) {
      // --request-timeout bounds each request with its retries, from its first attempt: time
      // spent queued behind max_in_flight others does not count.
      const milliseconds timeout = m_runner.m_config.request_timeout;
      slot.deadline = timeout.count() > 0 ? now + timeout : Clock::time_point::max();
    }
    const milliseconds left =
        slot.deadline == Clock::time_point::max() ? milliseconds(0) : until(slot.deadline, now);
    if (slot.deadline != Clock::time_point::max() && left.count() == 0) {
      settle(slot,
             network_error(NetworkFailure::timeout, m_transport.server(),
                           "the retries used up the time", m_runner.m_config.request_timeout));
      return;
    }
    Attempt attempt;
    attempt.tag = index;
    attempt.method = slot.request.method;
    attempt.path = slot.request.path;
    attempt.timeout = left;
    attempt.request_timeout = m_runner.m_config.request_timeout;
    attempt.attempt_number = slot.attempts + 1;
    attempt.headers.emplace_back("Accept: application/json");
    attempt.headers.emplace_back("User-Agent: kubectl-meshdns/" MESHDNS_VERSION);
    if (!slot.request.content_type.empty()) {
      attempt.headers.push_back(cat("Content-Type: ", slot.request.content_type));
      attempt.body = slot.request.body;
      attempt.has_body = true;
    }
    const Credentials& credentials = m_runner.m_credentials;
    if (m_runner.m_send_credentials) {
      if (!credentials.bearer_token.empty()) {
        attempt.headers.push_back(cat("Authorization: Bearer ", credentials.bearer_token));
      }
      attempt.client_certificate_pem = credentials.client_certificate_pem;
      attempt.client_key_pem = credentials.client_key_pem;
    }
    if (log::enabled(k_body_log_level)) {
      for (const std::string& line : request_detail_lines(
               slot.request.method, url(slot), attempt.headers, attempt.body, log::verbosity())) {
        log::write(k_body_log_level, line);
      }
    }
    slot.generation = m_runner.m_generation;
    slot.attempt_started = now;
    ++slot.attempts;
    if (Result<void> started = m_transport.start(std::move(attempt)); !started) {
      settle(slot, std::move(started).error());
    }
  }

  void handle(std::uint64_t index, Result<Response> outcome) {
    Slot& slot = m_slots[index];
    if (!outcome) {
      const auto latency =
          std::chrono::duration_cast<milliseconds>(Clock::now() - slot.attempt_started);
      if (log::enabled(k_request_log_level)) {
        log::write(k_request_log_level, failure_line(slot.request.method, url(slot), latency,
                                                     format_error(outcome.error())));
      }
      settle(slot, std::move(outcome));
      return;
    }
    Response& response = *outcome;
    if (log::enabled(k_request_log_level)) {
      log::write(k_request_log_level,
                 response_line(slot.request.method, url(slot), response.status, response.latency));
    }
    if (log::enabled(k_body_log_level)) {
      for (const std::string& line :
           response_detail_lines(response.headers, response.body, log::verbosity())) {
        log::write(k_body_log_level, line);
      }
    }
    if (response.status >= 200 && response.status < 300) {
      settle(slot, std::move(outcome));
      return;
    }
    if (response.status == 401) {
      Result<bool> again = reauthenticate(slot);
      if (!again) {
        settle(slot, std::move(again).error());
        return;
      }
      if (*again) {
        m_ready.push_front(index);
        return;
      }
    }
    const std::optional<milliseconds> delay =
        retry_delay(slot.request, response.status, response.header("Retry-After"), slot.attempts,
                    m_runner.m_policy, m_jitter(m_runner.m_random));
    if (delay && Clock::now() + *delay < slot.deadline) {
      m_delayed.emplace(Clock::now() + *delay, index);
      return;
    }
    if (std::optional<Error> foreign = not_kubernetes(response.status, response.body,
                                                      slot.request.path, m_transport.server())) {
      settle(slot, std::move(*foreign));
      return;
    }
    settle(slot, status_error(response.status, response.body));
  }

  // After a 401: true when the request should go again with fresh credentials. Many requests of a
  // batch fail together when a token expires; only the first refreshes, the others reuse it.
  Result<bool> reauthenticate(Slot& slot) {
    if (!m_runner.m_send_credentials || slot.reauthenticated) {
      return false;
    }
    slot.reauthenticated = true;
    if (slot.generation == m_runner.m_generation) {
      if (!m_runner.m_provider->invalidate()) {
        return false;  // a static token: asking again would get the same 401
      }
      if (Result<void> refreshed = m_runner.refresh_credentials(); !refreshed) {
        return std::move(refreshed).error();
      }
    }
    return true;
  }

  RequestRunner& m_runner;
  HttpTransport& m_transport;
  std::vector<Slot> m_slots;
  std::size_t m_unsettled = 0;
  std::deque<std::size_t> m_ready;
  using Due = std::pair<Clock::time_point, std::size_t>;
  std::priority_queue<Due, std::vector<Due>, std::greater<>> m_delayed;
  std::uniform_real_distribution<double> m_jitter{0.0, 1.0};
};

RequestRunner::RequestRunner(ClientConfig config, std::unique_ptr<CredentialProvider> credentials,
                             RetryPolicy policy)
    : m_config(std::move(config)),
      m_server(with_scheme(m_config)),
      m_provider(std::move(credentials)),
      m_policy(policy),
      m_send_credentials(m_provider != nullptr && starts_with(to_lower(m_server), "https://")),
      m_random(std::random_device{}()) {}

RequestRunner::~RequestRunner() = default;

Result<HttpTransport*> RequestRunner::transport() {
  if (!m_transport) {
    TransportConfig config;
    config.server = m_server;
    config.ca_pem = m_config.ca_pem;
    config.insecure_skip_tls_verify = m_config.insecure_skip_tls_verify;
    config.tls_server_name = m_config.tls_server_name;
    config.proxy_url = m_config.proxy_url;
    Result<std::unique_ptr<HttpTransport>> opened = HttpTransport::open(std::move(config));
    if (!opened) {
      return opened.error();
    }
    m_transport = std::move(*opened);
  }
  return m_transport.get();
}

Result<void> RequestRunner::refresh_credentials() {
  Result<Credentials> fetched = m_provider->get();
  if (!fetched) {
    return std::move(fetched).error();
  }
  m_credentials = std::move(*fetched);
  ++m_generation;
  return {};
}

Result<Upgraded> RequestRunner::upgrade(std::string_view path,
                                        const std::vector<std::string>& headers) {
  if (m_send_credentials) {
    if (Result<void> fetched = refresh_credentials(); !fetched) {
      return fetched.error();
    }
  }
  Result<Upgraded> answer = upgrade_once(path, headers);
  if (answer && answer->head.status == 401 && m_send_credentials && m_provider->invalidate()) {
    if (Result<void> fetched = refresh_credentials(); !fetched) {
      return fetched.error();
    }
    answer = upgrade_once(path, headers);
  }
  return answer;
}

Result<Upgraded> RequestRunner::upgrade_once(std::string_view path,
                                             const std::vector<std::string>& headers) {
  Result<HttpTransport*> opened = transport();
  if (!opened) {
    return opened.error();
  }
  HttpTransport& transport = **opened;
  // Go's net.Dialer bound when --request-timeout is not set: a handshake never hangs forever.
  const milliseconds timeout =
      m_config.request_timeout.count() > 0 ? m_config.request_timeout : milliseconds(30'000);
  const Clock::time_point started = Clock::now();
  const Clock::time_point deadline = started + timeout;
  Attempt attempt;
  attempt.path = std::string(path);
  attempt.timeout = timeout;
  attempt.request_timeout = m_config.request_timeout;
  attempt.headers.push_back(transport.host_header());
  attempt.headers.emplace_back("User-Agent: kubectl-meshdns/" MESHDNS_VERSION);
  attempt.headers.insert(attempt.headers.end(), headers.begin(), headers.end());
  if (m_send_credentials) {
    if (!m_credentials.bearer_token.empty()) {
      attempt.headers.push_back(cat("Authorization: Bearer ", m_credentials.bearer_token));
    }
    attempt.client_certificate_pem = m_credentials.client_certificate_pem;
    attempt.client_key_pem = m_credentials.client_key_pem;
  }
  const std::string url = transport.server() + std::string(path);
  if (log::enabled(k_body_log_level)) {
    for (const std::string& line :
         request_detail_lines(Method::get, url, attempt.headers, "", log::verbosity())) {
      log::write(k_body_log_level, line);
    }
  }
  const auto failed = [&](Error error) -> Result<Upgraded> {
    if (log::enabled(k_request_log_level)) {
      log::write(k_request_log_level,
                 failure_line(Method::get, url, until(Clock::now(), started), format_error(error)));
    }
    return error;
  };
  Result<std::unique_ptr<RawStream>> stream = transport.connect(attempt);
  if (!stream) {
    return failed(stream.error());
  }
  std::string request = cat("GET ", transport.request_target(path), " HTTP/1.1\r\n");
  for (const std::string& header : attempt.headers) {
    request += cat(header, "\r\n");
  }
  request += "\r\n";
  if (Result<void> sent = (*stream)->send_all(request, deadline); !sent) {
    return failed(sent.error());
  }
  std::string received;
  std::optional<ResponseHead> head;
  bool closed = false;
  while (!head) {
    Result<std::optional<ResponseHead>> parsed = parse_response_head(received);
    if (!parsed) {
      return failed(parsed.error());
    }
    if (*parsed) {
      head = std::move(**parsed);
      break;
    }
    Result<IoStatus> got = (*stream)->receive_into(received, deadline);
    if (!got) {
      return failed(got.error());
    }
    if (*got == IoStatus::closed) {
      // A proxy or load balancer that does not pass upgrades on often just hangs up.
      return failed(fail(Errc::network,
                         cat(transport.server(),
                             " closed the connection instead of answering the "
                             "port-forward upgrade"),
                         "a proxy between here and the API server may not pass WebSocket "
                         "upgrades on",
                         "allow Connection: Upgrade through the proxy, or run verify where it can "
                         "reach the API server directly"));
    }
  }
  Upgraded answer;
  answer.head = std::move(*head);
  std::string rest = received.substr(answer.head.length);
  if (answer.head.status == 101) {
    answer.leftover = std::move(rest);
    answer.stream = std::move(*stream);
  } else {
    // The refusal's body: Content-Length bytes, or until the server closes (Go's websocket
    // server writes its error text and closes without a length).
    const std::optional<std::string_view> length = answer.head.header("Content-Length");
    std::size_t wanted = std::string::npos;
    if (length) {
      wanted = static_cast<std::size_t>(std::strtoull(std::string(*length).c_str(), nullptr, 10));
    }
    while (!closed && rest.size() < wanted) {
      Result<IoStatus> got = (*stream)->receive_into(rest, deadline);
      closed = !got || *got == IoStatus::closed;
    }
    answer.body = rest.substr(0, std::min(wanted, rest.size()));
  }
  if (log::enabled(k_request_log_level)) {
    log::write(k_request_log_level,
               response_line(Method::get, url, answer.head.status, until(Clock::now(), started)));
  }
  if (log::enabled(k_body_log_level)) {
    for (const std::string& line :
         response_detail_lines(answer.head.headers, answer.body, log::verbosity())) {
      log::write(k_body_log_level, line);
    }
  }
  return answer;
}

std::vector<Result<Response>> RequestRunner::run(std::vector<Request> requests,
                                                 std::size_t max_in_flight) {
  if (requests.empty()) {
    return {};
  }
  Result<HttpTransport*> opened = transport();
  if (!opened) {
    return std::vector<Result<Response>>(requests.size(), opened.error());
  }
  // Once per batch: a token file is re-read and an expired exec credential renewed, while the
  // provider's cache keeps an exec plugin from running for every request.
  if (m_send_credentials) {
    if (Result<void> fetched = refresh_credentials(); !fetched) {
      return std::vector<Result<Response>>(requests.size(), fetched.error());
    }
  }
  Batch batch(*this, **opened, std::move(requests));
  return batch.run(std::max<std::size_t>(max_in_flight, 1));
}

}  // namespace meshdns::kube
