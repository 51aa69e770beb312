#include <meshdns/manifest/resource_kinds.hpp>

#include <algorithm>
#include <charconv>
#include <tuple>

namespace meshdns::manifest {
namespace {

// What the commands read: the workload objects, the DNS configuration of kube-dns and istiocoredns,
// OpenShift's DNS operator, the service range, and CRDs (for the versions a manifest set serves).
constexpr ResourceKind k_table[] = {
    {"", "namespaces", "Namespace", false},
    {"", "services", "Service", true},
    {"", "configmaps", "ConfigMap", true},
    {"apps", "deployments", "Deployment", true},
    {"apps", "daemonsets", "DaemonSet", true},
    {"networking.istio.io", "serviceentries", "ServiceEntry", true},
    {"networking.istio.io", "virtualservices", "VirtualService", true},
    {"operator.openshift.io", "dnses", "DNS", false},
    {"networking.k8s.io", "servicecidrs", "ServiceCIDR", false},
    {"apiextensions.k8s.io", "customresourcedefinitions", "CustomResourceDefinition", false},
};

struct KnownGroup {
  std::string_view group;
  std::vector<std::string_view> versions;  // newest first
};

const std::vector<KnownGroup>& known_groups() {
  static const std::vector<KnownGroup> groups = {
      {"", {"v1"}},
      {"apps", {"v1"}},
      {"networking.istio.io", {"v1", "v1beta1", "v1alpha3"}},
      {"operator.openshift.io", {"v1"}},
      {"networking.k8s.io", {"v1", "v1beta1"}},
      {"apiextensions.k8s.io", {"v1"}},
  };
  return groups;
}

// v<major>[alpha|beta<minor>]: stability 2 GA, 1 beta, 0 alpha; -1 for anything else.
struct VersionRank {
  int stability = -1;
  long major = 0;
  long minor = 0;
};

bool read_number(std::string_view text, long& number) {
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
  return error == std::errc{} && end == text.data() + text.size() && !text.empty();
}

VersionRank rank(std::string_view version) {
  VersionRank out;
  if (version.size() < 2 || version.front() != 'v') {
    return out;
  }
  std::string_view rest = version.substr(1);
  const std::size_t letters = rest.find_first_not_of("0123456789");
  if (letters == std::string_view::npos) {
    if (read_number(rest, out.major)) {
      out.stability = 2;
    }
    return out;
  }
  if (!read_number(rest.substr(0, letters), out.major)) {
    return out;
  }
  rest = rest.substr(letters);
  for (const auto& [word, stability] :
       {std::pair{std::string_view("beta"), 1}, std::pair{std::string_view("alpha"), 0}}) {
    if (rest.substr(0, word.size()) == word && read_number(rest.substr(word.size()), out.minor)) {
      out.stability = stability;
    }
  }
  return out;
}

}  // namespace

const ResourceKind* find_resource(std::string_view group, std::string_view resource) {
  for (const auto& entry : k_table) {
    if (entry.group == group && entry.resource == resource) {
      return &entry;
    }
  }
  return nullptr;
}

const ResourceKind* find_kind(std::string_view group, std::string_view kind) {
  for (const auto& entry : k_table) {
    if (entry.group == group && entry.kind == kind) {
      return &entry;
    }
  }
  return nullptr;
}

std::string_view api_group(std::string_view api_version) {
  const std::size_t slash = api_version.find('/');
  return slash == std::string_view::npos ? std::string_view() : api_version.substr(0, slash);
}

std::string_view api_version_of(std::string_view api_version) {
  const std::size_t slash = api_version.find('/');
  return slash == std::string_view::npos ? api_version : api_version.substr(slash + 1);
}

void sort_by_version_priority(std::vector<std::string>& versions) {
  std::sort(versions.begin(), versions.end(), [](const std::string& a, const std::string& b) {
    const VersionRank ra = rank(a);
    const VersionRank rb = rank(b);
    if (ra.stability == -1 || rb.stability == -1) {
      // Known forms first; unknown ones alphabetically after them.
      return std::tuple(ra.stability == -1, a) < std::tuple(rb.stability == -1, b);
    }
    return std::tuple(ra.stability, ra.major, ra.minor) >
           std::tuple(rb.stability, rb.major, rb.minor);
  });
  versions.erase(std::unique(versions.begin(), versions.end()), versions.end());
}

std::vector<std::string> known_versions(std::string_view group) {
  for (const auto& known : known_groups()) {
    if (known.group == group) {
      return {known.versions.begin(), known.versions.end()};
    }
  }
  return {};
}

}  // namespace meshdns::manifest
