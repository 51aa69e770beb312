#include "cli/verify_replicas.hpp"

#include "cli/session.hpp"

#include <meshdns/kube/endpoints.hpp>
#include <meshdns/kube/rest_client.hpp>
#include <meshdns/text.hpp>
#include <meshdns/verify/judge.hpp>

namespace meshdns::cli {
namespace {

// Where kube-dns lives on every platform this tool patches (kubeadm, EKS, AKS, k3s, RKE2, GKE):
// the Service keeps the historical name whatever runs behind it.
constexpr const char* k_dns_namespace = "kube-system";
constexpr const char* k_dns_service = "kube-dns";
constexpr std::uint16_t k_dns_port = 53;

std::string label_of(const kube::PodPort& pod) {
  return cat(pod.namespace_name, "/", pod.pod);
}

Result<std::vector<kube::PodPort>> targets(kube::RestClient& client, const VerifyOptions& options) {
  if (options.pods.empty()) {
    return kube::ready_service_pods(client, k_dns_namespace, k_dns_service, k_dns_port);
  }
  std::vector<kube::PodPort> pods;
  for (const std::string& text : options.pods) {
    auto pod = parse_pod(text, client.config().namespace_name,
                         static_cast<std::uint16_t>(options.pod_port));
    if (!pod) {
      return std::move(pod).error();
    }
    pods.push_back(std::move(*pod));
  }
  return pods;
}

}  // namespace

Result<kube::PodPort> parse_pod(std::string_view text, const std::string& default_namespace,
                                std::uint16_t port) {
  const std::vector<std::string_view> parts = split(text, '/');
  const bool valid =
      (parts.size() == 1 || parts.size() == 2) &&
      std::all_of(parts.begin(), parts.end(), [](std::string_view part) { return !part.empty(); });
  if (!valid) {
    return fail(Errc::usage, cat("invalid --pod \"", text, "\""), "it is not NAMESPACE/NAME",
                "give e.g. --pod shop/web-7d4b9c-x2k8p");
  }
  if (parts.size() == 1) {
    return kube::PodPort{default_namespace, std::string(parts[0]), port};
  }
  return kube::PodPort{std::string(parts[0]), std::string(parts[1]), port};
}

Result<std::unique_ptr<ReplicaChecker>> ReplicaChecker::open(Session& session,
                                                             const VerifyOptions& options,
                                                             const dns::ResolverOptions& resolver) {
  auto client = session.kube();
  if (!client) {
    return std::move(client).error();
  }
  auto pods = targets(**client, options);
  if (!pods) {
    return std::move(pods).error();
  }
  auto checker = std::unique_ptr<ReplicaChecker>(new ReplicaChecker());
  for (kube::PodPort& pod : *pods) {
    Replica replica;
    replica.label = label_of(pod);
    auto forward = kube::PortForward::open(**client, std::move(pod));
    if (!forward) {
      return std::move(forward).error();
    }
    replica.forward = std::move(*forward);
    dns::ResolverOptions over_forward = resolver;
    over_forward.open_stream = [forward = replica.forward.get()] { return forward->take_stream(); };
    auto created = dns::Resolver::create(over_forward);
    if (!created) {
      return std::move(created).error();
    }
    replica.resolver = std::make_unique<dns::Resolver>(std::move(*created));
    checker->m_replicas.push_back(std::move(replica));
  }
  return checker;
}

std::vector<std::string> ReplicaChecker::labels() const {
  std::vector<std::string> labels;
  labels.reserve(m_replicas.size());
  for (const Replica& replica : m_replicas) {
    labels.push_back(replica.label);
  }
  return labels;
}

std::vector<verify::NameResult> ReplicaChecker::check(
    const std::vector<const verify::Expectation*>& batch) {
  std::vector<verify::NameResult> results(batch.size());
  for (Replica& replica : m_replicas) {
    std::vector<std::size_t> mine;
    std::vector<dns::Question> questions;
    for (std::size_t i = 0; i < batch.size(); ++i) {
      if (batch[i]->replica == replica.label) {
        mine.push_back(i);
        questions.push_back({batch[i]->name, dns::RecordType::a});
        questions.push_back({batch[i]->name, dns::RecordType::aaaa});
      }
    }
    if (mine.empty()) {
      continue;
    }
    const std::vector<dns::Answer> answers = replica.resolver->resolve(questions);
    const std::string failure = replica.forward->take_failure();
    for (std::size_t j = 0; j < mine.size(); ++j) {
      verify::NameResult result =
          verify::judge(*batch[mine[j]], answers[2 * j], answers[2 * j + 1]);
      if (!failure.empty() &&
          (result.status == verify::Status::timeout || result.status == verify::Status::error)) {
        result.status = verify::Status::error;
        result.detail = failure;
      }
      results[mine[j]] = std::move(result);
    }
  }
  return results;
}

}  // namespace meshdns::cli
