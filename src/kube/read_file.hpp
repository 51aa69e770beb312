#pragma once

// Whole-file reads with Go's error wording ("open /x: no such file or directory"), so messages
// about files a kubeconfig names read like kubectl's. Private to src/kube.

#include <meshdns/result.hpp>

#include <string>

namespace meshdns::kube {

Result<std::string> read_whole_file(const std::string& path);

// "no such file or directory": strerror with a lower-case first letter, as Go prints syscall
// errors.
std::string errno_text(int error_number);

}  // namespace meshdns::kube
