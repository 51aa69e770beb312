// The built kubectl-meshdns carries the release hardening (issue #17, CMakeLists.txt): a PIE
// (ELF type DYN), full RELRO (GNU_RELRO and BIND_NOW), stack canaries (__stack_chk_fail) and
// glibc's checked calls (__*_chk, from _FORTIFY_SOURCE). Read with readelf from binutils, which
// the compiler itself needs. A sanitizer build links without PIE on purpose (CMakeLists.txt): it
// is not checked here, and test/run runs this test again on the optimised build's binary.

#include "support/process.hpp"
#include "support/skip.hpp"

#include <meshdns/text.hpp>

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <string>

namespace meshdns::test {
namespace {

// CMakeCache.txt's value of `name` for the build under test; "" when unset.
std::string cached(const std::string& name) {
  std::ifstream cache(build_under_test() + "/CMakeCache.txt");
  for (std::string line; std::getline(cache, line);) {
    if (starts_with(line, name + ":")) {
      return line.substr(line.find('=') + 1);
    }
  }
  return {};
}

std::string readelf(const std::string& option) {
  const ProcessResult run = run_process({"readelf", "-W", option, meshdns_binary()});
  INFO(run.err);
  REQUIRE(run.exit_code == 0);
  return run.out;
}

}  // namespace

TEST_CASE("cli: the binary is built hardened", "[cli][hardening]") {
  MESHDNS_SKIP_UNLESS(!find_program("readelf").empty(), "readelf (binutils) is not installed");
  INFO("binary: " << meshdns_binary());
  if (!cached("MESHDNS_SANITIZE").empty()) {
    WARN("sanitizer build: linked without PIE by design; the optimised build is checked instead");
    return;
  }
  REQUIRE(cached("MESHDNS_HARDENING") != "OFF");

  const std::string header = readelf("--file-header");
  CHECK(header.find("DYN (") != std::string::npos);  // a PIE is a DYN object, with FLAGS_1 PIE
  const std::string segments = readelf("--program-headers");
  CHECK(segments.find("GNU_RELRO") != std::string::npos);
  const std::string dynamic = readelf("--dynamic");
  CHECK(dynamic.find("BIND_NOW") != std::string::npos);
  CHECK(dynamic.find("PIE") != std::string::npos);  // FLAGS_1: NOW PIE
  const std::string symbols = readelf("--dyn-syms");
  CHECK(symbols.find("__stack_chk_fail") != std::string::npos);
  if (cached("CMAKE_BUILD_TYPE") != "Debug") {  // _FORTIFY_SOURCE needs optimisation
    CHECK(symbols.find("_chk@") != std::string::npos);
  }
}

}  // namespace meshdns::test
