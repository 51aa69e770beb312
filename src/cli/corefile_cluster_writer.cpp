#include "cli/corefile_cluster_writer.hpp"

#include "cli/rbac_hint.hpp"

#include <meshdns/cluster_dns/backup.hpp>
#include <meshdns/kube/rest_client.hpp>
#include <meshdns/manifest/json_fields.hpp>
#include <meshdns/text.hpp>

#include <chrono>
#include <ctime>

namespace meshdns::cli {
namespace {

kube::ResourceRef collection_of(kube::ResourceRef ref) {
  ref.name.clear();
  return ref;
}

}  // namespace

Result<nlohmann::json> ClusterWriter::write(const kube::ResourceRef& ref,
                                            const std::optional<nlohmann::json>& before,
                                            const nlohmann::json& after) {
  nlohmann::json body = after;
  if (before) {
    // The write must be conditional on what was read, whatever the plan copied into `after`.
    const std::string version = manifest::resource_version_of(*before);
    if (!version.empty()) {
      body["metadata"]["resourceVersion"] = version;
    }
  } else if (body.contains("metadata") && body["metadata"].is_object()) {
    body["metadata"].erase("resourceVersion");
  }
  if (m_mode == DryRunMode::client) {
    return body;
  }
  if (!before) {
    return m_client.create(kube::resource_path(collection_of(ref)), body, server_dry_run(m_mode));
  }
  return m_client.replace(kube::resource_path(ref), body, server_dry_run(m_mode));
}

Result<void> ClusterWriter::save_backup(const cluster_dns::Write& write_to_save) {
  if (m_mode == DryRunMode::client) {
    return {};
  }
  using cluster_dns::k_backup_name;
  const kube::ResourceRef where =
      cluster_dns::backup_ref(cluster_dns::backup_namespace(write_to_save.ref));
  Result<nlohmann::json> existing = m_client.get(kube::resource_path(where));
  std::optional<nlohmann::json> current;
  if (existing) {
    current = std::move(*existing);
  } else if (is_denied(existing.error())) {
    return explain_denied(
        where, "get",
        cat("saving the previous state in configmap ", where.namespace_name, '/', k_backup_name),
        std::move(existing).error());
  } else if (existing.error().code != Errc::not_found) {
    return std::move(existing).error();
  }
  const nlohmann::json backup = cluster_dns::with_saved_state(current, write_to_save);
  Result<nlohmann::json> written = write(where, current, backup);
  if (!written) {
    Error error = std::move(written).error();
    if (is_denied(error)) {
      return explain_denied(
          where, current ? "update" : "create",
          cat("saving the previous state in configmap ", where.namespace_name, '/', k_backup_name),
          std::move(error));
    }
    if (error.code != Errc::conflict) {
      error.why = cat("saving the previous state in configmap ", where.namespace_name, '/',
                      k_backup_name, " failed");
    }
    return error;
  }
  return {};
}

Result<void> ClusterWriter::remove(const kube::ResourceRef& ref,
                                   const std::string& resource_version) {
  if (m_mode == DryRunMode::client) {
    return {};
  }
  kube::Request request = kube::delete_request(kube::resource_path(ref), server_dry_run(m_mode));
  // DeleteOptions.preconditions: the server refuses (409) when the object changed since.
  request.body = nlohmann::json({{"apiVersion", "v1"},
                                 {"kind", "DeleteOptions"},
                                 {"preconditions", {{"resourceVersion", resource_version}}}})
                     .dump();
  request.content_type = "application/json";
  Result<kube::Response> response = m_client.perform(std::move(request));
  if (!response) {
    return std::move(response).error();
  }
  return {};
}

Result<void> ClusterWriter::restart(const kube::ResourceRef& workload, const std::string& now) {
  if (m_mode == DryRunMode::client) {
    return {};
  }
  const nlohmann::json patch = {
      {"spec",
       {{"template",
         {{"metadata", {{"annotations", {{"kubectl.kubernetes.io/restartedAt", now}}}}}}}}}};
  Result<nlohmann::json> patched =
      m_client.merge_patch(kube::resource_path(workload), patch, server_dry_run(m_mode));
  if (!patched) {
    return std::move(patched).error();
  }
  return {};
}

std::string rfc3339_now() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[32] = {};
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

}  // namespace meshdns::cli
