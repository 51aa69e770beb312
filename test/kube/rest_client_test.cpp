// The REST client against the strict stand-in API server (test/apiserver): TLS and auth, faults and
// retries, writes, concurrency, logging. Each TEST_CASE starts its own server on a free port.

#include "support/apiserver.hpp"
#include "support/files.hpp"
#include "support/net.hpp"
#include "support/process.hpp"
#include "support/skip.hpp"

#include <meshdns/kube/rest_client.hpp>
#include <meshdns/log.hpp>

#include <catch2/catch.hpp>
#include <fcntl.h>
#include <nlohmann/json.hpp>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace meshdns::kube {
namespace {

using nlohmann::json;
using std::chrono::milliseconds;
using test::ApiServer;
using test::read_bytes;

// What the fake provider was asked; shared because the client owns the provider.
struct CredentialCalls {
  int gets = 0;
  int invalidations = 0;
};

// Hands out answers[0] until invalidate() moves on to the next; the last answer is final.
class ScriptedCredentials : public CredentialProvider {
 public:
  ScriptedCredentials(std::vector<Credentials> answers, std::shared_ptr<CredentialCalls> calls)
      : m_answers(std::move(answers)), m_calls(std::move(calls)) {}
  Result<Credentials> get() override {
    ++m_calls->gets;
    return m_answers[m_index];
  }
  bool invalidate() override {
    ++m_calls->invalidations;
    if (m_index + 1 >= m_answers.size()) {
      return false;
    }
    ++m_index;
    return true;
  }

 private:
  std::vector<Credentials> m_answers;
  std::size_t m_index = 0;
  std::shared_ptr<CredentialCalls> m_calls;
};

ClientConfig config_for(const ApiServer& server) {
  ClientConfig config;
  config.server = server.base_url();
  config.ca_pem = read_bytes(server.ca_path());
  config.namespace_name = "default";
  config.request_timeout = milliseconds(10'000);
  return config;
}

RestClient token_client(
    const ApiServer& server, ClientConfig config,
    std::shared_ptr<CredentialCalls> calls = std::make_shared<CredentialCalls>(),
    std::vector<std::string> tokens = {}) {
  std::vector<Credentials> answers;
  for (const std::string& token :
       tokens.empty() ? std::vector<std::string>{server.token()} : tokens) {
    answers.push_back(Credentials{token, {}, {}});
  }
  return RestClient(std::move(config),
                    std::make_unique<ScriptedCredentials>(std::move(answers), std::move(calls)));
}

RestClient token_client(const ApiServer& server) {
  return token_client(server, config_for(server));
}

// A throwaway CA the server's certificate was not signed by.
std::string other_ca_pem(const ApiServer& server) {
  const std::string key = server.dir() + "/other-ca.key";
  const std::string crt = server.dir() + "/other-ca.crt";
  const test::ProcessResult made = test::run_process(
      {"openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
       "-keyout", key, "-out", crt, "-days", "1", "-subj", "/CN=other-ca"});
  REQUIRE(made.exit_code == 0);
  return read_bytes(crt);
}

// Sends stderr (where meshdns::log writes) to a file while alive.
class StderrCapture {
 public:
  explicit StderrCapture(std::string path) : m_path(std::move(path)) {
    std::fflush(stderr);
    m_saved = dup(STDERR_FILENO);
    const int file = open(m_path.c_str(), O_CREAT | O_TRUNC | O_WRONLY, 0600);
    dup2(file, STDERR_FILENO);
    close(file);
  }
  ~StderrCapture() { restore(); }
  StderrCapture(const StderrCapture&) = delete;
  StderrCapture& operator=(const StderrCapture&) = delete;
  std::string finish() {
    restore();
    return read_bytes(m_path);
  }

 private:
  void restore() {
    if (m_saved >= 0) {
      std::fflush(stderr);
      dup2(m_saved, STDERR_FILENO);
      close(m_saved);
      m_saved = -1;
    }
  }
  std::string m_path;
  int m_saved = -1;
};

// The stand-in's /_standin/ controls, through a client of our own: the helper's way (a Python
// process per call) costs ~0.5 s on a busy machine, and these tests make dozens of calls.
json control(const ApiServer& server, Method method, const std::string& path,
             const json& body = nullptr) {
  static std::map<std::string, RestClient> clients;
  auto found = clients.find(server.base_url());
  if (found == clients.end()) {
    found = clients.emplace(server.base_url(), RestClient(config_for(server), nullptr)).first;
  }
  Request request{method, path, {}, {}};
  if (!body.is_null()) {
    request.body = body.dump();
    request.content_type = "application/json";
  }
  const Result<Response> response = found->second.perform(std::move(request));
  REQUIRE(response);
  return json::parse(response->body);
}

void reset(const ApiServer& server) {
  control(server, Method::post, "/_standin/reset", json::object());
}

void set_latency(const ApiServer& server, milliseconds latency) {
  control(server, Method::post, "/_standin/latency", {{"ms", latency.count()}});
}

void inject_fault(const ApiServer& server, const std::string& path_regex, int status, int count,
                  const std::string& method) {
  control(server, Method::post, "/_standin/faults",
          {{"path_regex", path_regex}, {"status", status}, {"count", count}, {"method", method}});
}

json logged_requests(const ApiServer& server) {
  return control(server, Method::get, "/_standin/requests")["requests"];
}

// Asked once: the check runs Python.
bool standin_available() {
  static const bool available = ApiServer::available();
  return available;
}

// One stand-in for every test here: starting one costs ~1.5 s (certificates, Python), and Catch2
// runs a TEST_CASE again from the top for each SECTION. Sections reset its faults and request log
// and use object names of their own.
const ApiServer& shared_server() {
  static const auto server = std::make_unique<ApiServer>();
  reset(*server);
  set_latency(*server, milliseconds(0));
  return *server;
}

const std::string k_default_ns = "/api/v1/namespaces/default";
const std::string k_configmaps = "/api/v1/namespaces/default/configmaps";

json config_map(const std::string& name, const std::string& value,
                const std::string& app = "rest") {
  return {{"apiVersion", "v1"},
          {"kind", "ConfigMap"},
          {"metadata", {{"name", name}, {"namespace", "default"}, {"labels", {{"app", app}}}}},
          {"data", {{"key", value}}}};
}

// Creates the ConfigMap and returns its path; the request log starts empty afterwards.
std::string fresh_config_map(const ApiServer& server, RestClient& client, const std::string& name) {
  REQUIRE(client.create(k_configmaps, config_map(name, "1")));
  reset(server);
  return k_configmaps + "/" + name;
}

TEST_CASE("kube::RestClient TLS and authentication", "[kube][rest_client][apiserver]") {
  MESHDNS_SKIP_UNLESS(standin_available(), "python3 with PyYAML or openssl missing");
  const ApiServer& server = shared_server();

  SECTION("bearer token over TLS verified with the cluster CA") {
    RestClient client = token_client(server);
    const Result<json> ns = client.get(k_default_ns);
    REQUIRE(ns);
    CHECK((*ns)["metadata"]["name"] == "default");
    const json log = logged_requests(server);
    REQUIRE(log.size() == 1);
    CHECK(log[0]["user"] == "meshdns-test");
    CHECK(log[0]["headers"]["Authorization"] == "<redacted>");
    CHECK(log[0]["headers"]["User-Agent"] == "kubectl-meshdns/0.1.0");
  }
  SECTION("client certificate") {
    ClientConfig config = config_for(server);
    Credentials certificate{
        {}, read_bytes(server.client_cert_path()), read_bytes(server.client_key_path())};
    RestClient client(config,
                      std::make_unique<ScriptedCredentials>(std::vector<Credentials>{certificate},
                                                            std::make_shared<CredentialCalls>()));
    REQUIRE(client.get(k_default_ns));
    const json log = logged_requests(server);
    REQUIRE(log.size() == 1);
    CHECK(log[0]["user"] == "meshdns-test");
    CHECK_FALSE(log[0]["headers"].contains("Authorization"));
  }
  SECTION("--insecure-skip-tls-verify without a CA") {
    ClientConfig config = config_for(server);
    config.ca_pem.clear();
    config.insecure_skip_tls_verify = true;
    RestClient client = token_client(server, config);
    CHECK(client.get(k_default_ns));
  }
  SECTION("tls-server-name: the name TLS checks instead of the URL's host") {
    struct Row {
      std::string tls_server_name;
      bool verifies;
    };
    for (const Row& row : {Row{"localhost", true}, Row{"not-in-the-certificate.example", false}}) {
      INFO(row.tls_server_name);
      ClientConfig config = config_for(server);
      config.tls_server_name = row.tls_server_name;
      RestClient client = token_client(server, config);
      const Result<json> ns = client.get(k_default_ns);
      CHECK(ns.has_value() == row.verifies);
      if (!ns) {
        CHECK(ns.error().code == Errc::network);
      }
    }
  }
  SECTION("a CA that did not sign the server's certificate: clear error, nothing sent") {
    reset(server);
    ClientConfig config = config_for(server);
    config.ca_pem = other_ca_pem(server);
    RestClient client = token_client(server, config);
    const Result<json> ns = client.get(k_default_ns);
    REQUIRE_FALSE(ns);
    CHECK(ns.error().code == Errc::network);
    CHECK(ns.error().what == "unable to connect to the server " + server.base_url() +
                                 ": its TLS certificate could not be verified");
    CHECK(ns.error().why.find("certificate") != std::string::npos);
    CHECK(logged_requests(server).empty());
  }
  SECTION("401: refreshed credentials are tried once") {
    auto calls = std::make_shared<CredentialCalls>();
    RestClient client =
        token_client(server, config_for(server), calls, {"expired-token", server.token()});
    CHECK(client.get(k_default_ns));
    CHECK(calls->invalidations == 1);
    CHECK(calls->gets == 2);
  }
  SECTION("401 with a static token: kubectl's message, no loop") {
    auto calls = std::make_shared<CredentialCalls>();
    RestClient client = token_client(server, config_for(server), calls, {"wrong-token"});
    const Result<json> ns = client.get(k_default_ns);
    REQUIRE_FALSE(ns);
    CHECK(ns.error().code == Errc::unauthorized);
    CHECK(ns.error().what == "You must be logged in to the server (Unauthorized)");
    CHECK(calls->invalidations == 1);
    CHECK(logged_requests(server).size() == 1);
  }
}

TEST_CASE("kube::RestClient never sends credentials over http://",
          "[kube][rest_client][apiserver]") {
  MESHDNS_SKIP_UNLESS(standin_available(), "python3 with PyYAML or openssl missing");
  test::ApiServerOptions options;
  options.plain_http = true;
  const ApiServer server(options);
  // client-go reads a server without a scheme and without TLS settings as http://.
  REQUIRE(server.base_url().rfind("http://", 0) == 0);
  for (const std::string& server_url : {server.base_url(), server.base_url().substr(7)}) {
    INFO(server_url);
    reset(server);
    ClientConfig config;
    config.server = server_url;
    auto calls = std::make_shared<CredentialCalls>();
    RestClient client = token_client(server, config, calls);
    CHECK(client.get("/version"));
    CHECK(calls->gets == 0);
    const json log = logged_requests(server);
    REQUIRE(log.size() == 1);
    CHECK_FALSE(log[0]["headers"].contains("Authorization"));
  }
}

TEST_CASE("kube::RestClient faults and retries", "[kube][rest_client][apiserver]") {
  MESHDNS_SKIP_UNLESS(standin_available(), "python3 with PyYAML or openssl missing");
  const ApiServer& server = shared_server();
  RestClient client = token_client(server);

  SECTION("500 then success on a GET is retried") {
    const std::string path = fresh_config_map(server, client, "get-after-500");
    inject_fault(server, "/configmaps/get-after-500$", 500, 1, "GET");
    const Result<json> got = client.get(path);
    REQUIRE(got);
    CHECK((*got)["data"]["key"] == "1");
    const json log = logged_requests(server);
    REQUIRE(log.size() == 2);
    CHECK(log[0]["status"] == 500);
    CHECK(log[1]["status"] == 200);
  }
  SECTION("500 on a PUT is not retried") {
    const std::string path = fresh_config_map(server, client, "put-500");
    json current = *client.get(path);
    current["data"]["key"] = "2";
    reset(server);
    inject_fault(server, "/configmaps/put-500$", 500, 1, "PUT");
    const Result<json> replaced = client.replace(path, current);
    REQUIRE_FALSE(replaced);
    CHECK(replaced.error().code == Errc::server);
    CHECK(replaced.error().what.rfind("Error from server (InternalError): ", 0) == 0);
    CHECK(logged_requests(server).size() == 1);
  }
  SECTION("a stale resourceVersion on PUT is a conflict") {
    const std::string path = fresh_config_map(server, client, "stale");
    const json read = *client.get(path);
    json first = read;
    first["data"]["key"] = "2";
    REQUIRE(client.replace(path, first));
    json stale = read;
    stale["data"]["key"] = "3";
    const Result<json> replaced = client.replace(path, stale);
    REQUIRE_FALSE(replaced);
    CHECK(replaced.error().code == Errc::conflict);
    CHECK(replaced.error().what.rfind("Error from server (Conflict): ", 0) == 0);
  }
  SECTION("a missing object is NotFound in kubectl's words") {
    const Result<json> missing = client.get(k_configmaps + "/nope");
    REQUIRE_FALSE(missing);
    CHECK(missing.error().code == Errc::not_found);
    CHECK(format_error(missing.error()) ==
          R"(Error from server (NotFound): configmaps "nope" not found)");
  }
  SECTION("503 twice then success within the policy") {
    const std::string path = fresh_config_map(server, client, "get-after-503");
    inject_fault(server, "/configmaps/get-after-503$", 503, 2, "GET");
    CHECK(client.get(path));
    CHECK(logged_requests(server).size() == 3);
  }
  SECTION("429 on a POST is retried") {
    inject_fault(server, "/configmaps$", 429, 1, "POST");
    CHECK(client.create(k_configmaps, config_map("after-429", "1")));
    CHECK(logged_requests(server).size() == 2);
  }
}

TEST_CASE("kube::RestClient writes", "[kube][rest_client][apiserver]") {
  MESHDNS_SKIP_UNLESS(standin_available(), "python3 with PyYAML or openssl missing");
  const ApiServer& server = shared_server();
  RestClient client = token_client(server);

  SECTION("server-side apply: fieldManager always, force only when asked") {
    const std::string path = k_configmaps + "/applied";
    REQUIRE(client.apply(path, config_map("applied", "ours").dump()));
    ApplyOptions theirs;
    theirs.field_manager = "someone-else";
    const Result<json> conflicting =
        client.apply(path, config_map("applied", "theirs").dump(), theirs);
    REQUIRE_FALSE(conflicting);
    CHECK(conflicting.error().code == Errc::conflict);
    theirs.force = Force::yes;
    const Result<json> forced = client.apply(path, config_map("applied", "theirs").dump(), theirs);
    REQUIRE(forced);
    CHECK((*forced)["data"]["key"] == "theirs");
    const json log = logged_requests(server);
    REQUIRE(log.size() == 3);
    CHECK(log[0]["query"]["fieldManager"] == json::array({"kubectl-meshdns"}));
    CHECK_FALSE(log[0]["query"].contains("force"));
    CHECK(log[0]["headers"]["Content-Type"] == "application/apply-patch+yaml");
    CHECK(log[2]["query"]["force"] == json::array({"true"}));
  }
  SECTION("YAML bodies apply too") {
    const std::string yaml =
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: from-yaml\n  namespace: default\n"
        "data:\n  key: from-yaml\n";
    const Result<json> applied = client.apply(k_configmaps + "/from-yaml", yaml);
    REQUIRE(applied);
    CHECK((*applied)["data"]["key"] == "from-yaml");
  }
  SECTION("dry-run sends dryRun=All and stores nothing") {
    REQUIRE(client.create(k_configmaps, config_map("dry", "1"), DryRun::yes));
    REQUIRE(client.apply(k_configmaps + "/dry-applied", config_map("dry-applied", "1").dump(),
                         ApplyOptions{"m", Force::no, DryRun::yes}));
    const json log = logged_requests(server);
    REQUIRE(log.size() == 2);
    for (const json& entry : log) {
      INFO(entry.dump());
      CHECK(entry["query"]["dryRun"] == json::array({"All"}));
    }
    CHECK(client.get(k_configmaps + "/dry").error().code == Errc::not_found);
    CHECK(client.get(k_configmaps + "/dry-applied").error().code == Errc::not_found);
  }
  SECTION("merge patch and delete") {
    const std::string path = fresh_config_map(server, client, "patched");
    const Result<json> patched = client.merge_patch(path, {{"data", {{"other", "2"}}}});
    REQUIRE(patched);
    CHECK((*patched)["data"] == json({{"key", "1"}, {"other", "2"}}));
    REQUIRE(client.remove(path));
    CHECK(client.get(path).error().code == Errc::not_found);
  }
  SECTION("discovery of the versions a group serves") {
    const Result<GroupVersions> istio = client.served_versions("networking.istio.io");
    REQUIRE(istio);
    CHECK(istio->versions == std::vector<std::string>{"v1", "v1beta1", "v1alpha3"});
    CHECK(istio->preferred == "v1");
    const Result<GroupVersions> core = client.served_versions("");
    REQUIRE(core);
    CHECK(core->versions == std::vector<std::string>{"v1"});
    CHECK(client.served_versions("no.such.group").error().code == Errc::not_found);
  }
}

TEST_CASE("kube::RestClient network failures", "[kube][rest_client]") {
  SECTION("a closed port fails at once, naming the server") {
    ClientConfig config;
    config.server = "https://127.0.0.1:" + std::to_string(test::free_tcp_port());
    config.request_timeout = milliseconds(3'000);
    RestClient client(config, nullptr);
    const auto started = std::chrono::steady_clock::now();
    const Result<json> got = client.get("/version");
    const auto took = std::chrono::steady_clock::now() - started;
    REQUIRE_FALSE(got);
    CHECK(got.error().code == Errc::network);
    CHECK(got.error().what == "unable to connect to the server " + config.server);
    CHECK(took < milliseconds(3'000));
  }
  SECTION("a server slower than --request-timeout") {
    MESHDNS_SKIP_UNLESS(standin_available(), "python3 with PyYAML or openssl missing");
    const ApiServer& server = shared_server();
    set_latency(server, milliseconds(2'000));
    ClientConfig config = config_for(server);
    config.request_timeout = milliseconds(300);
    RestClient client = token_client(server, config);
    const auto started = std::chrono::steady_clock::now();
    const Result<json> got = client.get(k_default_ns);
    const auto took = std::chrono::steady_clock::now() - started;
    REQUIRE_FALSE(got);
    CHECK(got.error().code == Errc::network);
    CHECK(got.error().what == "no answer from the server " + server.base_url() + " within 300 ms");
    CHECK(took < milliseconds(1'500));
  }
  SECTION("a bad server URL is a configuration error") {
    for (const std::string server : {"ftp://127.0.0.1", "https://127.0.0.1:99999", "https://"}) {
      INFO(server);
      ClientConfig config;
      config.server = server;
      RestClient client(config, nullptr);
      CHECK(client.get("/version").error().code == Errc::config);
    }
  }
}

TEST_CASE("kube::RestClient::perform_all", "[kube][rest_client][apiserver]") {
  MESHDNS_SKIP_UNLESS(standin_available(), "python3 with PyYAML or openssl missing");
  const ApiServer& server = shared_server();
  RestClient client = token_client(server);

  std::vector<Request> applies;
  for (int i = 0; i < 200; ++i) {
    const std::string name = "cm-" + std::to_string(i);
    applies.push_back(apply_request(k_configmaps + "/" + name,
                                    config_map(name, std::to_string(i), "bulk").dump()));
  }
  const std::vector<Result<Response>> results = client.perform_all(std::move(applies), 16);
  REQUIRE(results.size() == 200);
  for (std::size_t i = 0; i < results.size(); ++i) {
    INFO(i);
    REQUIRE(results[i]);
    CHECK(json::parse(results[i]->body)["metadata"]["name"] == "cm-" + std::to_string(i));
  }
  const Result<json> listed = client.list(k_configmaps, "app=bulk");
  REQUIRE(listed);
  CHECK((*listed)["items"].size() == 200);

  // With 100 ms of server latency, one at a time takes at least 100 ms a request; many at once
  // take a fraction of that (the margin is wide: the machine may be busy).
  set_latency(server, milliseconds(100));
  const auto timed = [&](std::size_t count, std::size_t max_in_flight) {
    const auto started = std::chrono::steady_clock::now();
    for (const Result<Response>& answer : client.perform_all(
             std::vector<Request>(count, get_request(k_default_ns)), max_in_flight)) {
      CHECK(answer);
    }
    return std::chrono::steady_clock::now() - started;
  };
  CHECK(timed(5, 1) >= milliseconds(500));
  CHECK(timed(20, 20) < milliseconds(1'500));
  set_latency(server, milliseconds(0));

  // Failures stay with their own request.
  std::vector<Request> mixed{get_request(k_configmaps + "/cm-1"),
                             get_request(k_configmaps + "/none"),
                             get_request(k_configmaps + "/cm-2")};
  const std::vector<Result<Response>> answers = client.perform_all(std::move(mixed), 0);
  REQUIRE(answers.size() == 3);
  CHECK(answers[0]);
  CHECK(answers[1].error().code == Errc::not_found);
  CHECK(answers[2]);
}

TEST_CASE("kube::RestClient logging", "[kube][rest_client][apiserver]") {
  MESHDNS_SKIP_UNLESS(standin_available(), "python3 with PyYAML or openssl missing");
  const ApiServer& server = shared_server();
  RestClient client = token_client(server);
  struct Row {
    int verbosity;
    bool bodies;
  };
  for (const Row& row : {Row{6, false}, Row{8, true}}) {
    INFO("-v " << row.verbosity);
    StderrCapture capture(server.dir() + "/stderr.txt");
    log::set_verbosity(row.verbosity);
    const Result<json> ns = client.get(k_default_ns);
    log::set_verbosity(0);
    const std::string text = capture.finish();
    INFO(text);
    CHECK(ns);
    CHECK(text.find("GET " + server.base_url() + k_default_ns + " 200 OK in ") !=
          std::string::npos);
    CHECK(text.find(server.token()) == std::string::npos);
    CHECK((text.find("Response Body: {") != std::string::npos) == row.bodies);
    CHECK((text.find("Authorization: Bearer <masked>") != std::string::npos) == row.bodies);
  }
}

}  // namespace
}  // namespace meshdns::kube

namespace meshdns::kube {
namespace {

// A server process for one test: started with posix_spawn, stopped and reaped at scope exit.
class BackgroundProcess {
 public:
  explicit BackgroundProcess(const std::vector<std::string>& argv) {
    std::vector<char*> args;
    for (const std::string& arg : argv) {
      args.push_back(const_cast<char*>(arg.c_str()));
    }
    args.push_back(nullptr);
    REQUIRE(posix_spawn(&m_pid, args[0], nullptr, nullptr, args.data(), environ) == 0);
  }
  ~BackgroundProcess() {
    kill(m_pid, SIGTERM);
    waitpid(m_pid, nullptr, 0);
  }
  BackgroundProcess(const BackgroundProcess&) = delete;
  BackgroundProcess& operator=(const BackgroundProcess&) = delete;

 private:
  pid_t m_pid = -1;
};

TEST_CASE("kube::RestClient multiplexes requests over HTTP/2", "[kube][rest_client]") {
  const std::string node = test::find_program("node");
  MESHDNS_SKIP_UNLESS(!node.empty(), "node (Debian's nodejs) is not installed");
  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("meshdns-h2-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  const std::string cert = dir / "server.crt";
  const std::string key = dir / "server.key";
  const std::string port_file = dir / "port";
  REQUIRE(
      test::run_process({"openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                         "ec_paramgen_curve:P-256", "-nodes", "-keyout", key, "-out", cert, "-days",
                         "1", "-subj", "/CN=h2-test", "-addext", "subjectAltName=IP:127.0.0.1"})
          .exit_code == 0);
  {
    const BackgroundProcess server(
        {node, std::string(MESHDNS_SOURCE_DIR) + "/test/kube/h2_server.js", cert, key, port_file});
    for (int i = 0; i < 200 && !std::filesystem::exists(port_file); ++i) {
      std::this_thread::sleep_for(milliseconds(50));
    }
    REQUIRE(std::filesystem::exists(port_file));

    ClientConfig config;
    config.server = "https://127.0.0.1:" + read_bytes(port_file);
    config.ca_pem = read_bytes(cert);
    config.request_timeout = milliseconds(10'000);
    RestClient client(config, nullptr);
    const std::vector<Result<Response>> results =
        client.perform_all(std::vector<Request>(100, get_request("/object")), 64);
    for (const Result<Response>& result : results) {
      REQUIRE(result);
      CHECK(json::parse(result->body)["httpVersion"] == "2.0");
    }
    // Every stream on one TLS connection, the /stats request included.
    const Result<json> stats = client.get("/stats");
    REQUIRE(stats);
    CHECK((*stats)["sessions"] == 1);
    CHECK((*stats)["streams"] == 100);
  }
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace meshdns::kube
