// `kubectl meshdns scaffold NAME`: build the Namespace, Deployment, Service and VirtualService
// (meshdns::manifest::build_workload), then print them (--from-manifests, --dry-run=client) or
// server-side apply them in that order, each after the one it needs, stopping at the first
// failure.

#include "cli/scaffold_run.hpp"

#include "cli/apply_common.hpp"
#include "cli/dry_run.hpp"
#include "cli/scaffold_cluster_ip.hpp"
#include "cli/session.hpp"

#include <meshdns/kube/requests.hpp>
#include <meshdns/kube/rest_client.hpp>
#include <meshdns/manifest/names.hpp>
#include <meshdns/manifest/resource_amounts.hpp>
#include <meshdns/manifest/resource_kinds.hpp>
#include <meshdns/manifest/service.hpp>
#include <meshdns/manifest/service_range.hpp>
#include <meshdns/manifest/workload.hpp>
#include <meshdns/text.hpp>

#include <nlohmann/json.hpp>

#include <iostream>
#include <utility>

namespace meshdns::cli {
namespace {

// Enough for a busy low end of the range that the user cannot list (other namespaces' Services).
constexpr int k_max_address_attempts = 16;

Result<manifest::WorkloadOptions> workload_options(const ScaffoldOptions& options,
                                                   const std::string& namespace_name) {
  if (options.image.empty()) {
    return fail(Errc::usage, "scaffold needs --image", "the Deployment runs that container image",
                "e.g. --image istiosuccinctly/fruits-api:1.0.0");
  }
  manifest::WorkloadOptions workload;
  workload.app = options.name;
  workload.namespace_name = namespace_name;
  workload.image = options.image;
  workload.container_port = options.port;
  workload.port_name = options.port_name;
  workload.version = options.version;
  workload.replicas = options.replicas;
  if (!options.limits.empty()) {
    auto limits = manifest::parse_resource_amounts(options.limits, workload.limits, "--limits");
    if (!limits) {
      return std::move(limits).error();
    }
    workload.limits = *limits;
  }
  if (!options.requests.empty()) {
    auto requests =
        manifest::parse_resource_amounts(options.requests, workload.requests, "--requests");
    if (!requests) {
      return std::move(requests).error();
    }
    workload.requests = *requests;
  }
  if (options.cluster_ip != "auto") {
    if (auto checked = manifest::check_cluster_ip(options.cluster_ip); !checked) {
      return std::move(checked).error();
    }
    workload.cluster_ip = options.cluster_ip;
  }
  if (!options.service_cidr.empty()) {
    if (auto range = manifest::parse_ipv4_range(options.service_cidr, "--service-cidr"); !range) {
      return std::move(range).error();
    }
  }
  if (!options.api_version.empty()) {
    auto version = manifest::parse_istio_api_version(options.api_version);
    if (!version) {
      return std::move(version).error();
    }
    workload.api_version = *version;
  }
  // Every flag checked before the first request: a typo never leaves half a workload behind.
  if (auto built = manifest::build_workload(workload); !built) {
    return std::move(built).error();
  }
  return workload;
}

// Where an object lives and how kubectl names it: "deployment.apps/x".
struct Target {
  kube::ResourceRef ref;
  std::string display;
};

Target target_of(const manifest::Object& object) {
  const std::string api_version = object["apiVersion"].get<std::string>();
  const std::string kind = object["kind"].get<std::string>();
  const std::string group(manifest::api_group(api_version));
  const manifest::ResourceKind* known = manifest::find_kind(group, kind);
  Target target;
  target.ref.group = group;
  target.ref.version = std::string(manifest::api_version_of(api_version));
  target.ref.resource = known != nullptr ? std::string(known->resource) : cat(to_lower(kind), 's');
  target.ref.name = object["metadata"]["name"].get<std::string>();
  if (known == nullptr || known->namespaced) {
    target.ref.namespace_name = object["metadata"].value("namespace", "");
  }
  target.display = group.empty() ? cat(to_lower(kind), '/', target.ref.name)
                                 : cat(to_lower(kind), '.', group, '/', target.ref.name);
  return target;
}

bool is_service(const manifest::Object& object) {
  return object["kind"] == "Service";
}

class Applier {
 public:
  Applier(kube::RestClient& client, const ScaffoldOptions& options)
      : m_client(client), m_mode(parse_dry_run(options.dry_run)), m_output(options.output) {
    m_apply.force = options.force ? kube::Force::yes : kube::Force::no;
    m_apply.dry_run = server_dry_run(m_mode);
  }

  Result<nlohmann::json> apply(const manifest::Object& object) {
    const Target target = target_of(object);
    Result<nlohmann::json> applied =
        m_client.apply(kube::resource_path(target.ref), object.dump(), m_apply);
    if (applied && m_output.empty()) {
      std::cout << target.display << " serverside-applied" << dry_run_suffix(m_mode) << '\n'
                << std::flush;
    }
    return applied;
  }

 private:
  kube::RestClient& m_client;
  DryRunMode m_mode;
  std::string m_output;
  kube::ApplyOptions m_apply;
};

// The Service, moved on to the next free address while the API server says "already allocated"
// (another client took it, or it is in a namespace the user cannot list).
Result<nlohmann::json> apply_service(Applier& applier, manifest::Object service,
                                     ClusterIpPicker* picker) {
  for (int attempt = 1;; ++attempt) {
    Result<nlohmann::json> applied = applier.apply(service);
    if (applied || picker == nullptr || !manifest::is_already_allocated(applied.error().what) ||
        attempt == k_max_address_attempts) {
      return applied;
    }
    Result<std::string> next = picker->next();
    if (!next) {
      return std::move(next).error();
    }
    std::cerr << "cluster IP " << service["spec"]["clusterIP"].get<std::string>()
              << " is taken, trying " << *next << '\n';
    service["spec"]["clusterIP"] = *next;
  }
}

// A server dry run stores nothing, so a namespace that does not exist yet is still missing when
// the objects inside it are checked, as with kubectl apply --dry-run=server.
Error explain_missing_namespace(Error error, const ScaffoldOptions& options,
                                const manifest::Object& object) {
  const std::string namespace_name = object["metadata"].value("namespace", "");
  if (parse_dry_run(options.dry_run) == DryRunMode::server && error.code == Errc::not_found &&
      error.what.find(cat("namespaces \"", namespace_name, "\" not found")) != std::string::npos) {
    error.why = "a server dry run stores nothing, so the new namespace does not exist for it";
    error.fix = cat("create the namespace first (kubectl create namespace ", namespace_name,
                    "), or use --dry-run=client");
  }
  return error;
}

Result<void> apply_all(kube::RestClient& client, const ScaffoldOptions& options,
                       const std::vector<manifest::Object>& objects, ClusterIpPicker* picker) {
  Applier applier(client, options);
  std::vector<manifest::Object> printed;
  for (const manifest::Object& object : objects) {
    Result<nlohmann::json> applied =
        is_service(object) ? apply_service(applier, object, picker) : applier.apply(object);
    if (!applied) {
      return explain_missing_namespace(std::move(applied).error(), options, object);
    }
    // -o prints what the server made of each object, as kubectl apply -o does.
    printed.push_back(manifest::Object::parse(applied->dump()));
  }
  if (!options.output.empty()) {
    std::cout << render_objects(printed, options.output);
  }
  return {};
}

}  // namespace

Result<void> run_scaffold(Session& session, const ScaffoldOptions& options) {
  // Flags first: nothing is read or sent for a command line that cannot work.
  const std::string flag_namespace = session.options().kube.namespace_name.value_or("default");
  if (auto checked = workload_options(options, flag_namespace); !checked) {
    return std::move(checked).error();
  }
  Result<ApplyContext> context = open_apply_context(session, options.from_manifests);
  if (!context) {
    return std::move(context).error();
  }
  Result<manifest::WorkloadOptions> workload = workload_options(options, context->namespace_name);
  if (!workload) {
    return std::move(workload).error();
  }
  if (options.api_version.empty()) {
    Result<manifest::IstioApiVersion> version = choose_service_entry_version(*context->source, "");
    if (!version) {
      return std::move(version).error();
    }
    workload->api_version = *version;
  }
  const bool print_only =
      context->source->offline() || parse_dry_run(options.dry_run) == DryRunMode::client;

  std::optional<ClusterIpPicker> picker;
  if (options.cluster_ip == "auto") {
    Result<ClusterIpPicker> opened =
        ClusterIpPicker::open(*context->source, context->client, options.service_cidr,
                              workload->namespace_name, manifest::service_name(workload->app));
    if (!opened) {
      return std::move(opened).error();
    }
    picker = std::move(*opened);
    workload->cluster_ip = picker->address();
  }
  Result<std::vector<manifest::Object>> objects = manifest::build_workload(*workload);
  if (!objects) {
    return std::move(objects).error();
  }
  if (print_only) {
    // Nothing is sent, so only the objects tell what would happen: YAML unless -o says json.
    std::cout << render_objects(*objects, options.output.empty() ? "yaml" : options.output);
    return {};
  }
  return apply_all(*context->client, options, *objects, picker ? &*picker : nullptr);
}

}  // namespace meshdns::cli
