#pragma once

// What the commands that server-side apply objects (alias, scaffold) share: where they read
// from and which namespace they work in, the ServiceEntry version they write, and -o yaml|json.

#include "cli/object_source.hpp"

#include <meshdns/manifest/object.hpp>
#include <meshdns/result.hpp>

#include <memory>
#include <string>
#include <vector>

namespace meshdns::kube {
class RestClient;
}

namespace meshdns::cli {

class Session;

// Where a command reads from, and the namespace it works in.
struct ApplyContext {
  std::unique_ptr<ObjectSource> source;
  kube::RestClient* client = nullptr;  // null with --from-manifests: nothing is sent
  std::string namespace_name;
};

// The API server (kubeconfig and flags, no request yet) or, with `from_manifests`, those files;
// then the namespace is -n or "default", since no kubeconfig is needed offline.
Result<ApplyContext> open_apply_context(Session& session, const std::string& from_manifests);

// `flag` (--api-version) when given, else the newest ServiceEntry version the source serves.
Result<manifest::IstioApiVersion> choose_service_entry_version(ObjectSource& source,
                                                               const std::string& flag);
// The same from the versions already read (Snapshot::istio_versions).
Result<manifest::IstioApiVersion> choose_service_entry_version(
    const std::vector<std::string>& served, const std::string& flag);

// -o yaml: documents separated by "---"; -o json: one object, or a v1 List of several.
std::string render_objects(const std::vector<manifest::Object>& objects, const std::string& output);

}  // namespace meshdns::cli
