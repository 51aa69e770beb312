#include "cli/session.hpp"

#include <meshdns/kube/credentials.hpp>
#include <meshdns/kube/rest_client.hpp>
#include <meshdns/text.hpp>

#include <unistd.h>

#include <cstdlib>
#include <iostream>

namespace meshdns::cli {

Session::Session() = default;
Session::~Session() = default;

Result<kube::RestClient*> Session::kube() {
  if (!m_kube) {
    Result<kube::ClientConfig> config =
        kube::load_client_config(m_options.kube, kube::Environment::from_process());
    if (!config) {
      return std::move(config).error();
    }
    auto credentials = kube::make_credential_provider(*config);
    m_kube = std::make_unique<kube::RestClient>(std::move(*config), std::move(credentials));
    if (stderr_is_terminal()) {
      // A slow API server (or kubectl proxy far away) is not a hung command: say what it waits
      // for, on one line rewritten in place, and clear it before the result, as verify does.
      m_kube->set_progress([server = m_kube->config().server](const kube::WaitProgress& wait) {
        if (wait.done) {
          std::cerr << "\r\033[K" << std::flush;
          return;
        }
        std::cerr << "\r\033[Kwaiting for " << server << ": " << wait.waiting << " request"
                  << (wait.waiting == 1 ? "" : "s") << ", " << wait.elapsed.count() / 1000 << "s"
                  << std::flush;
      });
    }
  }
  return m_kube.get();
}

bool Session::stdout_is_terminal() const {
  return isatty(STDOUT_FILENO) == 1;
}

bool Session::stderr_is_terminal() const {
  return isatty(STDERR_FILENO) == 1;
}

namespace {

Colour decide(bool no_color_flag, bool terminal) {
  const char* no_color = std::getenv("NO_COLOR");
  const bool refused = no_color_flag || (no_color != nullptr && *no_color != '\0');
  return !refused && terminal ? Colour::on : Colour::off;
}

}  // namespace

Colour Session::stdout_colour() const {
  if (!m_stdout_colour) {
    m_stdout_colour = decide(m_options.no_color, stdout_is_terminal());
  }
  return *m_stdout_colour;
}

Colour Session::stderr_colour() const {
  if (!m_stderr_colour) {
    m_stderr_colour = decide(m_options.no_color, stderr_is_terminal());
  }
  return *m_stderr_colour;
}

void Session::finish(const Result<void>& outcome) {
  if (!outcome) {
    fail(outcome.error());
  }
}

void Session::fail(const Error& error) {
  std::cerr << paint(stderr_colour(), ansi::red, "error:") << ' '
            << escape_terminal(format_error(error)) << '\n';
  m_exit_code = meshdns::exit_code(error.code);
}

void Session::warn(const std::string& message) const {
  std::cerr << paint(stderr_colour(), ansi::yellow, "warning:") << ' ' << escape_terminal(message)
            << '\n';
}

void Session::note(const std::string& message) const {
  std::cerr << escape_terminal(message) << '\n';
}

}  // namespace meshdns::cli
