#include <meshdns/corefile/engine.hpp>
#include <meshdns/corefile/zones.hpp>
#include <meshdns/result.hpp>

#include <catch2/catch.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace meshdns::corefile {
namespace {

TEST_CASE("corefile::normalize_zones", "[corefile][zones]") {
  ZoneLimits limits;
  limits.cluster_domains.push_back("k8s.example");
  // The list is data passed in; a stand-in with two entries keeps this test pure.
  limits.is_public_suffix = [](std::string_view name) { return name == "com" || name == "co.uk"; };
  struct Row {
    std::string zone;
    std::string error;  // "" when accepted
  };
  const Row rows[] = {
      {"internal", ""},
      {"Corp.Example.", ""},
      {"example.com", ""},
      {"home.arpa", ""},
      {"cluster.local",
       "refusing zone \"cluster.local\" (it is the cluster domain, whose names the kubernetes "
       "plugin answers; pick a private name such as --zone internal or --zone corp.example)"},
      {"svc.cluster.local", "it is inside the cluster domain cluster.local"},
      {"local", "it contains the cluster domain cluster.local"},
      {"k8s.example", "it is the cluster domain,"},
      {"a.k8s.example", "it is inside the cluster domain k8s.example"},
      {"in-addr.arpa", "it is a reverse zone"},
      {"10.in-addr.arpa", "it is a reverse zone"},
      {"ip6.arpa", "it is a reverse zone"},
      {"0.0.ip6.arpa.", "it is a reverse zone"},
      {"com", "it is on the Public Suffix List"},
      {"CO.UK.", "it is on the Public Suffix List"},
      {"my_zone",
       "invalid zone \"my_zone\" (a zone is a DNS name of letters, digits and hyphens; pass a "
       "name such as --zone internal or --zone corp.example)"},
  };
  for (const Row& row : rows) {
    INFO(row.zone);
    const Result<std::vector<std::string>> zones = normalize_zones({row.zone}, limits);
    if (row.error.empty()) {
      CHECK(zones.has_value());
      continue;
    }
    REQUIRE_FALSE(zones.has_value());
    CHECK(zones.error().code == Errc::usage);
    CHECK(format_error(zones.error()).find(row.error) != std::string::npos);
  }
  CHECK(normalize_zones({"Internal.", "internal", "corp"}, limits).value() ==
        std::vector<std::string>{"internal", "corp"});
  CHECK(normalize_zones({}, limits).error().code == Errc::usage);
}

TEST_CASE("corefile::cluster_domains", "[corefile][zones]") {
  CHECK(cluster_domains(".:53 {\n  kubernetes cluster.local in-addr.arpa ip6.arpa {\n    pods "
                        "insecure\n  }\n}\n") == std::vector<std::string>{"cluster.local"});
  CHECK(cluster_domains("k8s.example:53 {\n  kubernetes\n}\n.:53 {\n  kubernetes Corp.Lan. "
                        "10.0.0.0/24\n}\n") ==
        std::vector<std::string>{"k8s.example", "corp.lan", "10.0.0.0/24"});
  CHECK(cluster_domains(".:53 {\n  forward . 1.1.1.1\n}\n").empty());
}

TEST_CASE("corefile::patch refuses the Corefile's own cluster domain", "[corefile][zones]") {
  PatchOptions options;
  options.upstream = "10.96.0.60";
  options.zones = {"svc.k8s.example"};
  const Result<std::string> patched =
      patch(".:53 {\n  kubernetes k8s.example in-addr.arpa\n}\n", options);
  REQUIRE_FALSE(patched.has_value());
  CHECK(patched.error().code == Errc::usage);
  CHECK(patched.error().why ==
        "it is inside the cluster domain k8s.example, whose names the kubernetes plugin answers");
}

}  // namespace
}  // namespace meshdns::corefile
