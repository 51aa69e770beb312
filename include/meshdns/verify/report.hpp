#pragma once

// verify's results as text (people), JSON (scripts) or JUnit XML (CI test reporters: GitLab,
// Jenkins, GitHub Actions). Pure: a Report in, the document out, each ending with a newline.

#include <meshdns/colour.hpp>
#include <meshdns/verify/rounds.hpp>

#include <string>

namespace meshdns::verify {

// A table (NAME, STATUS, ADDRESSES; NAME, REPLICA, STATUS, ADDRESSES with replicas), warning
// lines under their name, then a summary line. colour: PASS green, other verdicts red, warnings
// yellow (the column widths stay the same).
std::string render_text(const Report& report, Colour colour = Colour::off);

// {"summary": {...}, "results": [{"name", "status", "addresses", "expected", ...}]}.
std::string render_json(const Report& report);

// One <testsuite name="meshdns verify"> with a <testcase> per name; a failing name carries
// <failure type="STATUS" message="..."/>, warnings go to <system-err>.
std::string render_junit(const Report& report);

// "9998/10000 names pass, 2 fail (1 NXDOMAIN, 1 TIMEOUT); 3 warnings; 2 rounds in 5.2s"; per
// replica: "1/2 names pass on every replica; 3/4 replica checks pass, 1 fail (1 MISMATCH); ..."
std::string summary_line(const Report& report);

}  // namespace meshdns::verify
