#include <meshdns/kube/client_config.hpp>

#include <unistd.h>

#include <string_view>

namespace meshdns::kube {

Environment Environment::from_process() {
  Environment environment;
  for (char** entry = environ; *entry != nullptr; ++entry) {
    const std::string_view text(*entry);
    const std::size_t equals = text.find('=');
    if (equals != std::string_view::npos) {
      environment.variables.emplace(text.substr(0, equals), text.substr(equals + 1));
    }
  }
  return environment;
}

std::string Environment::variable(const std::string& name) const {
  const auto found = variables.find(name);
  return found == variables.end() ? std::string() : found->second;
}

const char* to_string(AuthMethod method) {
  switch (method) {
    case AuthMethod::token:
      return "token";
    case AuthMethod::token_file:
      return "tokenFile";
    case AuthMethod::client_certificate:
      return "clientCertificate";
    case AuthMethod::exec:
      return "exec";
    case AuthMethod::none:
      break;
  }
  return "none";
}

}  // namespace meshdns::kube
