#include <meshdns/result.hpp>

namespace meshdns {

std::string format_error(const Error& error) {
  std::string line = error.what;
  if (!error.why.empty() || !error.fix.empty()) {
    line += " (";
    line += error.why;
    if (!error.why.empty() && !error.fix.empty()) {
      line += "; ";
    }
    line += error.fix;
    line += ")";
  }
  return line;
}

}  // namespace meshdns
