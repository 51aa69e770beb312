#pragma once

// The ExecCredential exchange of client-go credential plugins (client.authentication.k8s.io v1 and
// v1beta1): what goes into KUBERNETES_EXEC_INFO and what the plugin's stdout must hold. Pure.
// Private to src/kube.

#include <meshdns/kube/client_config.hpp>
#include <meshdns/result.hpp>

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace meshdns::kube {

struct ExecCredentialStatus {
  std::string token;
  std::string client_certificate_pem;
  std::string client_key_pem;
  std::optional<std::chrono::system_clock::time_point> expires;  // none: valid until a 401
};

// {"apiVersion":..., "kind":"ExecCredential", "spec":{"interactive":b, "cluster":{...}}}; the
// cluster (server, tls-server-name, insecure-skip-tls-verify, certificate-authority-data base64,
// proxy-url) only when the exec entry asks for provideClusterInfo.
std::string exec_info_json(const ExecConfig& exec, const ClientConfig& cluster, bool interactive);

// Checks the plugin's answer as client-go does, with its messages ("exec plugin didn't return a
// status field", "exec plugin returned only certificate or key, not both", ...).
Result<ExecCredentialStatus> parse_exec_output(std::string_view output, const ExecConfig& exec);

// RFC 3339 as metav1.Time writes it: 2026-11-25T14:00:00Z, optional fraction, Z or +hh:mm.
std::optional<std::chrono::system_clock::time_point> parse_rfc3339(std::string_view text);

}  // namespace meshdns::kube
