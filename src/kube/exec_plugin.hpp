#pragma once

// Runs a client-go credential plugin: execve (never a shell), the process environment plus the exec
// entry's env plus KUBERNETES_EXEC_INFO, stdout captured, stderr passed through, stdin only in
// interactive mode (else /dev/null). Private to src/kube.

#include "kube/exec_credential.hpp"

#include <meshdns/kube/client_config.hpp>
#include <meshdns/result.hpp>

namespace meshdns::kube {

// Decides interactive mode (Never; IfAvailable: stdin is a terminal; Always: stdin must be one),
// runs the plugin once and checks its answer. Failures name the command and carry its installHint.
Result<ExecCredentialStatus> run_exec_plugin(const ExecConfig& exec, const ClientConfig& cluster);

}  // namespace meshdns::kube
