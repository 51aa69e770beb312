#pragma once

// Catch2 v2 has no SKIP. A test whose real server or tool is missing warns and returns locally, but
// fails under CI=true: CI installs everything, so a missing tool there is a broken install step.

#include <catch2/catch.hpp>

#include <cstdlib>
#include <string>

namespace meshdns::test {

inline bool running_in_ci() {
  const char* ci = std::getenv("CI");
  return ci != nullptr && std::string(ci) == "true";
}

}  // namespace meshdns::test

// Use as a statement inside a TEST_CASE: MESHDNS_SKIP_UNLESS(have_knot(), "knotd is not
// installed");
#define MESHDNS_SKIP_UNLESS(condition, message)          \
  do {                                                   \
    if (!(condition)) {                                  \
      if (::meshdns::test::running_in_ci()) {            \
        FAIL("required in CI but missing: " << message); \
      }                                                  \
      WARN("SKIPPED: " << message);                      \
      return;                                            \
    }                                                    \
  } while (false)
