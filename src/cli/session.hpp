#pragma once

// State shared by every command of one run: the global flags, the terminal, the outcome. Created
// once in run(); commands receive it by reference. Nothing here touches the network: the Kubernetes
// client is made on first use, so `--help` and `corefile patch --file` never read a kubeconfig.

#include <meshdns/colour.hpp>
#include <meshdns/kube/client_config.hpp>
#include <meshdns/result.hpp>

#include <iosfwd>
#include <memory>
#include <optional>
#include <string>

namespace meshdns::kube {
class RestClient;
}

namespace meshdns::cli {

struct GlobalOptions {
  kube::KubeFlags kube;
  int verbosity = 0;
  bool no_color = false;
};

class Session {
 public:
  Session();
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  GlobalOptions& options() { return m_options; }
  const GlobalOptions& options() const { return m_options; }

  // Colour only on a terminal, never with --no-color or NO_COLOR (https://no-color.org); decided
  // once, at the first question (when the flags are parsed), for stdout and stderr each.
  bool stdout_is_terminal() const;
  bool stderr_is_terminal() const;
  bool color() const { return stdout_colour() == Colour::on; }
  Colour stdout_colour() const;
  Colour stderr_colour() const;

  // The Kubernetes client, resolved from the global flags and the environment on first use (no
  // kubeconfig is read and no socket opened before a command asks for it). The pointer stays valid
  // for the session's life.
  Result<kube::RestClient*> kube();

  // Records a command's outcome: an error is printed as SPEC §4's one line and sets the exit code.
  void finish(const Result<void>& outcome);
  void fail(const Error& error);
  void set_exit_code(int code) { m_exit_code = code; }
  int exit_code() const { return m_exit_code; }

  // Diagnostics (warnings, progress) go to stderr; results to stdout.
  void warn(const std::string& message) const;
  void note(const std::string& message) const;

 private:
  GlobalOptions m_options;
  int m_exit_code = 0;
  std::unique_ptr<kube::RestClient> m_kube;
  mutable std::optional<Colour> m_stdout_colour;
  mutable std::optional<Colour> m_stderr_colour;
};

}  // namespace meshdns::cli
