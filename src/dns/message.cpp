#include "dns/message.hpp"

#include <meshdns/text.hpp>

#include <ares.h>
#include <arpa/inet.h>

#include <array>
#include <memory>

namespace meshdns::dns {
namespace {

constexpr std::size_t k_header_size = 12;

std::uint16_t read_u16(const unsigned char* at) {
  return static_cast<std::uint16_t>((at[0] << 8) | at[1]);
}

Error malformed(std::string_view why) {
  return fail(Errc::network, "malformed DNS response", std::string(why),
              "check the server with dig; this is not a client problem");
}

// Expands a (possibly compressed) name at `at`; `used` is its length in the message.
Result<std::string> expand_name(const unsigned char* at, const unsigned char* message,
                                std::size_t length, std::size_t& used) {
  char* name = nullptr;
  long encoded_length = 0;
  if (ares_expand_name(at, message, static_cast<int>(length), &name, &encoded_length) !=
      ARES_SUCCESS) {
    return malformed("a name does not decode");
  }
  const std::unique_ptr<char, decltype(&ares_free_string)> owned(name, &ares_free_string);
  used = static_cast<std::size_t>(encoded_length);
  return to_lower(name);
}

std::string address_text(int family, const unsigned char* data) {
  std::array<char, INET6_ADDRSTRLEN> text{};
  ::inet_ntop(family, data, text.data(), text.size());
  return text.data();
}

}  // namespace

Result<std::vector<Record>> parse_answer_records(const unsigned char* message, std::size_t length) {
  if (length < k_header_size) {
    return malformed("shorter than a DNS header");
  }
  const std::size_t question_count = read_u16(message + 4);
  const std::size_t answer_count = read_u16(message + 6);
  const unsigned char* const end = message + length;
  const unsigned char* at = message + k_header_size;
  for (std::size_t i = 0; i < question_count; ++i) {
    std::size_t used = 0;
    auto name = expand_name(at, message, length, used);
    if (!name) {
      return std::move(name).error();
    }
    at += used + 4;  // type, class
    if (at > end) {
      return malformed("the question section is cut short");
    }
  }
  std::vector<Record> records;
  for (std::size_t i = 0; i < answer_count; ++i) {
    std::size_t used = 0;
    auto owner = expand_name(at, message, length, used);
    if (!owner) {
      return std::move(owner).error();
    }
    at += used;
    if (end - at < 10) {
      return malformed("an answer record is cut short");
    }
    const std::uint16_t type = read_u16(at);
    const std::uint16_t klass = read_u16(at + 2);
    const std::size_t data_length = read_u16(at + 8);
    const unsigned char* const data = at + 10;
    if (static_cast<std::size_t>(end - data) < data_length) {
      return malformed("an answer record's data is cut short");
    }
    at = data + data_length;
    if (klass != k_class_in) {
      continue;
    }
    if (type == k_type_a && data_length == 4) {
      records.push_back({std::move(*owner), RecordType::a, address_text(AF_INET, data)});
    } else if (type == k_type_aaaa && data_length == 16) {
      records.push_back({std::move(*owner), RecordType::aaaa, address_text(AF_INET6, data)});
    } else if (type == k_type_cname) {
      auto target = expand_name(data, message, length, used);
      if (!target) {
        return std::move(target).error();
      }
      records.push_back({std::move(*owner), RecordType::cname, std::move(*target)});
    }
  }
  return records;
}

}  // namespace meshdns::dns
