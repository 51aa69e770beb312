#include "corefile/zone_key.hpp"

#include <meshdns/corefile/engine.hpp>

#include <catch2/catch.hpp>

#include <string_view>

namespace meshdns::corefile {
namespace {

TEST_CASE("corefile::parse_zone_key", "[corefile][zone_key]") {
  struct Row {
    std::string_view key;
    std::string_view normal;  // "" when CoreDNS expands it at load time or it is no zone
  };
  const Row rows[] = {
      {"internal", "dns://internal.:53"},
      {"internal.", "dns://internal.:53"},
      {"internal:53", "dns://internal.:53"},
      {"dns://internal.:53", "dns://internal.:53"},
      {"Internal.:53", "dns://internal.:53"},
      {".", "dns://.:53"},
      {".:53", "dns://.:53"},
      {":53", "dns://.:53"},
      {".:5353", "dns://.:5353"},
      {"tls://.:853", "tls://.:853"},
      {"tls://example.org", "tls://example.org.:853"},
      {"grpc://example.org", "grpc://example.org.:443"},
      {"https://mycompany.local:4453", "https://mycompany.local.:4453"},
      {"quic://example.org", "quic://example.org.:853"},
      {"in-addr.arpa", "dns://in-addr.arpa.:53"},
      {"{$ZONE}:53", ""},
      {"internal:dns", ""},
      {"ftp://internal", ""},
  };
  for (const Row& row : rows) {
    INFO(row.key);
    const auto key = parse_zone_key(row.key);
    CHECK((key ? key->str() : std::string()) == row.normal);
  }
}

TEST_CASE("corefile::is_valid_zone", "[corefile][zone_key]") {
  struct Row {
    std::string_view zone;
    bool valid;
  };
  const Row rows[] = {
      {"internal", true},
      {"internal.", true},
      {"corp.example", true},
      {"a-b.c0", true},
      {"", false},
      {".", false},
      {"Internal", false},
      {"-a.b", false},
      {"a-.b", false},
      {"a..b", false},
      {"a b", false},
      {"a_b", false},
      {"internal:53", false},
      {std::string_view("a\0b", 3), false},
      {"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", false},  // 64
  };
  for (const Row& row : rows) {
    INFO(row.zone);
    CHECK(is_valid_zone(row.zone) == row.valid);
  }
}

TEST_CASE("corefile::is_valid_upstream", "[corefile][zone_key]") {
  struct Row {
    std::string_view upstream;
    bool valid;
  };
  const Row rows[] = {
      {"10.96.0.60", true},
      {"10.96.0.60:53", true},
      {"127.0.0.1:8053", true},
      {"fd00::1", true},
      {"[fd00::1]:53", true},
      {"1001:AAAA:BBBB:CCCC::2222", true},
      {"", false},
      {"10.96.0.256", false},
      {"10.96.0", false},
      {"10.96.0.60:", false},
      {"10.96.0.60:99999", false},
      {"kube-dns", false},
      {"[fd00::1]", true},
      {"[10.0.0.1]:53", false},
      {"10.0.0.1 10.0.0.2", false},
  };
  for (const Row& row : rows) {
    INFO(row.upstream);
    CHECK(is_valid_upstream(row.upstream) == row.valid);
  }
}

}  // namespace
}  // namespace meshdns::corefile
