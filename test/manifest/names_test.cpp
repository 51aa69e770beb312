#include <meshdns/manifest/names.hpp>
#include <meshdns/manifest/object.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <string>

namespace meshdns::manifest {
namespace {

// Four labels of at most 63 characters ("aaa...a.bbb...b.ccc...c.ddd..."), `length` in all. Built
// with append: g++ 12 at -O2 warns falsely (-Warray-bounds) on a chain of string operator+.
std::string name_of_length(std::size_t length) {
  std::string name;
  for (char letter : {'a', 'b', 'c', 'd'}) {
    if (!name.empty()) {
      name.push_back('.');
    }
    name.append(std::min<std::size_t>(63, length - name.size()), letter);
  }
  return name;
}

}  // namespace

TEST_CASE("manifest::is_dns1123_label", "[manifest][names]") {
  struct Row {
    std::string text;
    bool label;
    bool subdomain;
  };
  const Row rows[] = {
      {"fruits-api", true, true},
      {"a", true, true},
      {"0", true, true},
      {"3d", true, true},
      {std::string(63, 'a'), true, true},
      {std::string(64, 'a'), false, false},
      {"", false, false},
      {"-a", false, false},
      {"a-", false, false},
      {"Fruits", false, false},
      {"fruits_api", false, false},
      {"my-fruits.internal", false, true},
      {"a..b", false, false},
      {".a", false, false},
      {"a.", false, false},
      {name_of_length(253), false, true},
      {name_of_length(254), false, false},
  };
  for (const Row& row : rows) {
    INFO(row.text);
    CHECK(is_dns1123_label(row.text) == row.label);
    CHECK(is_dns1123_subdomain(row.text) == row.subdomain);
    CHECK(check_dns1123_label(row.text, "name").has_value() == row.label);
    CHECK(check_dns1123_subdomain(row.text, "name").has_value() == row.subdomain);
  }
}

TEST_CASE("manifest::check_dns1123_label messages", "[manifest][names]") {
  struct Row {
    std::string_view text, what, why;
  };
  const Row rows[] = {
      {"Fruits", "namespace \"Fruits\" is not a valid DNS-1123 label", "it has upper-case letters"},
      {"a_b", "namespace \"a_b\" is not a valid DNS-1123 label",
       "'_' is not allowed, only a-z, 0-9 and '-'"},
      {"-a", "namespace \"-a\" is not a valid DNS-1123 label", "it starts or ends with '-'"},
      {"", "namespace \"\" is not a valid DNS-1123 label", "it is empty"},
  };
  for (const Row& row : rows) {
    INFO(row.text);
    const Result<void> checked = check_dns1123_label(row.text, "namespace");
    REQUIRE_FALSE(checked.has_value());
    CHECK(checked.error().code == Errc::usage);
    CHECK(checked.error().what == row.what);
    CHECK(checked.error().why == row.why);
    CHECK_FALSE(checked.error().fix.empty());
  }
}

TEST_CASE("manifest::is_port_name", "[manifest][names]") {
  struct Row {
    std::string_view text;
    bool valid;
  };
  const Row rows[] = {
      {"http", true},
      {"http-fruits-api", true},    // 15 characters
      {"http-fruits-apis", false},  // 16
      {"8080", false},
      {"http--web", false},
      {"-http", false},
      {"Http", false},
      {"", false},
      {"h2c", true},
  };
  for (const Row& row : rows) {
    INFO(row.text);
    CHECK(is_port_name(row.text) == row.valid);
    CHECK(check_port_name(row.text).has_value() == row.valid);
  }
}

TEST_CASE("manifest::is_ip_literal", "[manifest][names]") {
  struct Row {
    std::string_view text;
    bool v4, v6;
  };
  const Row rows[] = {
      {"10.96.0.50", true, false},
      {"0.0.0.0", true, false},
      {"255.255.255.255", true, false},
      {"256.1.1.1", false, false},
      {"010.96.0.50", false, false},  // the API server refuses leading zeros
      {"10.96.0", false, false},
      {"10.96.0.50/32", false, false},
      {" 10.96.0.50", false, false},
      {"fd00:10:96::50", false, true},
      {"::1", false, true},
      {"::ffff:10.96.0.50", false, true},
      {"fe80::1%eth0", false, false},
      {"fd00::g", false, false},
      {"", false, false},
      {"None", false, false},
  };
  for (const Row& row : rows) {
    INFO(row.text);
    CHECK(is_ipv4_literal(row.text) == row.v4);
    CHECK(is_ipv6_literal(row.text) == row.v6);
    CHECK(is_ip_literal(row.text) == (row.v4 || row.v6));
  }
}

TEST_CASE("manifest::check_cluster_ip", "[manifest][names]") {
  CHECK(check_cluster_ip("10.96.0.50").has_value());
  CHECK(check_cluster_ip("fd00:10:96::50").has_value());
  const Result<void> headless = check_cluster_ip("None");
  REQUIRE_FALSE(headless.has_value());
  CHECK(format_error(headless.error()) ==
        "cluster IP \"None\" makes a headless Service (an alias needs one fixed address to point "
        "at; give an address inside the cluster's service range, or auto)");
  const Result<void> bad = check_cluster_ip("10.96.0.500");
  REQUIRE_FALSE(bad.has_value());
  CHECK(bad.error().what == "cluster IP \"10.96.0.500\" is not an IP address");
}

TEST_CASE("manifest::check_alias_fqdn", "[manifest][names]") {
  struct Row {
    std::string_view fqdn;
    std::string_view cluster_domain;
    std::string_view message;  // format_error(); empty when accepted
  };
  const Row rows[] = {
      {"my-fruits.internal", "cluster.local", ""},
      {"a.b.c.example", "cluster.local", ""},
      {"fruits.local", "cluster.local", ""},
      {"x.cluster.locals", "cluster.local", ""},
      {"api.svc.example", "cluster.local", ""},
      {"my-fruits.cluster.local", "cluster.example", ""},
      {"My-Fruits.internal", "cluster.local",
       "alias \"My-Fruits.internal\" is not a usable DNS name (it has upper-case letters and "
       "ServiceEntry hosts must be lower-case; write it as my-fruits.internal)"},
      {"my-fruits", "cluster.local",
       "alias \"my-fruits\" is not a usable DNS name (it has no dot, so resolvers would append "
       "search domains to it; put it in a zone, e.g. my-fruits.internal)"},
      {"my-fruits.internal.", "cluster.local",
       "alias \"my-fruits.internal.\" is not a usable DNS name (ServiceEntry hosts take no "
       "trailing dot; write it as my-fruits.internal)"},
      // Never suggest another invalid name; the whole character, control characters escaped.
      {"my-fruits.internal..", "cluster.local",
       "alias \"my-fruits.internal..\" is not a usable DNS name (ServiceEntry hosts take no "
       "trailing dot; write it as my-fruits.internal)"},
      {"a..b.", "cluster.local",
       "alias \"a..b.\" is not a usable DNS name (it has an empty label; use labels of a-z, 0-9 "
       "and '-', e.g. my-fruits.internal)"},
      {"my-fr\xc3\xbcits.internal", "cluster.local",
       "alias \"my-fr\xc3\xbcits.internal\" is not a usable DNS name (DNS names are ASCII and "
       "'\xc3\xbc' is not; write it in punycode, as IDNA does: xn--my-frits-b6a.internal)"},
      {"my\x01"
       "fruits.internal",
       "cluster.local",
       "alias \"my\\x01fruits.internal\" is not a usable DNS name ('\\x01' is not allowed, only "
       "a-z, 0-9 and '-'; use labels of a-z, 0-9 and '-', e.g. my-fruits.internal)"},
      {"\xc3.internal", "cluster.local",
       "alias \"\\xc3.internal\" is not a usable DNS name ('\\xc3' is not allowed, only a-z, "
       "0-9 and '-'; use labels of a-z, 0-9 and '-', e.g. my-fruits.internal)"},
      {"*.internal", "cluster.local",
       "alias \"*.internal\" is not a usable DNS name (a wildcard cannot be aliased to one "
       "Service; name one host, e.g. my-fruits.internal)"},
      {"fruits-api.micro-shake-factory.svc.cluster.local", "cluster.local",
       "alias \"fruits-api.micro-shake-factory.svc.cluster.local\" is not a usable DNS name (it "
       "is inside the cluster domain cluster.local, which the cluster DNS answers itself; pick a "
       "zone outside it, e.g. my-fruits.internal)"},
      {"cluster.local", "cluster.local",
       "alias \"cluster.local\" is not a usable DNS name (it is inside the cluster domain "
       "cluster.local, which the cluster DNS answers itself; pick a zone outside it, e.g. "
       "my-fruits.internal)"},
      {"10.96.0.50", "cluster.local",
       "alias \"10.96.0.50\" is not a usable DNS name (its last label is all digits, so it reads "
       "as an IP address; end it with a zone name, e.g. my-fruits.internal)"},
      {"my_fruits.internal", "cluster.local",
       "alias \"my_fruits.internal\" is not a usable DNS name ('_' is not allowed, only a-z, 0-9 "
       "and '-'; use labels of a-z, 0-9 and '-', e.g. my-fruits.internal)"},
      {"-fruits.internal", "cluster.local",
       "alias \"-fruits.internal\" is not a usable DNS name (it starts or ends with '-'; use "
       "labels of a-z, 0-9 and '-', e.g. my-fruits.internal)"},
      {"my..internal", "cluster.local",
       "alias \"my..internal\" is not a usable DNS name (it has an empty label; use labels of "
       "a-z, 0-9 and '-', e.g. my-fruits.internal)"},
      {"", "cluster.local",
       "alias \"\" is not a usable DNS name (it is empty; give a name such as "
       "my-fruits.internal)"},
  };
  for (const Row& row : rows) {
    INFO(row.fqdn << " in " << row.cluster_domain);
    const Result<void> checked = check_alias_fqdn(row.fqdn, row.cluster_domain);
    if (row.message.empty()) {
      CHECK(checked.has_value());
    } else {
      REQUIRE_FALSE(checked.has_value());
      CHECK(checked.error().code == Errc::usage);
      CHECK(format_error(checked.error()) == row.message);
    }
  }
  const std::string too_long = name_of_length(254);
  CHECK_FALSE(check_alias_fqdn(too_long).has_value());
}

TEST_CASE("manifest::is_inside_domain", "[manifest][names]") {
  struct Row {
    std::string_view name, domain;
    bool inside;
  };
  const Row rows[] = {
      {"a.svc.cluster.local", "cluster.local", true},
      {"cluster.local", "cluster.local", true},
      {"CLUSTER.local.", "cluster.local", true},
      {"a.cluster.local.", "cluster.local.", true},
      {"acluster.local", "cluster.local", false},
      {"cluster.local.example", "cluster.local", false},
      {"anything", "", true},
  };
  for (const Row& row : rows) {
    INFO(row.name << " in " << row.domain);
    CHECK(is_inside_domain(row.name, row.domain) == row.inside);
  }
}

TEST_CASE("manifest::alias_zone", "[manifest][names]") {
  struct Row {
    std::string_view fqdn, zone;
  };
  const Row rows[] = {
      {"my-fruits.internal", "internal"},
      {"my-fruits.internal.", "internal"},
      {"a.b.example", "b.example"},
      {"single", "single"},
  };
  for (const Row& row : rows) {
    INFO(row.fqdn);
    CHECK(alias_zone(row.fqdn) == row.zone);
  }
}

TEST_CASE("manifest::parse_istio_api_version", "[manifest][names]") {
  struct Row {
    std::string_view text;
    bool valid;
    IstioApiVersion version;
    std::string_view printed;
  };
  const Row rows[] = {
      {"v1", true, IstioApiVersion::v1, "networking.istio.io/v1"},
      {"networking.istio.io/v1beta1", true, IstioApiVersion::v1beta1,
       "networking.istio.io/v1beta1"},
      {"v1alpha3", true, IstioApiVersion::v1alpha3, "networking.istio.io/v1alpha3"},
      {"v2", false, IstioApiVersion::v1, ""},
      {"security.istio.io/v1", false, IstioApiVersion::v1, ""},
      {"", false, IstioApiVersion::v1, ""},
  };
  for (const Row& row : rows) {
    INFO(row.text);
    const auto parsed = parse_istio_api_version(row.text);
    REQUIRE(parsed.has_value() == row.valid);
    if (row.valid) {
      CHECK(*parsed == row.version);
      CHECK(istio_api_version(*parsed) == row.printed);
    } else {
      CHECK(parsed.error().code == Errc::usage);
      CHECK(parsed.error().fix == "use one of v1, v1beta1, v1alpha3");
    }
  }
}

}  // namespace meshdns::manifest
