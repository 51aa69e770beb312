#pragma once

// The secret part of a request, produced on demand: a static token, a token file re-read on each
// use, a client certificate, or an exec credential plugin whose answer is cached until it expires.

#include <meshdns/kube/client_config.hpp>
#include <meshdns/result.hpp>

#include <memory>
#include <string>

namespace meshdns::kube {

struct Credentials {
  std::string bearer_token;            // sent as "Authorization: Bearer ..." when not empty
  std::string client_certificate_pem;  // with client_key_pem: TLS client authentication
  std::string client_key_pem;
};

class CredentialProvider {
 public:
  virtual ~CredentialProvider() = default;
  // Current credentials. Thread-safe: the REST client may ask from several requests at once.
  virtual Result<Credentials> get() = 0;
  // Called after a 401: drops a cached exec answer so the next get() runs the plugin again.
  // Returns false when nothing could change (a static token), so the caller need not retry.
  virtual bool invalidate() = 0;
};

// Works from the credential fields of `config` (not its auth_method), in client-go's precedence:
// token_file (re-read each get(), `token` stands in while it is unreadable), else token, plus the
// client certificate; else the exec plugin (run with execve, answer cached until its
// expirationTimestamp or invalidate()). Nothing at all when config.plain_http. Exec failures are
// Errc::unauthorized and name the command and its installHint.
std::unique_ptr<CredentialProvider> make_credential_provider(const ClientConfig& config);

}  // namespace meshdns::kube
