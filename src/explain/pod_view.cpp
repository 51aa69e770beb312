#include "explain/hops.hpp"

#include <meshdns/text.hpp>

#include <algorithm>

namespace meshdns::explain {

std::vector<std::string> search_expansions(const std::string& name,
                                           const std::string& pod_namespace,
                                           const std::string& cluster_domain, int ndots) {
  const auto dots = static_cast<int>(std::count(name.begin(), name.end(), '.'));
  const std::vector<std::string> search = {cat(pod_namespace, ".svc.", cluster_domain),
                                           cat("svc.", cluster_domain), cluster_domain};
  std::vector<std::string> out;
  if (dots < ndots) {
    for (const std::string& domain : search) {
      out.push_back(cat(name, ".", domain));
    }
  }
  out.push_back(name);
  return out;
}

namespace {

// "a.b.svc.cluster.local" names Service a in namespace b: the kubernetes plugin answers it.
const ServiceFacts* service_named_by(const Input& input, const std::string& expansion) {
  const std::string suffix = cat(".svc.", input.cluster_domain);
  if (!ends_with(expansion, suffix)) {
    return nullptr;
  }
  const std::vector<std::string_view> labels =
      split(std::string_view(expansion).substr(0, expansion.size() - suffix.size()), '.');
  if (labels.size() != 2) {
    return nullptr;
  }
  const auto found =
      std::find_if(input.services.begin(), input.services.end(), [&](const ServiceFacts& service) {
        return service.name == labels[0] && service.namespace_name == labels[1];
      });
  return found == input.services.end() ? nullptr : &*found;
}

}  // namespace

bool pod_view(const Input& input, const std::string& name, std::vector<Hop>& hops) {
  const std::vector<std::string> asked =
      search_expansions(name, input.pod_namespace, input.cluster_domain, input.ndots);
  const std::string object = cat("pod in namespace ", input.pod_namespace);
  if (asked.size() == 1) {
    hops.push_back({"pod", object, 0, Verdict::ok,
                    cat(name, " has ndots:", input.ndots, " dots or more: asked as it is"), ""});
    return true;
  }
  for (std::size_t i = 0; i + 1 < asked.size(); ++i) {
    if (const ServiceFacts* trap = service_named_by(input, asked[i])) {
      hops.push_back({"pod", object, 0, Verdict::broken,
                      cat(name, " has fewer than ", input.ndots, " dots, so a pod asks ", asked[i],
                          " first, and Service ", trap->namespace_name, "/", trap->name,
                          " answers it: pods reach that Service, never the alias"),
                      cat("ask for \"", name,
                          ".\" (a trailing dot skips the search list), or pick an alias "
                          "whose second label is no namespace's name")});
      return false;
    }
  }
  std::vector<std::string> first(asked.begin(), asked.end() - 1);
  hops.push_back({"pod", object, 0, Verdict::ok,
                  cat(name, " has fewer than ", input.ndots, " dots: a pod asks ",
                      join(first, ", "), " first (NXDOMAIN: no such Service), then ", name),
                  ""});
  return true;
}

}  // namespace meshdns::explain
