#pragma once

// Builds the requests of the typed REST calls: where an object lives (paths for core and group,
// namespaced and cluster-scoped resources) and which verb, query and content type each call uses.
// Pure: no I/O, so callers can batch them through RestClient::perform_all.

#include <meshdns/kube/http.hpp>
#include <meshdns/result.hpp>

#include <nlohmann/json_fwd.hpp>

#include <string>
#include <string_view>

namespace meshdns::kube {

// A resource collection or one object in it. An empty group is the core ("legacy") group served
// under /api; an empty namespace_name means cluster-scoped; an empty name means the collection.
struct ResourceRef {
  std::string group;     // "", "apps", "networking.istio.io"
  std::string version;   // "v1", "v1beta1"
  std::string resource;  // the plural, lower-case: "services", "virtualservices"
  std::string namespace_name;
  std::string name;
};

// /api/v1/namespaces/default/services/web, /apis/apps/v1/deployments,
// /api/v1/namespaces/kube-system
std::string resource_path(const ResourceRef& ref);

// Percent-encodes a query value the way Go's url.QueryEscape does (a space becomes '+').
std::string query_escape(std::string_view value);

// path + "?" or "&" + key=escaped(value).
std::string with_query(std::string_view path, std::string_view key, std::string_view value);

enum class DryRun : bool { no, yes };  // yes: dryRun=All, the server validates and stores nothing
enum class Force : bool { no, yes };   // yes: take fields owned by other managers (force=true)

struct ApplyOptions {
  std::string field_manager = "kubectl-meshdns";
  Force force = Force::no;
  DryRun dry_run = DryRun::no;
};

Request get_request(std::string_view path);
Request list_request(std::string_view path, std::string_view label_selector = {});
Request create_request(std::string_view collection_path, const nlohmann::json& object,
                       DryRun dry_run = DryRun::no);
// Server-side apply: PATCH with application/apply-patch+yaml; JSON is YAML, so either body works.
Request apply_request(std::string_view object_path, std::string_view yaml_or_json,
                      const ApplyOptions& options = {});
// PUT guarded by the object's metadata.resourceVersion; refuses (Errc::refused) an object without
// one, since an unconditional replace could silently undo someone else's change.
Result<Request> replace_request(std::string_view object_path, const nlohmann::json& object,
                                DryRun dry_run = DryRun::no);
Request merge_patch_request(std::string_view object_path, const nlohmann::json& patch,
                            DryRun dry_run = DryRun::no);
Request delete_request(std::string_view object_path, DryRun dry_run = DryRun::no);

}  // namespace meshdns::kube
