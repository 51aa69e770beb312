#include "kube/read_file.hpp"

#include <meshdns/text.hpp>

#include <cctype>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace meshdns::kube {

std::string errno_text(int error_number) {
  std::string reason = std::strerror(error_number);
  if (!reason.empty()) {
    reason[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(reason[0])));
  }
  return reason;
}

Result<std::string> read_whole_file(const std::string& path) {
  errno = 0;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return fail(Errc::config, cat("open ", path, ": ", errno_text(errno != 0 ? errno : ENOENT)));
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) {
    return fail(Errc::config, cat("read ", path, ": ", errno_text(errno != 0 ? errno : EIO)));
  }
  return buffer.str();
}

}  // namespace meshdns::kube
