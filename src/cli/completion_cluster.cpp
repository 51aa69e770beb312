#include "cli/completion_cluster.hpp"

#include "cli/completion_walk.hpp"

#include <meshdns/kube/client_config.hpp>
#include <meshdns/kube/credentials.hpp>
#include <meshdns/kube/requests.hpp>
#include <meshdns/kube/rest_client.hpp>
#include <meshdns/manifest/json_fields.hpp>
#include <meshdns/manifest/object.hpp>
#include <meshdns/text.hpp>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace meshdns::cli {
namespace {

constexpr const char* k_completion_timeout = "1s";

// The root's kubectl flags found on the command line, as the session would have read them.
kube::KubeFlags kube_flags_of(CLI::App& root, const CommandLineWalk& walk) {
  kube::KubeFlags flags;
  const auto global = root.get_options();
  for (const GivenOption& given : walk.given) {
    if (std::find(global.begin(), global.end(), given.option) == global.end() ||
        given.option->get_lnames().empty()) {
      continue;  // a subcommand's own option (verify's --server is a DNS server)
    }
    const std::string& name = given.option->get_lnames().front();
    const std::optional<std::string> value = given.value;
    if (name == "kubeconfig") {
      flags.kubeconfig = value;
    } else if (name == "context") {
      flags.context = value;
    } else if (name == "cluster") {
      flags.cluster = value;
    } else if (name == "user") {
      flags.user = value;
    } else if (name == "namespace") {
      flags.namespace_name = value;
    } else if (name == "server") {
      flags.server = value;
    } else if (name == "token") {
      flags.token = value;
    } else if (name == "certificate-authority") {
      flags.certificate_authority = value;
    } else if (name == "tls-server-name") {
      flags.tls_server_name = value;
    } else if (name == "request-timeout") {
      flags.request_timeout = value;
    } else if (name == "insecure-skip-tls-verify") {
      flags.insecure_skip_tls_verify = given.value != "false";
    }
  }
  if (!flags.request_timeout || *flags.request_timeout == "0" || flags.request_timeout->empty()) {
    flags.request_timeout = k_completion_timeout;
  }
  return flags;
}

bool all_namespaces(const CommandLineWalk& walk) {
  return std::any_of(walk.given.begin(), walk.given.end(), [](const GivenOption& given) {
    const auto& names = given.option->get_lnames();
    return std::find(names.begin(), names.end(), "all-namespaces") != names.end();
  });
}

const nlohmann::json& items_of(const nlohmann::json& list) {
  static const nlohmann::json k_none = nlohmann::json::array();
  const auto items = list.find("items");
  return items != list.end() && items->is_array() ? *items : k_none;
}

std::vector<Candidate> sorted(std::vector<Candidate> candidates) {
  std::sort(candidates.begin(), candidates.end(),
            [](const Candidate& a, const Candidate& b) { return a.value < b.value; });
  candidates.erase(
      std::unique(candidates.begin(), candidates.end(),
                  [](const Candidate& a, const Candidate& b) { return a.value == b.value; }),
      candidates.end());
  return candidates;
}

class ClusterSource final : public CompletionSource {
 public:
  ClusterSource(kube::ClientConfig config, bool all_namespaces)
      : m_namespace(config.namespace_name), m_all_namespaces(all_namespaces) {
    auto credentials = kube::make_credential_provider(config);
    m_client.emplace(std::move(config), std::move(credentials));
  }

  std::vector<Candidate> namespaces() override {
    std::vector<Candidate> out;
    const Result<nlohmann::json> list = m_client->list("/api/v1/namespaces");
    if (list) {
      for (const nlohmann::json& item : items_of(*list)) {
        out.push_back({manifest::name_of(item), ""});
      }
    }
    return sorted(std::move(out));
  }

  std::vector<Candidate> services() override {
    std::vector<Candidate> out;
    const Result<nlohmann::json> list =
        m_client->list(kube::resource_path({"", "v1", "services", m_namespace, ""}));
    if (list) {
      for (const nlohmann::json& item : items_of(*list)) {
        const std::string ip = manifest::string_at(item, "/spec/clusterIP"_json_pointer);
        out.push_back({manifest::name_of(item),
                       ip == "None" || ip.empty() ? "headless Service" : cat("Service, ", ip)});
      }
    }
    return sorted(std::move(out));
  }

  // Every served ServiceEntry version is asked at once (no discovery round trip first): the
  // newest that answers wins.
  std::vector<Candidate> managed_aliases() override {
    const std::string selector = cat(manifest::k_managed_by_key, '=', manifest::k_managed_by_value);
    const std::string scope = m_all_namespaces ? std::string() : m_namespace;
    std::vector<kube::Request> requests;
    for (const char* version : {"v1", "v1beta1", "v1alpha3"}) {
      requests.push_back(kube::list_request(
          kube::resource_path({"networking.istio.io", version, "serviceentries", scope, ""}),
          selector));
    }
    const std::vector<kube::Request> sent = requests;
    std::vector<Result<kube::Response>> answers = m_client->perform_all(std::move(requests));
    std::vector<Candidate> out;
    for (std::size_t i = 0; i < answers.size(); ++i) {
      if (!answers[i]) {
        continue;
      }
      const Result<nlohmann::json> list = kube::parse_json_body(sent[i], *answers[i]);
      if (!list) {
        continue;
      }
      for (const nlohmann::json& item : items_of(*list)) {
        const std::string owner =
            cat("ServiceEntry ", manifest::namespace_of(item), '/', manifest::name_of(item));
        const nlohmann::json hosts = item.contains("/spec/hosts"_json_pointer)
                                         ? item.at("/spec/hosts"_json_pointer)
                                         : nlohmann::json::array();
        for (const nlohmann::json& host : hosts) {
          if (host.is_string()) {
            out.push_back({host.get<std::string>(), owner});
          }
        }
      }
      break;
    }
    return sorted(std::move(out));
  }

 private:
  std::string m_namespace;
  bool m_all_namespaces;
  std::optional<kube::RestClient> m_client;
};

// No cluster configured (or a broken kubeconfig): nothing to offer, and nothing to say about it.
class NoCluster final : public CompletionSource {
 public:
  std::vector<Candidate> namespaces() override { return {}; }
  std::vector<Candidate> services() override { return {}; }
  std::vector<Candidate> managed_aliases() override { return {}; }
};

}  // namespace

std::unique_ptr<CompletionSource> make_cluster_source(CLI::App& root, const CommandLineWalk& walk) {
  Result<kube::ClientConfig> config =
      kube::load_client_config(kube_flags_of(root, walk), kube::Environment::from_process());
  if (!config) {
    return std::make_unique<NoCluster>();
  }
  return std::make_unique<ClusterSource>(std::move(*config), all_namespaces(walk));
}

}  // namespace meshdns::cli
