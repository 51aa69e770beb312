// One kubeconfig file's text -> the model, as client-go's LoadFromFile + ResolveLocalPaths do.

#include "kube/base64.hpp"
#include "kube/kubeconfig.hpp"

#include <meshdns/text.hpp>

#include <yaml-cpp/yaml.h>

#include <filesystem>

namespace meshdns::kube {
namespace {

// yaml-cpp reports shape errors by throwing; this file catches them at the one entry point and
// turns them into the error kubectl prints for a file it cannot load.
struct ShapeError {
  std::string message;
};

std::string text_of(const YAML::Node& node, const char* key) {
  const YAML::Node value = node[key];
  if (!value || value.IsNull()) {
    return {};
  }
  if (!value.IsScalar()) {
    throw ShapeError{cat("field \"", key, "\" must be a string")};
  }
  return value.Scalar();
}

bool flag_of(const YAML::Node& node, const char* key) {
  const YAML::Node value = node[key];
  if (!value || value.IsNull()) {
    return false;
  }
  bool result = false;
  if (!value.IsScalar() || !YAML::convert<bool>::decode(value, result)) {
    throw ShapeError{cat("field \"", key, "\" must be true or false")};
  }
  return result;
}

std::string data_of(const YAML::Node& node, const char* key) {
  const std::string encoded = text_of(node, key);
  Result<std::string> decoded = base64_decode(encoded);
  if (!decoded) {
    throw ShapeError{cat("field \"", key, "\": ", decoded.error().what)};
  }
  return std::move(decoded).value();
}

// ResolvePaths: a relative path joins the absolute folder of the file that holds it.
std::string resolve(const std::string& path, const std::filesystem::path& folder) {
  if (path.empty() || std::filesystem::path(path).is_absolute()) {
    return path;
  }
  return (folder / path).lexically_normal().string();
}

ExecConfig exec_of(const YAML::Node& node, const std::filesystem::path& folder) {
  ExecConfig exec;
  exec.api_version = text_of(node, "apiVersion");
  exec.command = text_of(node, "command");
  // Only a command with a path separator is a file next to the kubeconfig; a bare name goes
  // through PATH (GetAuthInfoFileReferences).
  if (exec.command.find('/') != std::string::npos) {
    exec.command = resolve(exec.command, folder);
  }
  if (const YAML::Node args = node["args"]; args && !args.IsNull()) {
    if (!args.IsSequence()) {
      throw ShapeError{"field \"exec.args\" must be a list"};
    }
    for (const YAML::Node& arg : args) {
      exec.args.push_back(arg.as<std::string>());
    }
  }
  if (const YAML::Node env = node["env"]; env && !env.IsNull()) {
    if (!env.IsSequence()) {
      throw ShapeError{"field \"exec.env\" must be a list"};
    }
    for (const YAML::Node& variable : env) {
      exec.env.emplace_back(text_of(variable, "name"), text_of(variable, "value"));
    }
  }
  exec.interactive_mode = text_of(node, "interactiveMode");
  // SetDefaults_ExecConfig: the older API versions default to IfAvailable; v1 must say.
  if (exec.interactive_mode.empty() && exec.api_version == "client.authentication.k8s.io/v1beta1") {
    exec.interactive_mode = "IfAvailable";
  }
  exec.provide_cluster_info = flag_of(node, "provideClusterInfo");
  exec.install_hint = text_of(node, "installHint");
  return exec;
}

ClusterEntry cluster_of(const YAML::Node& node, const std::filesystem::path& folder) {
  ClusterEntry cluster;
  cluster.server = text_of(node, "server");
  cluster.certificate_authority = resolve(text_of(node, "certificate-authority"), folder);
  cluster.certificate_authority_data = data_of(node, "certificate-authority-data");
  cluster.tls_server_name = text_of(node, "tls-server-name");
  cluster.proxy_url = text_of(node, "proxy-url");
  cluster.insecure_skip_tls_verify = flag_of(node, "insecure-skip-tls-verify");
  return cluster;
}

UserEntry user_of(const YAML::Node& node, const std::filesystem::path& folder) {
  UserEntry user;
  user.token = text_of(node, "token");
  user.token_file = resolve(text_of(node, "tokenFile"), folder);
  user.client_certificate = resolve(text_of(node, "client-certificate"), folder);
  user.client_certificate_data = data_of(node, "client-certificate-data");
  user.client_key = resolve(text_of(node, "client-key"), folder);
  user.client_key_data = data_of(node, "client-key-data");
  user.basic_auth = !text_of(node, "username").empty() || !text_of(node, "password").empty();
  if (const YAML::Node provider = node["auth-provider"]; provider && !provider.IsNull()) {
    user.auth_provider = text_of(provider, "name");
    if (user.auth_provider.empty()) {
      user.auth_provider = "unnamed";
    }
  }
  if (const YAML::Node exec = node["exec"]; exec && !exec.IsNull()) {
    user.exec = exec_of(exec, folder);
  }
  return user;
}

ContextEntry context_of(const YAML::Node& node) {
  ContextEntry context;
  context.cluster = text_of(node, "cluster");
  context.user = text_of(node, "user");
  context.namespace_name = text_of(node, "namespace");
  return context;
}

// clusters/users/contexts are lists of {name, <kind>}; a name twice in one file is an error in
// client-go's conversion ("duplicate name").
template <typename Entry, typename Convert>
void read_named_list(const YAML::Node& root, const char* list, const char* kind,
                     std::map<std::string, Entry>& out, const std::string& path, Convert convert) {
  const YAML::Node items = root[list];
  if (!items || items.IsNull()) {
    return;
  }
  if (!items.IsSequence()) {
    throw ShapeError{cat("field \"", list, "\" must be a list")};
  }
  for (const YAML::Node& item : items) {
    if (!item.IsMap()) {
      throw ShapeError{cat("each entry of \"", list, "\" must be a map")};
    }
    const std::string name = text_of(item, "name");
    const YAML::Node body = item[kind];
    Entry entry = body && body.IsMap() ? convert(body) : Entry{};
    entry.defined_in = path;
    if (!out.emplace(name, std::move(entry)).second) {
      throw ShapeError{cat("duplicate name \"", name, "\" in ", list)};
    }
  }
}

}  // namespace

Result<Kubeconfig> parse_kubeconfig(const std::string& text, const std::string& path) {
  const std::filesystem::path folder =
      std::filesystem::absolute(std::filesystem::path(path)).parent_path();
  Kubeconfig config;
  config.files.push_back(path);
  try {
    const YAML::Node root = YAML::Load(text);
    if (!root || root.IsNull()) {
      return config;
    }
    if (!root.IsMap()) {
      throw ShapeError{"the document must be a map"};
    }
    read_named_list(root, "clusters", "cluster", config.clusters, path,
                    [&](const YAML::Node& node) { return cluster_of(node, folder); });
    read_named_list(root, "users", "user", config.users, path,
                    [&](const YAML::Node& node) { return user_of(node, folder); });
    read_named_list(root, "contexts", "context", config.contexts, path,
                    [](const YAML::Node& node) { return context_of(node); });
    config.current_context = text_of(root, "current-context");
  } catch (const ShapeError& error) {
    return fail(Errc::config, cat("error loading config file \"", path, "\""), error.message,
                "fix the file or leave it out of KUBECONFIG/--kubeconfig");
  } catch (const YAML::Exception& error) {
    return fail(Errc::config, cat("error loading config file \"", path, "\""), error.what(),
                "fix the YAML or leave the file out of KUBECONFIG/--kubeconfig");
  }
  return config;
}

}  // namespace meshdns::kube
