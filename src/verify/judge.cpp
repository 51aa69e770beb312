#include <meshdns/text.hpp>
#include <meshdns/verify/judge.hpp>

#include <algorithm>
#include <unordered_set>

namespace meshdns::verify {
namespace {

using dns::Outcome;
using dns::RecordType;

// The question and every name a CNAME chain from it reaches, in the order reached.
std::vector<std::string> chain_from(const std::string& question, const dns::Answer& answer) {
  std::vector<std::string> chain{question};
  // Each pass adds at most one link; a chain longer than the records is a loop.
  for (std::size_t pass = 0; pass < answer.records.size(); ++pass) {
    bool grew = false;
    for (const auto& record : answer.records) {
      if (record.type == RecordType::cname && record.owner == chain.back() &&
          std::find(chain.begin(), chain.end(), record.value) == chain.end()) {
        chain.push_back(record.value);
        grew = true;
      }
    }
    if (!grew) {
      break;
    }
  }
  return chain;
}

// Splits an answer's address records into those on the chain and the owners of those off it.
void collect(const std::string& question, const dns::Answer& answer, std::vector<std::string>& got,
             std::vector<std::string>& stray_owners) {
  const std::vector<std::string> chain = chain_from(question, answer);
  for (const auto& record : answer.records) {
    if (record.type == RecordType::cname) {
      continue;
    }
    if (std::find(chain.begin(), chain.end(), record.owner) != chain.end()) {
      got.push_back(record.value);
    } else if (std::find(stray_owners.begin(), stray_owners.end(), record.owner) ==
               stray_owners.end()) {
      stray_owners.push_back(record.owner);
    }
  }
}

bool has_address(const dns::Answer& answer) {
  return std::any_of(answer.records.begin(), answer.records.end(),
                     [](const dns::Record& r) { return r.type != RecordType::cname; });
}

bool is_failure(Outcome outcome) {
  return outcome != Outcome::answer && outcome != Outcome::nodata;
}

Status status_of(Outcome outcome) {
  switch (outcome) {
    case Outcome::answer:
    case Outcome::nodata:
      return Status::nodata;  // an answer without addresses (a CNAME leading nowhere) is no data
    case Outcome::nxdomain:
      return Status::nxdomain;
    case Outcome::servfail:
      return Status::servfail;
    case Outcome::refused:
      return Status::refused;
    case Outcome::timeout:
      return Status::timeout;
    case Outcome::error:
      return Status::error;
  }
  return Status::error;
}

// When one type has addresses and the other failed, clients that ask both may fail the name.
void warn_about_other_type(const dns::Answer& with, const dns::Answer& without,
                           const char* with_type, const char* without_type, NameResult& result) {
  if (!has_address(with) || has_address(without) || !is_failure(without.outcome)) {
    return;
  }
  if (without.outcome == Outcome::nxdomain) {
    result.warnings.push_back(
        cat(without_type, " query answered NXDOMAIN although ", with_type,
            " has addresses (some client libraries then fail the whole name)"));
  } else {
    result.warnings.push_back(cat(without_type, " query failed: ", dns::to_string(without.outcome),
                                  without.detail.empty() ? "" : cat(" (", without.detail, ")")));
  }
}

}  // namespace

const char* to_string(Status status) {
  switch (status) {
    case Status::pass:
      return "PASS";
    case Status::mismatch:
      return "MISMATCH";
    case Status::owner_mismatch:
      return "OWNER_MISMATCH";
    case Status::nxdomain:
      return "NXDOMAIN";
    case Status::nodata:
      return "NODATA";
    case Status::servfail:
      return "SERVFAIL";
    case Status::refused:
      return "REFUSED";
    case Status::timeout:
      return "TIMEOUT";
    case Status::error:
      return "ERROR";
  }
  return "?";
}

NameResult judge(const Expectation& expectation, const dns::Answer& a, const dns::Answer& aaaa) {
  NameResult result;
  result.name = expectation.name;
  result.replica = expectation.replica;
  result.want = expectation.addresses;
  result.warnings = expectation.notes;
  collect(expectation.name, a, result.got, result.stray_owners);
  collect(expectation.name, aaaa, result.got, result.stray_owners);
  std::sort(result.got.begin(), result.got.end());
  result.got.erase(std::unique(result.got.begin(), result.got.end()), result.got.end());

  if (!result.stray_owners.empty()) {
    result.status = Status::owner_mismatch;
  } else if (!result.got.empty()) {
    result.status =
        result.want.empty() || result.want == result.got ? Status::pass : Status::mismatch;
  } else {
    // No address at all: the A query's failure says most, unless A merely had no data.
    const dns::Answer& telling = is_failure(a.outcome) || !is_failure(aaaa.outcome) ? a : aaaa;
    result.status = status_of(telling.outcome);
    result.detail = telling.detail;
  }
  warn_about_other_type(a, aaaa, "A", "AAAA", result);
  warn_about_other_type(aaaa, a, "AAAA", "A", result);
  return result;
}

std::string describe(const NameResult& result) {
  switch (result.status) {
    case Status::mismatch:
      return cat("MISMATCH got ", join(result.got, ", "), "; want ", join(result.want, ", "));
    case Status::owner_mismatch:
      return cat("OWNER_MISMATCH answer owner ", join(result.stray_owners, ", "), ", question ",
                 result.name);
    case Status::error:
      return cat("ERROR ", result.detail);
    default:
      return to_string(result.status);
  }
}

}  // namespace meshdns::verify
