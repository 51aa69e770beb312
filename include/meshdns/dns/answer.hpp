#pragma once

// What one DNS query came back with, as plain values: the verify core judges these without knowing
// c-ares exists, and tests build them by hand. Header-only, so the pure verify core needs no DNS
// library to link.

#include <cstdint>
#include <string>
#include <vector>

namespace meshdns::dns {

enum class RecordType : std::uint8_t { a, aaaa, cname };
inline const char* to_string(RecordType type) {
  switch (type) {
    case RecordType::a:
      return "A";
    case RecordType::aaaa:
      return "AAAA";
    case RecordType::cname:
      return "CNAME";
  }
  return "?";
}

// How the query ended. `answer` means NOERROR with at least one record in the answer section;
// `nodata` is NOERROR with none (the name exists, not with this type).
enum class Outcome : std::uint8_t { answer, nodata, nxdomain, servfail, refused, timeout, error };
inline const char* to_string(Outcome outcome) {
  switch (outcome) {
    case Outcome::answer:
      return "ANSWER";
    case Outcome::nodata:
      return "NODATA";
    case Outcome::nxdomain:
      return "NXDOMAIN";
    case Outcome::servfail:
      return "SERVFAIL";
    case Outcome::refused:
      return "REFUSED";
    case Outcome::timeout:
      return "TIMEOUT";
    case Outcome::error:
      return "ERROR";
  }
  return "?";
}

// One record of the answer section. Owner names are lower-case and without the final dot;
// `value` is an address in canonical text form (inet_ntop) or a CNAME's target name.
struct Record {
  std::string owner;
  RecordType type = RecordType::a;
  std::string value;
};

struct Answer {
  Outcome outcome = Outcome::error;
  std::vector<Record> records;  // A, AAAA and CNAME records of the answer section, in order
  std::string detail;           // why, for `error` (c-ares's message); empty otherwise
};

}  // namespace meshdns::dns
