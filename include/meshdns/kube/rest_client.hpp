#pragma once

// The Kubernetes REST client: typed calls over libcurl (loaded on first use), TLS as the kubeconfig
// says, one connection pool (HTTP/2 when the server offers it) shared by every request, retries for
// throttling and transient server errors, and many requests at once through perform_all.
//
// Errors read like kubectl's: a Kubernetes Status becomes `Error from server (NotFound): services
// "x" not found` (Errc::not_found, conflict, unauthorized or server); network and TLS failures name
// the server and what failed (Errc::network). Credentials are never sent over plain http://: like
// kubectl (client-go attaches user credentials only to TLS connections), such requests go out
// anonymously.
//
// Retries: 429 on any request (the API server rejects it before doing anything) and 500/502/503/504
// only on idempotent ones (GET, HEAD and server-side apply, whose result does not depend on how
// often it runs), at most 5 attempts, jittered exponential backoff or the server's Retry-After, and
// never past --request-timeout. A 401 asks the credential provider to refresh and is retried once.
//
// Not thread-safe: one thread drives a client; concurrency comes from perform_all.

#include <meshdns/kube/client_config.hpp>
#include <meshdns/kube/credentials.hpp>
#include <meshdns/kube/http.hpp>
#include <meshdns/kube/requests.hpp>
#include <meshdns/result.hpp>

#include <nlohmann/json_fwd.hpp>

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace meshdns::kube {

class RequestRunner;

// What /apis/GROUP (or /api for the core group) says the server serves.
struct GroupVersions {
  std::string preferred;              // "v1"
  std::vector<std::string> versions;  // in the server's order of preference
};

// The discovery answer of /api (APIVersions) or /apis/GROUP (APIGroup) read; Errc::server when it
// lists no versions.
Result<GroupVersions> group_versions(std::string_view group, const nlohmann::json& body);

// The discovery path of an API group: /api for the core group, else /apis/GROUP.
std::string group_path(std::string_view group);

// How long a batch of requests has waited for the server, for a progress line on a terminal
// (whether there is one is the CLI's decision, made once).
struct WaitProgress {
  std::size_t waiting = 0;  // requests not answered yet
  std::chrono::milliseconds elapsed{0};
  bool done = false;  // the batch ended: clear the line
};
using ProgressHook = std::function<void(const WaitProgress&)>;

class RestClient {
 public:
  // Cheap: nothing is loaded or connected until the first request. credentials may be null
  // (anonymous requests).
  RestClient(ClientConfig config, std::unique_ptr<CredentialProvider> credentials);
  ~RestClient();
  RestClient(RestClient&&) noexcept;
  RestClient& operator=(RestClient&&) noexcept;

  const ClientConfig& config() const;

  Result<nlohmann::json> get(std::string_view path);
  Result<nlohmann::json> list(std::string_view collection_path,
                              std::string_view label_selector = {});
  Result<nlohmann::json> create(std::string_view collection_path, const nlohmann::json& object,
                                DryRun dry_run = DryRun::no);
  Result<nlohmann::json> apply(std::string_view object_path, std::string_view yaml_or_json,
                               const ApplyOptions& options = {});
  // A stale metadata.resourceVersion comes back as Errc::conflict: re-read and try again.
  Result<nlohmann::json> replace(std::string_view object_path, const nlohmann::json& object,
                                 DryRun dry_run = DryRun::no);
  Result<nlohmann::json> merge_patch(std::string_view object_path, const nlohmann::json& patch,
                                     DryRun dry_run = DryRun::no);
  // The server's answer: the deleted object or a Status.
  Result<nlohmann::json> remove(std::string_view object_path, DryRun dry_run = DryRun::no);
  // Discovery of one group ("" for core), only for commands that need it.
  Result<GroupVersions> served_versions(std::string_view group);

  // Called about once a second while a batch has waited more than a second, and once with done
  // when such a batch ends; never for quick answers.
  void set_progress(ProgressHook hook);

  // One request; any status outside 2xx comes back as the decoded error.
  Result<Response> perform(Request request);
  // Runs every request, at most max_in_flight at a time over shared connections; results are in the
  // order of the requests. max_in_flight 0 counts as 1.
  std::vector<Result<Response>> perform_all(std::vector<Request> requests,
                                            std::size_t max_in_flight = 64);

  // The runner behind these calls (its TLS, credentials and logging), for src/kube's streaming
  // adapters such as the port-forward.
  RequestRunner& runner() { return *m_runner; }

 private:
  Result<nlohmann::json> perform_json(Request request);

  std::unique_ptr<RequestRunner> m_runner;  // owns the configuration too
};

// The body of a 2xx response as JSON; an unparsable one is an Errc::server error naming the
// request.
Result<nlohmann::json> parse_json_body(const Request& request, const Response& response);

}  // namespace meshdns::kube
