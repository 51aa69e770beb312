#pragma once

// What every edit of the engine shares: a text and its parse kept in step round by round, and the
// refusals for a Corefile that CoreDNS would not load, before or after the edit.

#include "corefile/layout.hpp"
#include "corefile/lint_checks.hpp"
#include "corefile/syntax_tree.hpp"

#include <meshdns/corefile/engine.hpp>
#include <meshdns/result.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace meshdns::corefile {

// Errc::refused: `what`, with the finding's line and message as the reason and its fix.
Error refusal(std::string what, const Finding& finding);

// The first error CoreDNS `version` would stop at, leaving out the ones `ignore` accepts.
template <typename Ignore>
std::optional<Finding> first_error(const std::vector<Diagnosis>& diagnoses, Ignore ignore) {
  for (const Diagnosis& diagnosis : diagnoses) {
    if (diagnosis.finding.severity == Severity::error && !ignore(diagnosis)) {
      return diagnosis.finding;
    }
  }
  return std::nullopt;
}

// The refusal for input CoreDNS `version` would already refuse, or nothing.
std::optional<Error> refuse_invalid_input(const Document& document, Version version,
                                          std::string_view verb);

// The text being edited and its parse, kept in step: each round of edits is computed on the
// current parse, applied in one pass, and the result parsed once, which the next round (or the
// final lint) uses. A round that changes nothing costs nothing.
class Editing {
 public:
  explicit Editing(std::string_view text) : m_doc(parse(std::string(text))) {}

  const Document& document() const { return m_doc; }

  template <typename MakeEdits>
  Result<void> round(MakeEdits make_edits) {
    Result<std::vector<Edit>> edits = make_edits(m_doc);
    if (!edits) {
      return std::move(edits).error();
    }
    if (!edits->empty()) {
      m_doc = parse(apply_edits(m_doc.source(), std::move(*edits)));
    }
    return {};
  }

  // The result, if CoreDNS `version` would load it.
  Result<std::string> checked(Version version, std::string_view verb) const;

 private:
  Document m_doc;
};

}  // namespace meshdns::corefile
