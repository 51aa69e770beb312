#include <meshdns/kube/endpoints.hpp>
#include <meshdns/kube/port_forward.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <string_view>

namespace meshdns::kube {

TEST_CASE("kube::port_forward_refusal", "[kube][port_forward]") {
  const PodPort target{"kube-system", "coredns-a", 53};
  struct Row {
    long status;  // NOLINT(google-runtime-int)
    std::string_view body;
    Errc code;
    std::string_view line;
  };
  const Row rows[] = {
      {403,
       R"({"kind":"Status","status":"Failure","message":"pods \"coredns-a\" is forbidden: User \"ci\" cannot create resource \"pods/portforward\" in API group \"\" in the namespace \"kube-system\"","reason":"Forbidden","code":403})",
       Errc::unauthorized,
       R"(Error from server (Forbidden): pods "coredns-a" is forbidden: User "ci" cannot create resource "pods/portforward" in API group "" in the namespace "kube-system" (port-forwarding needs the RBAC verbs get and create on pods/portforward; grant them in namespace kube-system, e.g. kubectl create role meshdns-portforward -n kube-system --verb=get,create --resource=pods/portforward and bind it to this user))"},
      {403, "", Errc::refused,
       "the port-forward to pod kube-system/coredns-a was refused (the server did not accept the "
       "WebSocket subprotocol v4.channel.k8s.io (403 without a body); check for a proxy that "
       "rewrites Sec-WebSocket-Protocol; the node's container runtime must serve WebSocket "
       "port-forwarding (containerd and CRI-O do))"},
      {400,
       R"({"kind":"Status","status":"Failure","message":"Upgrade request required","reason":"BadRequest","code":400})",
       Errc::network,
       "the port-forward to pod kube-system/coredns-a lost its upgrade (the API server got a "
       "plain GET: a proxy in between drops the Upgrade header; let the proxy pass WebSocket "
       "upgrades (Connection: Upgrade), or run verify where it reaches the API server "
       "directly)"},
      {400, "query parameter \"port\" is required", Errc::server,
       "the port-forward to pod kube-system/coredns-a port 53 was refused: query parameter "
       "\"port\" is required (the server could not use the requested port; give a port from 1 "
       "to 65535 the pod listens on (--pod-port))"},
      {404,
       R"({"kind":"Status","status":"Failure","message":"pods \"coredns-a\" not found","reason":"NotFound","code":404})",
       Errc::not_found, R"(Error from server (NotFound): pods "coredns-a" not found)"},
  };
  for (const Row& row : rows) {
    INFO(row.status << " " << row.body);
    const Error error = port_forward_refusal(target, row.status, row.body);
    CHECK(error.code == row.code);
    CHECK(format_error(error) == row.line);
  }
}

TEST_CASE("kube::ready_pods_of", "[kube][port_forward]") {
  const auto endpoints = nlohmann::json::parse(R"({
    "subsets": [
      {"addresses": [
         {"ip": "10.244.0.6", "targetRef": {"kind": "Pod", "namespace": "kube-system", "name": "coredns-b"}},
         {"ip": "10.244.0.5", "targetRef": {"kind": "Pod", "name": "coredns-a"}},
         {"ip": "10.0.0.9"}],
       "notReadyAddresses": [
         {"ip": "10.244.0.7", "targetRef": {"kind": "Pod", "namespace": "kube-system", "name": "coredns-c"}}],
       "ports": [{"name": "dns", "port": 53, "protocol": "UDP"}]},
      {"addresses": [
         {"ip": "10.244.0.6", "targetRef": {"kind": "Pod", "namespace": "kube-system", "name": "coredns-b"}}],
       "ports": [{"name": "dns-tcp", "port": 53, "protocol": "TCP"}]}
    ]})");
  auto pods = ready_pods_of(endpoints, "kube-system", "kube-dns", 53);
  REQUIRE(pods);
  // Ready ones only, each once, sorted; an address without a pod cannot be port-forwarded.
  REQUIRE(pods->size() == 2);
  CHECK((*pods)[0].pod == "coredns-a");
  CHECK((*pods)[0].namespace_name == "kube-system");
  CHECK((*pods)[1].pod == "coredns-b");
  CHECK((*pods)[1].port == 53);

  auto none = ready_pods_of(nlohmann::json::parse(R"({"subsets": [{"notReadyAddresses": [
      {"ip": "10.244.0.7", "targetRef": {"kind": "Pod", "name": "coredns-c"}}]}]})"),
                            "kube-system", "kube-dns", 53);
  REQUIRE_FALSE(none);
  CHECK(none.error().code == Errc::not_found);
  CHECK(none.error().what == "no ready pod serves Service kube-system/kube-dns");
}

}  // namespace meshdns::kube
