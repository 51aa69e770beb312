// Finding and merging kubeconfig files as client-go's ClientConfigLoadingRules.Load does.

#include "kube/kubeconfig.hpp"
#include "kube/read_file.hpp"

#include <meshdns/text.hpp>

#include <sys/stat.h>

#include <cerrno>
#include <set>

namespace meshdns::kube {
namespace {

// Go's error text for a failed syscall on a path: "stat /x: no such file or directory".
std::string path_error(const char* operation, const std::string& path, int error_number) {
  return cat(operation, ' ', path, ": ", errno_text(error_number));
}

enum class FileState : std::uint8_t { read, missing, failed };

FileState read_file(const std::string& path, std::string& text, std::string& problem) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) {
    if (errno == ENOENT || errno == ENOTDIR) {
      return FileState::missing;
    }
    problem = path_error("stat", path, errno);
    return FileState::failed;
  }
  if (S_ISDIR(info.st_mode)) {  // an ifstream opens a folder and reads nothing; kubectl's words
    problem = path_error("read", path, EISDIR);
    return FileState::failed;
  }
  Result<std::string> contents = read_whole_file(path);
  if (!contents) {
    problem = contents.error().what;
    return FileState::failed;
  }
  text = std::move(contents).value();
  return FileState::read;
}

}  // namespace

Kubeconfig merge_kubeconfigs(const std::vector<Kubeconfig>& files) {
  Kubeconfig merged;
  for (const Kubeconfig& file : files) {
    // emplace keeps an existing entry: the earlier file wins the whole entry.
    merged.clusters.insert(file.clusters.begin(), file.clusters.end());
    merged.users.insert(file.users.begin(), file.users.end());
    merged.contexts.insert(file.contexts.begin(), file.contexts.end());
    if (merged.current_context.empty()) {
      merged.current_context = file.current_context;
    }
    merged.files.insert(merged.files.end(), file.files.begin(), file.files.end());
  }
  return merged;
}

KubeconfigSources kubeconfig_sources(const KubeFlags& flags, const Environment& environment) {
  KubeconfigSources sources;
  if (flags.kubeconfig && !flags.kubeconfig->empty()) {
    sources.files.push_back(*flags.kubeconfig);
    sources.explicit_file = true;
    return sources;
  }
  const std::string list = environment.variable("KUBECONFIG");
  if (!list.empty()) {
    std::set<std::string_view> seen;
    for (const std::string_view entry : split(list, ':')) {
      if (!entry.empty() && seen.insert(entry).second) {
        sources.files.emplace_back(entry);
      }
    }
    return sources;
  }
  const std::string home = environment.variable("HOME");
  if (!home.empty()) {
    sources.files.push_back(cat(home, "/.kube/config"));
  }
  return sources;
}

Result<Kubeconfig> load_kubeconfigs(const KubeFlags& flags, const Environment& environment) {
  const KubeconfigSources sources = kubeconfig_sources(flags, environment);
  std::vector<Kubeconfig> loaded;
  for (const std::string& path : sources.files) {
    std::string text;
    std::string problem;
    switch (read_file(path, text, problem)) {
      case FileState::missing:
        if (sources.explicit_file) {
          return fail(
              Errc::config, path_error("stat", path, ENOENT),
              "the file given with --kubeconfig does not exist",
              "check the path, or leave out --kubeconfig to use KUBECONFIG or ~/.kube/config");
        }
        continue;
      case FileState::failed:
        return fail(Errc::config, cat("error loading config file \"", path, "\""), problem,
                    ends_with(problem, errno_text(EISDIR))
                        ? "name the kubeconfig file itself, e.g. " + path + "/config"
                        : "make the file readable or leave it out");
      case FileState::read:
        break;
    }
    Result<Kubeconfig> parsed = parse_kubeconfig(text, path);
    if (!parsed) {
      return std::move(parsed).error();
    }
    loaded.push_back(std::move(parsed).value());
  }
  return merge_kubeconfigs(loaded);
}

}  // namespace meshdns::kube
