#include "cli/version_cluster.hpp"

#include "cli/dns_snapshot.hpp"
#include "cli/object_source.hpp"

#include <meshdns/cluster_dns/coredns_release.hpp>
#include <meshdns/corefile/version.hpp>
#include <meshdns/kube/requests.hpp>
#include <meshdns/kube/rest_client.hpp>
#include <meshdns/manifest/json_fields.hpp>
#include <meshdns/text.hpp>

#include <nlohmann/json.hpp>

#include <memory>
#include <string_view>
#include <vector>

namespace meshdns::cli {
namespace {

struct Lookup {
  kube::ResourceRef ref;
  std::string_view container;  // the container whose image carries the version
};

// In the order the requests are sent.
enum Index : std::size_t {
  k_version,
  k_kube_dns,
  k_istiocoredns,
  k_istiod,
  k_istio_pilot,
};

std::vector<kube::Request> requests() {
  using kube::resource_path;
  return {
      kube::get_request("/version"),
      kube::get_request(resource_path({"apps", "v1", "deployments", "kube-system", "coredns"})),
      kube::get_request(
          resource_path({"apps", "v1", "deployments", "istio-system", "istiocoredns"})),
      kube::get_request(resource_path({"apps", "v1", "deployments", "istio-system", "istiod"})),
      kube::get_request(
          resource_path({"apps", "v1", "deployments", "istio-system", "istio-pilot"})),
  };
}

// The image of the container called `name`, else of the first container (istiod's "discovery";
// CoreDNS's container follows cluster_dns::coredns_image).
std::string image_of(const nlohmann::json& deployment, std::string_view name) {
  const auto pointer = "/spec/template/spec/containers"_json_pointer;
  if (!deployment.contains(pointer) || !deployment.at(pointer).is_array()) {
    return {};
  }
  const nlohmann::json& containers = deployment.at(pointer);
  for (const nlohmann::json& container : containers) {
    if (manifest::string_field(container, "name") == name) {
      return manifest::string_field(container, "image");
    }
  }
  return containers.empty() ? std::string() : manifest::string_field(containers.front(), "image");
}

// The tag of an image reference: "docker.io/istio/pilot:1.20.3" -> "1.20.3".
std::string tag_of(std::string_view image) {
  const std::size_t slash = image.rfind('/');
  const std::size_t colon = image.rfind(':');
  if (image.find('@') != std::string_view::npos || colon == std::string_view::npos ||
      (slash != std::string_view::npos && colon < slash)) {
    return {};
  }
  return std::string(image.substr(colon + 1));
}

class Answers {
 public:
  Answers(const std::vector<kube::Request>& sent, std::vector<Result<kube::Response>> answers)
      : m_sent(sent), m_answers(std::move(answers)) {}

  // The object, or nullopt with the reason in `note`.
  std::optional<nlohmann::json> object(std::size_t index, std::string_view what,
                                       std::string& note) const {
    const Result<kube::Response>& answer = m_answers[index];
    if (!answer) {
      note = answer.error().code == Errc::not_found ? cat("no ", what)
                                                    : cat("unknown: ", answer.error().what);
      return std::nullopt;
    }
    Result<nlohmann::json> body = kube::parse_json_body(m_sent[index], *answer);
    if (!body) {
      note = cat("unknown: ", body.error().what);
      return std::nullopt;
    }
    return std::move(*body);
  }

  const Result<kube::Response>& raw(std::size_t index) const { return m_answers[index]; }

 private:
  const std::vector<kube::Request>& m_sent;
  std::vector<Result<kube::Response>> m_answers;
};

FoundVersion coredns_version(const Answers& answers, std::size_t index, std::string_view what) {
  FoundVersion found;
  const std::optional<nlohmann::json> deployment = answers.object(index, what, found.note);
  if (!deployment) {
    return found;
  }
  const std::string image = cluster_dns::coredns_image(*deployment);
  const Result<corefile::Version> version = corefile::version_from_image(image);
  if (version) {
    found.version = version->str();
  } else {
    found.note = cat("unknown (image ", image.empty() ? "<none>" : image, ")");
  }
  return found;
}

FoundVersion istio_version(const Answers& answers) {
  FoundVersion found;
  std::optional<nlohmann::json> deployment =
      answers.object(k_istiod, "Deployment istio-system/istiod", found.note);
  if (!deployment) {
    std::string pilot_note;
    deployment = answers.object(k_istio_pilot, "Deployment istio-system/istio-pilot", pilot_note);
    if (!deployment) {
      return found;  // the istiod note says why
    }
  }
  const std::string image = image_of(*deployment, "discovery");
  const std::string tag = tag_of(image);
  if (tag.empty()) {
    found.note = cat("unknown (image ", image.empty() ? "<none>" : image, ")");
  } else {
    found.version = tag;
    found.note.clear();
  }
  return found;
}

}  // namespace

Result<ClusterVersions> read_cluster_versions(kube::RestClient& client) {
  const std::vector<kube::Request> sent = requests();
  const Answers answers(sent, client.perform_all(sent));

  if (!answers.raw(k_version)) {
    return answers.raw(k_version).error();
  }
  Result<nlohmann::json> version = kube::parse_json_body(sent[k_version], *answers.raw(k_version));
  if (!version) {
    return std::move(version).error();
  }
  // A server's answer is checked for its shape before it is read: json::value() throws on null,
  // an array or a number (type_error.306/302), which main could only report as an internal error.
  const auto git_version = version->is_object() ? version->find("gitVersion") : version->end();
  if (!version->is_object() || (git_version != version->end() && !git_version->is_string())) {
    return fail(Errc::server, "the server's answer to GET /version is not a version",
                version->is_object() ? "its gitVersion is not a string" : "it is not a JSON object",
                "check that --server points at a Kubernetes API server");
  }
  ClusterVersions out;
  out.kubernetes = git_version != version->end() ? git_version->get<std::string>() : "unknown";
  out.kube_dns_coredns = coredns_version(answers, k_kube_dns, "Deployment kube-system/coredns");
  out.istiocoredns_coredns =
      coredns_version(answers, k_istiocoredns, "Deployment istio-system/istiocoredns");
  out.istio = istio_version(answers);

  const std::unique_ptr<ObjectSource> source = make_api_source(client);
  Result<cluster_dns::Snapshot> snapshot = read_dns_snapshot(*source);
  out.backend = snapshot ? cluster_dns::choose_backend(*snapshot, cluster_dns::Backend::automatic)
                         : Result<cluster_dns::BackendChoice>(snapshot.error());
  return out;
}

}  // namespace meshdns::cli
