#pragma once

// State shared by every command of one run: the global flags, the terminal, the outcome. Created once
// in run(); commands receive it by reference. Nothing here touches the network: the Kubernetes client
// is made on first use, so `--help` and `corefile patch --file` never read a kubeconfig.

#include <meshdns/kube/client_config.hpp>
#include <meshdns/result.hpp>

#include <iosfwd>
#include <optional>
#include <string>

namespace meshdns::cli {

struct GlobalOptions {
  kube::KubeFlags kube;
  int verbosity = 0;
  bool no_color = false;
};

class Session {
 public:
  GlobalOptions& options() { return m_options; }
  const GlobalOptions& options() const { return m_options; }

  // Colour only on a terminal, never with --no-color or NO_COLOR (https://no-color.org).
  bool stdout_is_terminal() const;
  bool stderr_is_terminal() const;
  bool color() const;

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
};

}  // namespace meshdns::cli
