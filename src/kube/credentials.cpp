// The one CredentialProvider: static parts copied once, a token file re-read on each get(), an exec
// plugin's answer cached until it expires or a 401 invalidates it.

#include "kube/exec_plugin.hpp"
#include "kube/read_file.hpp"
#include "kube/resolve.hpp"

#include <meshdns/kube/credentials.hpp>
#include <meshdns/text.hpp>

#include <algorithm>
#include <chrono>
#include <mutex>
#include <optional>

namespace meshdns::kube {
namespace {

std::string hex_byte(char c) {
  constexpr std::string_view k_digits = "0123456789abcdef";
  const auto byte = static_cast<unsigned char>(c);
  return cat("0x", k_digits[byte >> 4U], k_digits[byte & 0xfU]);
}

class ConfiguredCredentials final : public CredentialProvider {
 public:
  explicit ConfiguredCredentials(ClientConfig config)
      : m_config(std::move(config)),
        m_method(m_config.plain_http ? AuthMethod::none : auth_method_of(m_config)) {}

  Result<Credentials> get() override {
    Result<Credentials> got = fetch();
    if (got) {
      if (Result<void> sendable = check_header_value(got->bearer_token); !sendable) {
        return std::move(sendable).error();
      }
    }
    return got;
  }

  bool invalidate() override {
    if (m_method != AuthMethod::exec) {
      return false;  // nothing is cached; a token file is re-read on every get() anyway
    }
    const std::lock_guard lock(m_mutex);
    m_cached.reset();
    return true;
  }

 private:
  Result<Credentials> fetch() {
    switch (m_method) {
      case AuthMethod::none:
        return Credentials{};
      case AuthMethod::token:
        return with_certificate(m_config.token);
      case AuthMethod::token_file:
        return from_token_file();
      case AuthMethod::client_certificate:
        return with_certificate({});
      case AuthMethod::exec:
        return from_exec();
    }
    return Credentials{};
  }

  // Go's net/http refuses a header value with control characters, so kubectl never sends one: a
  // CR LF in a token would end the Authorization line and start a header of the token's choosing
  // (Impersonate-User, say). The message names where the token came from, never the token.
  Result<void> check_header_value(std::string_view token) const {
    const auto bad = std::find_if(token.begin(), token.end(), [](char c) {
      const auto byte = static_cast<unsigned char>(c);
      return (byte < 0x20 && byte != '\t') || byte == 0x7f;
    });
    if (bad == token.end()) {
      return {};
    }
    std::string source = "the kubeconfig user's token";
    if (m_method == AuthMethod::token_file) {
      source = cat("token file \"", m_config.token_file, "\"");
    } else if (m_method == AuthMethod::exec) {
      source = cat("exec plugin ", m_config.exec->command);
    }
    return fail(Errc::config, cat("invalid bearer token from ", source),
                cat("it contains the control character ", hex_byte(*bad), " at byte ",
                    bad - token.begin() + 1, ", which a header value cannot hold"),
                "fix the token where it comes from");
  }

  Credentials with_certificate(std::string token) const {
    return Credentials{std::move(token), m_config.client_certificate_pem, m_config.client_key_pem};
  }

  // CachingTokenSource: the file wins; if it cannot be read the kubeconfig's token (if any) stands
  // in.
  Result<Credentials> from_token_file() const {
    Result<std::string> text = read_whole_file(m_config.token_file);
    if (!text) {
      if (!m_config.token.empty()) {
        return with_certificate(m_config.token);
      }
      return fail(Errc::unauthorized, text.error().what, "the bearer token file cannot be read",
                  "check the tokenFile path of the kubeconfig user");
    }
    const std::string_view token = trim(*text);
    if (token.empty()) {
      return fail(Errc::unauthorized,
                  cat("read empty token from file \"", m_config.token_file, "\""),
                  "the bearer token file is empty", "write the token into the file");
    }
    return with_certificate(std::string(token));
  }

  // One plugin run at a time, so concurrent requests after an expiry share one refresh.
  Result<Credentials> from_exec() {
    const std::lock_guard lock(m_mutex);
    const bool expired =
        m_cached && m_cached->expires && std::chrono::system_clock::now() >= *m_cached->expires;
    if (!m_cached || expired) {
      Result<ExecCredentialStatus> fresh = run_exec_plugin(*m_config.exec, m_config);
      if (!fresh) {
        return std::move(fresh).error();
      }
      m_cached = std::move(fresh).value();
    }
    return Credentials{m_cached->token, m_cached->client_certificate_pem, m_cached->client_key_pem};
  }

  const ClientConfig m_config;
  const AuthMethod m_method;
  std::mutex m_mutex;
  std::optional<ExecCredentialStatus> m_cached;
};

}  // namespace

std::unique_ptr<CredentialProvider> make_credential_provider(const ClientConfig& config) {
  return std::make_unique<ConfiguredCredentials>(config);
}

}  // namespace meshdns::kube
