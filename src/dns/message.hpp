#pragma once

// Reads the answer section of a raw DNS response. c-ares's ares_parse_a_reply follows CNAMEs and
// drops records whose owner is not on the chain, which hides exactly the rewritten answers verify
// must report, so the records are read as they are, owner names included.

#include <meshdns/dns/answer.hpp>
#include <meshdns/result.hpp>

#include <cstddef>
#include <cstdint>
#include <vector>

namespace meshdns::dns {

// Wire values (RFC 1035, RFC 3596).
inline constexpr std::uint16_t k_type_a = 1;
inline constexpr std::uint16_t k_type_cname = 5;
inline constexpr std::uint16_t k_type_aaaa = 28;
inline constexpr std::uint16_t k_class_in = 1;

// A, AAAA and CNAME records of the answer section, in order; other types are skipped. Fails with
// Errc::network on a truncated or malformed message.
Result<std::vector<Record>> parse_answer_records(const unsigned char* message, std::size_t length);

}  // namespace meshdns::dns
