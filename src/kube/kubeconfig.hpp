#pragma once

// The kubeconfig model as client-go holds it after loading (clientcmdapi.Config): named clusters,
// users and contexts, each remembering the file that defined it. Private to src/kube.

#include <meshdns/kube/client_config.hpp>
#include <meshdns/result.hpp>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace meshdns::kube {

// Paths are absolute (resolved against the folder of `defined_in`); *-data fields are decoded PEM.
struct ClusterEntry {
  std::string server;
  std::string certificate_authority;
  std::string certificate_authority_data;
  std::string tls_server_name;
  std::string proxy_url;
  bool insecure_skip_tls_verify = false;
  std::string defined_in;
};

struct UserEntry {
  std::string token;
  std::string token_file;
  std::string client_certificate;
  std::string client_certificate_data;
  std::string client_key;
  std::string client_key_data;
  bool basic_auth = false;    // username/password: kubectl still sends it; we refuse it
  std::string auth_provider;  // name of a legacy auth-provider (gcp, azure, oidc); empty: none
  std::optional<ExecConfig> exec;
  std::string defined_in;
};

struct ContextEntry {
  std::string cluster;
  std::string user;
  std::string namespace_name;
  std::string defined_in;
};

struct Kubeconfig {
  std::map<std::string, ClusterEntry> clusters;
  std::map<std::string, UserEntry> users;
  std::map<std::string, ContextEntry> contexts;
  std::string current_context;
  std::vector<std::string> files;  // the files that were read, in precedence order (for messages)

  bool empty() const {
    return clusters.empty() && users.empty() && contexts.empty() && current_context.empty();
  }
};

// Parses the text of one kubeconfig file read from `path`. Relative paths inside it resolve against
// the absolute folder of `path`, as client-go's ResolveLocalPaths does. Empty text is an empty
// config.
Result<Kubeconfig> parse_kubeconfig(const std::string& text, const std::string& path);

// client-go's merge: the first file that defines a named cluster, user or context provides the
// whole entry (no field-by-field merging); the first non-empty current-context wins.
Kubeconfig merge_kubeconfigs(const std::vector<Kubeconfig>& files);

// Which files to read, in precedence order: --kubeconfig alone; else the KUBECONFIG list (':'
// separated, empty entries dropped, duplicates removed, first occurrence kept) when the variable is
// non-empty; else $HOME/.kube/config.
struct KubeconfigSources {
  std::vector<std::string> files;
  bool explicit_file = false;  // from --kubeconfig: must exist
};
KubeconfigSources kubeconfig_sources(const KubeFlags& flags, const Environment& environment);

// Reads and merges the sources. A missing --kubeconfig file is an error (kubectl: "stat X: no such
// file or directory"); missing files of the list are skipped; an unreadable or invalid one is an
// error naming it.
Result<Kubeconfig> load_kubeconfigs(const KubeFlags& flags, const Environment& environment);

}  // namespace meshdns::kube
