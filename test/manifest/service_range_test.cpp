#include <meshdns/manifest/service_range.hpp>

#include <catch2/catch.hpp>

#include <set>
#include <string>

namespace meshdns::manifest {

TEST_CASE("manifest::parse_ipv4_range", "[manifest][service_range]") {
  const auto kubeadm = parse_ipv4_range("10.96.0.0/12", "--service-cidr");
  REQUIRE(kubeadm.has_value());
  CHECK(kubeadm->text() == "10.96.0.0/12");
  CHECK(kubeadm->size() == 1048576);
  CHECK(kubeadm->contains(*parse_ipv4("10.111.255.255")));
  CHECK_FALSE(kubeadm->contains(*parse_ipv4("10.112.0.0")));
  CHECK(parse_ipv4_range("0.0.0.0/0", "x").has_value());

  struct Row {
    std::string text, why;
  };
  const Row rows[] = {
      {"10.96.0.0", "it has no /PREFIX"},
      {"10.96.0/12", "\"10.96.0\" is not an IPv4 address"},
      {"fd00::/108", "\"fd00::\" is not an IPv4 address"},
      {"10.96.0.0/33", "the prefix length must be 0-32"},
      {"10.96.0.0/x", "the prefix length must be 0-32"},
      {"10.96.0.1/12", "the network address of /12 is not 10.96.0.1"},
  };
  for (const auto& row : rows) {
    INFO(row.text);
    const auto parsed = parse_ipv4_range(row.text, "--service-cidr");
    REQUIRE_FALSE(parsed.has_value());
    CHECK(parsed.error().code == Errc::usage);
    CHECK(parsed.error().what == "--service-cidr \"" + row.text + "\" is not an IPv4 range");
    CHECK(parsed.error().why == row.why);
    CHECK(parsed.error().fix == "give it as ADDRESS/PREFIX, e.g. 10.96.0.0/12");
  }
}

TEST_CASE("manifest::range_from_rejection reads kube-apiserver's message",
          "[manifest][service_range]") {
  // kube-apiserver 1.20-1.30 (and the stand-in), then 1.31+ with a ServiceCIDR allocator.
  const std::string messages[] = {
      "Service \"probe\" is invalid: spec.clusterIPs: Invalid value: []string{\"192.0.2.1\"}: "
      "failed to allocate IP 192.0.2.1: the provided IP (192.0.2.1) is not in the valid range. "
      "The range of valid IPs is 10.100.0.0/16",
      "failed to allocate IP 192.0.2.1: provided IP is not in the valid range. The range of valid "
      "IPs is [10.100.0.0/16]",
      "failed to allocate IP: The range of valid IPs is fd00:10::/108, 10.100.0.0/16",
  };
  for (const auto& message : messages) {
    INFO(message);
    const auto range = range_from_rejection(message);
    REQUIRE(range.has_value());
    CHECK(range->text() == "10.100.0.0/16");
  }
  CHECK_FALSE(range_from_rejection("spec.clusterIPs: Invalid value: \"x\": must be a valid IP"));
  CHECK_FALSE(range_from_rejection("The range of valid IPs is fd00:10::/108"));
  CHECK(is_already_allocated(
      "Service \"a\" is invalid: spec.clusterIPs: Invalid value: []string{\"10.96.0.11\"}: failed "
      "to allocate IP 10.96.0.11: provided IP is already allocated"));
  CHECK_FALSE(is_already_allocated("the provided IP (1.2.3.4) is not in the valid range"));
}

TEST_CASE("manifest::pick_free_address", "[manifest][service_range]") {
  const auto range = *parse_ipv4_range("10.96.0.0/12", "r");
  CHECK(*pick_free_address(range, {}) == "10.96.0.11");
  CHECK(*pick_free_address(range, {"10.96.0.1", "10.96.0.10", "10.96.0.11", "10.96.0.12"}) ==
        "10.96.0.13");
  CHECK(*pick_free_address(range, {"10.96.0.11", "10.96.0.13"}) == "10.96.0.12");

  // A /28 has 16 addresses: .0 network, .1-.10 left alone, .11-.14 usable, .15 broadcast.
  const auto small = *parse_ipv4_range("10.0.0.0/28", "r");
  CHECK(*pick_free_address(small, {"10.0.0.11", "10.0.0.12", "10.0.0.13"}) == "10.0.0.14");
  const auto full = pick_free_address(small, {"10.0.0.11", "10.0.0.12", "10.0.0.13", "10.0.0.14"});
  REQUIRE_FALSE(full.has_value());
  CHECK(full.error().code == Errc::refused);
  CHECK(full.error().what == "no free cluster IP in 10.0.0.0/28");
  CHECK(full.error().why == "every address from 10.0.0.11 to 10.0.0.14 is taken");
  CHECK(full.error().fix ==
        "delete Services that are no longer used, or give --cluster-ip a free address");
}

}  // namespace meshdns::manifest
