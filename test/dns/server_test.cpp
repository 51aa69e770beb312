#include <meshdns/dns/server.hpp>

#include <catch2/catch.hpp>

#include <string>

namespace meshdns::dns {

TEST_CASE("dns::parse_server", "[dns]") {
  struct Row {
    std::string text;
    bool valid;
    std::string host;
    std::uint16_t port;
    std::string printed;
  };
  const Row rows[] = {
      {"10.0.0.10", true, "10.0.0.10", 53, "10.0.0.10:53"},
      {"10.0.0.10:5353", true, "10.0.0.10", 5353, "10.0.0.10:5353"},
      {"::1", true, "::1", 53, "[::1]:53"},
      {"[::1]:5353", true, "::1", 5353, "[::1]:5353"},
      {"[fd00::10]", true, "fd00::10", 53, "[fd00::10]:53"},
      {"kube-dns.kube-system", false, "", 0, ""},
      {"10.0.0.10:0", false, "", 0, ""},
      {"10.0.0.10:65536", false, "", 0, ""},
      {"10.0.0.10:dns", false, "", 0, ""},
      {"[::1", false, "", 0, ""},
      {"[::1]5353", false, "", 0, ""},
      {"[10.0.0.1]:53", false, "", 0, ""},
      {"", false, "", 0, ""},
  };
  for (const Row& row : rows) {
    INFO(row.text);
    const auto parsed = parse_server(row.text);
    REQUIRE(parsed.has_value() == row.valid);
    if (row.valid) {
      CHECK(parsed->host == row.host);
      CHECK(parsed->port == row.port);
      CHECK(to_string(*parsed) == row.printed);
    } else {
      CHECK(parsed.error().code == Errc::usage);
      CHECK_FALSE(parsed.error().fix.empty());
    }
  }
}

}  // namespace meshdns::dns
