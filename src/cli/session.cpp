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
  }
  return m_kube.get();
}

bool Session::stdout_is_terminal() const {
  return isatty(STDOUT_FILENO) == 1;
}

bool Session::stderr_is_terminal() const {
  return isatty(STDERR_FILENO) == 1;
}

bool Session::color() const {
  const char* no_color = std::getenv("NO_COLOR");
  if (m_options.no_color || (no_color != nullptr && *no_color != '\0')) {
    return false;
  }
  return stdout_is_terminal();
}

void Session::finish(const Result<void>& outcome) {
  if (!outcome) {
    fail(outcome.error());
  }
}

void Session::fail(const Error& error) {
  // Errors, warnings and notes quote servers and tenants (Status messages, object names).
  std::cerr << "error: " << escape_terminal(format_error(error)) << '\n';
  m_exit_code = meshdns::exit_code(error.code);
}

void Session::warn(const std::string& message) const {
  std::cerr << "warning: " << escape_terminal(message) << '\n';
}

void Session::note(const std::string& message) const {
  std::cerr << escape_terminal(message) << '\n';
}

}  // namespace meshdns::cli
