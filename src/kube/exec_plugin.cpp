#include "kube/exec_plugin.hpp"

#include "kube/read_file.hpp"

#include <meshdns/text.hpp>

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <vector>

extern char** environ;

namespace meshdns::kube {
namespace {

constexpr const char* k_plugin_docs =
    "https://kubernetes.io/docs/reference/access-authn-authz/authentication/"
    "#client-go-credential-plugins";

// An installHint may span lines; SPEC §4 errors are one line.
std::string one_line(std::string_view text) {
  std::string out;
  for (const char c : trim(text)) {
    out.push_back(c == '\n' || c == '\r' ? ' ' : c);
  }
  return out;
}

std::string hint_or(const ExecConfig& exec, std::string fallback) {
  return exec.install_hint.empty() ? fallback : one_line(exec.install_hint);
}

bool is_executable_file(const std::string& path) {
  struct stat info {};
  return ::stat(path.c_str(), &info) == 0 && S_ISREG(info.st_mode) &&
         ::access(path.c_str(), X_OK) == 0;
}

// exec.LookPath: a name with a '/' is used as is; otherwise the first executable file on PATH.
std::string look_path(const std::string& command) {
  if (command.find('/') != std::string::npos) {
    return is_executable_file(command) ? command : std::string();
  }
  const char* path = std::getenv("PATH");
  for (const std::string_view folder : split(path != nullptr ? path : "", ':')) {
    const std::string candidate =
        cat(folder.empty() ? std::string_view(".") : folder, '/', command);
    if (is_executable_file(candidate)) {
      return candidate;
    }
  }
  return {};
}

// os.Environ() + exec.env + KUBERNETES_EXEC_INFO, a later entry replacing an earlier one of the
// same name, as Go's exec.Cmd does.
std::vector<std::string> plugin_environment(const ExecConfig& exec, const std::string& exec_info) {
  std::vector<std::string> entries;
  auto set = [&entries](const std::string& name, const std::string& value) {
    const std::string prefix = cat(name, '=');
    std::erase_if(entries, [&](const std::string& entry) { return starts_with(entry, prefix); });
    entries.push_back(cat(prefix, value));
  };
  for (char** entry = environ; *entry != nullptr; ++entry) {
    entries.emplace_back(*entry);
  }
  for (const auto& [name, value] : exec.env) {
    set(name, value);
  }
  set("KUBERNETES_EXEC_INFO", exec_info);
  return entries;
}

std::vector<char*> c_strings(std::vector<std::string>& strings) {
  std::vector<char*> out;
  for (std::string& text : strings) {
    out.push_back(text.data());
  }
  out.push_back(nullptr);
  return out;
}

// In the child, before execve: the plugin gets 0-2 only, as under kubectl (Go's exec.Cmd passes
// nothing else). Whatever else is open without close-on-exec (the API server's sockets, curl's
// socket pair, a library's pipe) would otherwise be the plugin's to read and write. Marked
// close-on-exec rather than closed, so `report` (itself close-on-exec) can still carry a failed
// execve's errno. Async-signal-safe: no allocation between fork and execve.
void keep_only_standard_descriptors(int report) {
  if (::close_range(3, ~0U, CLOSE_RANGE_CLOEXEC) == 0) {
    return;
  }
  // Kernels before 5.11: every descriptor up to the limit, one by one.
  struct rlimit limit {};
  const rlim_t last = ::getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY
                          ? limit.rlim_cur
                          : 65536;
  for (rlim_t fd = 3; fd < last && fd < 1U << 20U; ++fd) {
    if (static_cast<int>(fd) != report) {
      ::close(static_cast<int>(fd));
    }
  }
}

struct PluginRun {
  int exit_code = 0;
  int exec_errno = 0;  // execve failed in the child
  std::string output;
};

Result<PluginRun> spawn(const std::string& program, const ExecConfig& exec, std::string exec_info,
                        bool interactive) {
  std::vector<std::string> argv{program};
  argv.insert(argv.end(), exec.args.begin(), exec.args.end());
  std::vector<std::string> envp = plugin_environment(exec, exec_info);
  std::vector<char*> argv_c = c_strings(argv);
  std::vector<char*> envp_c = c_strings(envp);

  int output_pipe[2];
  int errno_pipe[2];  // the child reports a failed execve here; closed by a successful one
  if (::pipe2(output_pipe, O_CLOEXEC) != 0 || ::pipe2(errno_pipe, O_CLOEXEC) != 0) {
    return fail(Errc::config, cat("exec: pipe: ", errno_text(errno)));
  }
  const pid_t pid = ::fork();
  if (pid < 0) {
    return fail(Errc::config, cat("exec: fork: ", errno_text(errno)));
  }
  if (pid == 0) {
    if (!interactive) {
      const int null = ::open("/dev/null", O_RDONLY);
      ::dup2(null, STDIN_FILENO);
    }
    ::dup2(output_pipe[1], STDOUT_FILENO);
    keep_only_standard_descriptors(errno_pipe[1]);
    ::execve(program.c_str(), argv_c.data(), envp_c.data());
    const int error_number = errno;
    [[maybe_unused]] const ssize_t ignored =
        ::write(errno_pipe[1], &error_number, sizeof error_number);
    ::_exit(127);
  }
  ::close(output_pipe[1]);
  ::close(errno_pipe[1]);
  PluginRun run;
  char buffer[16384];
  for (;;) {
    const ssize_t count = ::read(output_pipe[0], buffer, sizeof buffer);
    if (count > 0) {
      run.output.append(buffer, static_cast<std::size_t>(count));
    } else if (count == 0 || errno != EINTR) {
      break;
    }
  }
  ::close(output_pipe[0]);
  if (::read(errno_pipe[0], &run.exec_errno, sizeof run.exec_errno) != sizeof run.exec_errno) {
    run.exec_errno = 0;
  }
  ::close(errno_pipe[0]);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return run;
}

}  // namespace

Result<ExecCredentialStatus> run_exec_plugin(const ExecConfig& exec, const ClientConfig& cluster) {
  const bool terminal = ::isatty(STDIN_FILENO) == 1;
  if (exec.interactive_mode == "Always" && !terminal) {
    return fail(Errc::unauthorized,
                "getting credentials: exec plugin cannot support interactive mode: standard input "
                "is not a terminal",
                cat("the exec plugin ", exec.command, " has interactiveMode: Always"),
                "run from a terminal, or log in with the plugin first");
  }
  const bool interactive = exec.interactive_mode != "Never" && terminal;
  const std::string program = look_path(exec.command);
  if (program.empty()) {
    return fail(
        Errc::unauthorized,
        cat("getting credentials: exec: executable ", exec.command, " not found"),
        "it looks like you are trying to use a client-go credential plugin that is not installed",
        hint_or(exec, cat("install it or fix users[].user.exec.command; see ", k_plugin_docs)));
  }
  Result<PluginRun> run =
      spawn(program, exec, exec_info_json(exec, cluster, interactive), interactive);
  if (!run) {
    return std::move(run).error();
  }
  if (run->exec_errno != 0) {
    return fail(
        Errc::unauthorized,
        cat("getting credentials: exec: fork/exec ", program, ": ", errno_text(run->exec_errno)),
        "the credential plugin could not be started",
        hint_or(exec, "check the file is an executable"));
  }
  if (run->exit_code != 0) {
    return fail(Errc::unauthorized,
                cat("getting credentials: exec: executable ", exec.command,
                    " failed with exit code ", run->exit_code),
                "the credential plugin failed; its own message is above",
                hint_or(exec, "run the command by hand to see why"));
  }
  return parse_exec_output(run->output, exec);
}

}  // namespace meshdns::kube
