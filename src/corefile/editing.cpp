#include "corefile/editing.hpp"

#include <meshdns/text.hpp>

namespace meshdns::corefile {

Error refusal(std::string what, const Finding& finding) {
  return fail(Errc::refused, std::move(what), cat("line ", finding.line, ": ", finding.message),
              finding.fix);
}

std::optional<Error> refuse_invalid_input(const Document& document, Version version,
                                          std::string_view verb) {
  if (auto error =
          first_error(diagnose(document, version), [](const Diagnosis&) { return false; })) {
    return refusal(
        cat("refusing to ", verb, " a Corefile that CoreDNS ", version.str(), " would refuse"),
        *error);
  }
  return std::nullopt;
}

Result<std::string> Editing::checked(Version version, std::string_view verb) const {
  const std::vector<Diagnosis> after = diagnose(m_doc, version);
  if (auto error = first_error(after, [](const Diagnosis&) { return false; })) {
    return refusal(cat(verb, " would produce a Corefile that CoreDNS ", version.str(), " refuses"),
                   *error);
  }
  return m_doc.source();
}

}  // namespace meshdns::corefile
