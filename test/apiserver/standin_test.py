#!/usr/bin/python3
"""apiserver::standin: the stand-in answers like kube-apiserver (status code, reason, message).

Messages are the real server's, from k8s.io/apimachinery and k8s.io/kubernetes sources (see
README.md for where each comes from). One stand-in serves every case; names are unique per case.
"""

import os
import sys
import tempfile
import unittest

sys.dont_write_bytecode = True  # keep __pycache__ out of the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from standin_fixture import Standin  # noqa: E402

CM = "/api/v1/namespaces/default/configmaps"
SVC = "/api/v1/namespaces/default/services"
SE = "/apis/networking.istio.io/{}/namespaces/default/serviceentries"
APPLY = "application/apply-patch+yaml"
SEED = """apiVersion: v1
kind: ConfigMap
metadata: {name: coredns, namespace: kube-system, labels: {k8s-app: kube-dns}}
data: {Corefile: ".:53 {\\n    forward . /etc/resolv.conf\\n}\\n"}
---
apiVersion: v1
kind: Namespace
metadata: {name: istio-system, labels: {team: mesh}}
"""


def configmap(name, data=None, **metadata):
    return {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": name, **metadata},
            "data": data or {"k": "v"}}


def service(name, **spec):
    spec.setdefault("ports", [{"port": 80}])
    return {"apiVersion": "v1", "kind": "Service", "metadata": {"name": name}, "spec": spec}


class StandinTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.seed = tempfile.NamedTemporaryFile("w", suffix=".yaml", delete=False)
        cls.seed.write(SEED)
        cls.seed.close()
        cls.server = Standin(seeds=[cls.seed.name])

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()
        os.unlink(cls.seed.name)

    def call(self, *args, **kwargs):
        return self.server.request(*args, **kwargs)

    def assertStatus(self, response, code, reason, message):
        got_code, body = response
        self.assertEqual((got_code, body.get("kind"), body.get("status"), body.get("reason"),
                          body.get("message"), body.get("code")),
                         (code, "Status", "Failure", reason, message, code))

    def test_failures_match_kube_apiserver(self):
        long_name = "a" * 64
        rows = [
            ("bad token", ("GET", CM), {"token": "wrong"}, 401, "Unauthorized", "Unauthorized"),
            ("anonymous off the public paths", ("GET", "/api"), {"token": None}, 403,
             "Forbidden", 'forbidden: User "system:anonymous" cannot get path "/api"'),
            ("anonymous list", ("GET", CM), {"token": None}, 403, "Forbidden",
             'configmaps is forbidden: User "system:anonymous" cannot list resource '
             '"configmaps" in API group "" in the namespace "default"'),
            ("unknown resource", ("GET", "/api/v1/namespaces/default/widgets"), {}, 404,
             "NotFound", "the server could not find the requested resource"),
            ("unknown group", ("GET", "/apis/example.com/v1/things"), {}, 404, "NotFound",
             "the server could not find the requested resource"),
            ("unserved version", ("GET", "/apis/apps/v1beta2/deployments"), {}, 404,
             "NotFound", "the server could not find the requested resource"),
            ("missing object", ("GET", CM + "/nope"), {}, 404, "NotFound",
             'configmaps "nope" not found'),
            ("missing custom object", ("GET", SE.format("v1alpha3") + "/nope"), {}, 404,
             "NotFound", 'serviceentries.networking.istio.io "nope" not found'),
            ("missing namespace", ("POST", "/api/v1/namespaces/nowhere/configmaps",
                                   configmap("x")), {}, 404, "NotFound",
             'namespaces "nowhere" not found'),
            ("configmap name", ("POST", CM, configmap("Bad_Name")), {}, 422, "Invalid",
             'ConfigMap "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name": a '
             "lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, "
             "'-' or '.', and must start and end with an alphanumeric character (e.g. "
             "'example.com', regex used for validation is "
             r"'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"),
            ("service name", ("POST", SVC, service("1web")), {}, 422, "Invalid",
             'Service "1web" is invalid: metadata.name: Invalid value: "1web": a DNS-1035 label '
             "must consist of lower case alphanumeric characters or '-', start with an "
             "alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  "
             "or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')"),
            ("namespace name", ("POST", "/api/v1/namespaces",
                                {"apiVersion": "v1", "kind": "Namespace",
                                 "metadata": {"name": "a.b"}}), {}, 422, "Invalid",
             'Namespace "a.b" is invalid: metadata.name: Invalid value: "a.b": a lowercase RFC '
             "1123 label must consist of lower case alphanumeric characters or '-', and must "
             "start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', "
             "regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"),
            ("name too long", ("POST", SVC, service(long_name)), {}, 422, "Invalid",
             f'Service "{long_name}" is invalid: metadata.name: Invalid value: "{long_name}": '
             "must be no more than 63 characters"),
            ("no name", ("POST", CM, configmap("")), {}, 422, "Invalid",
             'ConfigMap "" is invalid: metadata.name: Required value: name or generateName is '
             "required"),
            ("name differs from URL", ("PUT", CM + "/cm-put", configmap("other")), {}, 400,
             "BadRequest", "the name of the object (other) does not match the name on the URL "
             "(cm-put)"),
            ("patch renames", ("PATCH", "/api/v1/namespaces/kube-system/configmaps/coredns",
                               {"metadata": {"name": "other"}}),
             {"content_type": "application/merge-patch+json"}, 400, "BadRequest",
             "the name of the object (other) does not match the name on the URL (coredns)"),
            ("namespace differs from URL", ("POST", CM, configmap("x", namespace="kube-system")),
             {}, 400, "BadRequest", "the namespace of the provided object does not match the "
             "namespace sent on the request"),
            ("clusterIP out of range", ("POST", SVC, service("bad-ip", clusterIP="1.1.1.1")), {},
             422, "Invalid", 'Service "bad-ip" is invalid: spec.clusterIPs: Invalid value: '
             '[]string{"1.1.1.1"}: failed to allocate IP 1.1.1.1: the provided IP (1.1.1.1) is '
             "not in the valid range. The range of valid IPs is 10.96.0.0/12"),
            ("clusterIP taken", ("POST", SVC, service("taken-ip", clusterIP="10.96.0.1")), {},
             422, "Invalid", 'Service "taken-ip" is invalid: spec.clusterIPs: Invalid value: '
             '[]string{"10.96.0.1"}: failed to allocate IP 10.96.0.1: provided IP is already '
             "allocated"),
            ("port without number", ("POST", SVC, service("no-port", ports=[{"name": "x"}])),
             {}, 422, "Invalid", 'Service "no-port" is invalid: spec.ports[0].port: Invalid '
             "value: 0: must be between 1 and 65535, inclusive"),
            ("no ports", ("POST", SVC, service("no-ports", ports=[])), {}, 422, "Invalid",
             'Service "no-ports" is invalid: spec.ports: Required value'),
            ("service type", ("POST", SVC, service("odd", type="Magic")), {}, 422, "Invalid",
             'Service "odd" is invalid: spec.type: Unsupported value: "Magic": supported '
             'values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"'),
            ("create existing", ("POST", "/api/v1/namespaces/kube-system/configmaps",
                                 configmap("coredns")), {}, 409, "AlreadyExists",
             'configmaps "coredns" already exists'),
            ("apply without fieldManager", ("PATCH", CM + "/x", configmap("x")),
             {"content_type": APPLY}, 422, "Invalid",
             'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required '
             "for apply patch"),
            ("force on a merge patch", ("PATCH", CM + "/x?force=true", {}),
             {"content_type": "application/merge-patch+json"}, 422, "Invalid",
             'PatchOptions.meta.k8s.io "" is invalid: force: Forbidden: may not be specified '
             "for non-apply patch"),
            ("bad dryRun", ("POST", CM + "?dryRun=Yes", configmap("x")), {}, 422, "Invalid",
             'CreateOptions.meta.k8s.io "" is invalid: dryRun: Unsupported value: '
             '[]string{"Yes"}: supported values: "All"'),
            ("strategic merge on a custom resource", ("PATCH", SE.format("v1") + "/x", {}),
             {"content_type": "application/strategic-merge-patch+json"}, 415,
             "UnsupportedMediaType", "the body of the request was in an unknown format - "
             "accepted media types include: application/json-patch+json, "
             "application/merge-patch+json, application/apply-patch+yaml"),
            ("patch of a missing object", ("PATCH", CM + "/nope", {"data": {}}),
             {"content_type": "application/merge-patch+json"}, 404, "NotFound",
             'configmaps "nope" not found'),
            ("put of a missing object", ("PUT", CM + "/nope", configmap("nope")), {}, 404,
             "NotFound", 'configmaps "nope" not found'),
            ("delete of a missing object", ("DELETE", CM + "/nope"), {}, 404, "NotFound",
             'configmaps "nope" not found'),
            ("unsupported field selector", ("GET", CM + "?fieldSelector=spec.x%3Dy"), {}, 400,
             "BadRequest", 'Unable to find "/v1, Resource=configmaps" that match label '
             'selector "", field selector "spec.x=y": field label not supported: spec.x'),
            ("bad config key", ("POST", CM, configmap("bad-key", {"a b": "c"})), {}, 422,
             "Invalid", 'ConfigMap "bad-key" is invalid: data[a b]: Invalid value: "a b": a '
             "valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. "
             "'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is "
             "'[-._a-zA-Z0-9]+')"),
            ("unknown fields, strict", ("POST", SVC + "?fieldValidation=Strict",
                                        service("typo", ports=[{"port": 80, "portz": 1}],
                                                selectr={})), {}, 400, "BadRequest",
             'strict decoding error: unknown field "spec.selectr", unknown field '
             '"spec.ports[0].portz"'),
            ("delete kube-system", ("DELETE", "/api/v1/namespaces/kube-system"), {}, 403,
             "Forbidden", 'namespaces "kube-system" is forbidden: this namespace may not be '
             "deleted"),
            ("post on an item", ("POST", CM + "/coredns", configmap("coredns")), {}, 405,
             "MethodNotAllowed", "the server does not allow this method on the requested "
             "resource"),
        ]
        for name, request, options, code, reason, message in rows:
            with self.subTest(name):
                self.assertStatus(self.call(*request, **options), code, reason, message)

    def test_not_found_details(self):
        _, body = self.call("GET", SE.format("v1") + "/nope")
        self.assertEqual(body["details"], {"name": "nope", "group": "networking.istio.io",
                                           "kind": "serviceentries"})
        _, body = self.call("GET", "/api/v1/widgets")
        self.assertEqual(body["details"], {})

    def test_public_paths_and_client_certificates(self):
        self.assertEqual(self.call("GET", "/version", token=None)[1]["gitVersion"], "v1.32.5")
        self.assertEqual(self.call("GET", "/healthz", token=None), (200, "ok"))
        code, body = self.call("GET", CM, token=None, cert=True)
        self.assertEqual((code, body["kind"]), (200, "ConfigMapList"))

    def test_stale_update_conflicts_and_unconditional_update_succeeds(self):
        code, created = self.call("POST", CM, configmap("cm-put"))
        self.assertEqual(code, 201)
        stale = created["metadata"]["resourceVersion"]
        code, updated = self.call("PUT", CM + "/cm-put", configmap(
            "cm-put", {"k": "2"}, resourceVersion=stale))
        self.assertEqual(code, 200)
        self.assertGreater(int(updated["metadata"]["resourceVersion"]), int(stale))
        self.assertStatus(self.call("PUT", CM + "/cm-put", configmap(
            "cm-put", {"k": "3"}, resourceVersion=stale)), 409, "Conflict",
            'Operation cannot be fulfilled on configmaps "cm-put": the object has been '
            "modified; please apply your changes to the latest version and try again")
        code, body = self.call("PUT", CM + "/cm-put", configmap("cm-put", {"k": "4"}))
        self.assertEqual((code, body["data"]), (200, {"k": "4"}))
        self.assertEqual(body["metadata"]["uid"], created["metadata"]["uid"])
        frozen = dict(configmap("cm-put", {"k": "4"}), immutable=True)
        self.assertEqual(self.call("PUT", CM + "/cm-put", frozen)[0], 200)
        self.assertStatus(self.call("PUT", CM + "/cm-put", dict(frozen, data={"k": "5"})), 422,
                          "Invalid", 'ConfigMap "cm-put" is invalid: data: Forbidden: field is '
                          "immutable when `immutable` is set")

    def test_server_side_apply_owns_fields_and_conflicts(self):
        path = SE.format("v1") + "/se-apply"
        config = {"apiVersion": "networking.istio.io/v1", "kind": "ServiceEntry",
                  "metadata": {"name": "se-apply", "labels": {"a": "1", "b": "2"}},
                  "spec": {"hosts": ["a.example.com"], "resolution": "DNS"}}
        code, body = self.call("PATCH", path + "?fieldManager=first", config, APPLY)
        self.assertEqual(code, 201)
        self.assertEqual([(e["manager"], e["operation"]) for e in body["metadata"]
                          ["managedFields"]], [("first", "Apply")])
        self.assertEqual(body["metadata"]["generation"], 1)
        other = dict(config, spec={"hosts": ["b.example.com"]})
        other["metadata"] = {"name": "se-apply"}
        code, body = self.call("PATCH", path + "?fieldManager=second", other, APPLY)
        self.assertEqual((code, body["message"]), (409, 'Apply failed with 1 conflict: '
                                                   'conflict with "first": .spec.hosts'))
        self.assertEqual(body["details"]["causes"], [{"reason": "FieldManagerConflict",
                                                      "message": 'conflict with "first"',
                                                      "field": ".spec.hosts"}])
        code, body = self.call("PATCH", path + "?fieldManager=second&force=true", other, APPLY)
        self.assertEqual((code, body["spec"]["hosts"], body["metadata"]["generation"]),
                         (200, ["b.example.com"], 2))
        # first re-applies without label b: b is dropped, hosts now belongs to second.
        config["metadata"]["labels"] = {"a": "1"}
        config["spec"] = {"resolution": "DNS"}
        code, body = self.call("PATCH", path + "?fieldManager=first", config, APPLY)
        self.assertEqual((code, body["metadata"]["labels"], body["spec"]),
                         (200, {"a": "1"}, {"hosts": ["b.example.com"], "resolution": "DNS"}))

    def test_apply_drops_list_items_it_no_longer_sets(self):
        path = SVC + "/two-ports?fieldManager=me"
        two = service("two-ports", ports=[{"name": "a", "port": 80},
                                          {"name": "b", "port": 81, "targetPort": 9000}])
        self.assertEqual(self.call("PATCH", path, two, APPLY)[0], 201)
        one = service("two-ports", ports=[{"name": "a", "port": 80}])
        code, body = self.call("PATCH", path, one, APPLY)
        self.assertEqual((code, body["spec"]["ports"]),
                         (200, [{"name": "a", "port": 80, "protocol": "TCP", "targetPort": 80}]))
        code, again = self.call("PATCH", path, one, APPLY)
        self.assertEqual((code, again["metadata"]["resourceVersion"]),
                         (200, body["metadata"]["resourceVersion"]))  # a no-op keeps it

    def test_apply_conflicts_with_an_update_manager(self):
        path = "/api/v1/namespaces/kube-system/configmaps/coredns"
        code, body = self.call("PATCH", path + "?fieldManager=meshdns",
                               configmap("coredns", {"Corefile": "changed"}), APPLY)
        self.assertEqual((code, body.get("message")), (409, 'Apply failed with 1 conflict: '
                         'conflict with "standin-seed" using v1: .data.Corefile'))
        code, _ = self.call("PATCH", path + "?fieldManager=meshdns&dryRun=All&force=true",
                            configmap("coredns", {"Corefile": "changed"}), APPLY)
        self.assertEqual(code, 200)
        self.assertNotEqual(self.call("GET", path)[1]["data"]["Corefile"], "changed")

    def test_dry_run_persists_nothing(self):
        code, body = self.call("POST", SVC + "?dryRun=All", service("dry"))
        self.assertEqual(code, 201)
        self.assertTrue(body["spec"]["clusterIP"].startswith("10."))
        self.assertEqual(self.call("GET", SVC + "/dry")[0], 404)
        code, _ = self.call("DELETE", "/api/v1/namespaces/kube-system/configmaps/coredns"
                            "?dryRun=All")
        self.assertEqual(code, 200)
        self.assertEqual(self.call("GET", "/api/v1/namespaces/kube-system/configmaps/coredns")
                         [0], 200)

    def test_services_allocate_cluster_ips(self):
        _, first = self.call("POST", SVC, service("alloc-a"))
        _, second = self.call("POST", SVC, service("alloc-b"))
        _, headless = self.call("POST", SVC, service("alloc-h", clusterIP="None"))
        ips = {first["spec"]["clusterIP"], second["spec"]["clusterIP"]}
        self.assertEqual(len(ips), 2)
        self.assertTrue(all(ip.startswith("10.96.") for ip in ips))
        self.assertEqual((headless["spec"]["clusterIP"], headless["spec"]["type"]),
                         ("None", "ClusterIP"))
        self.assertEqual(first["spec"]["ports"][0],
                         {"port": 80, "protocol": "TCP", "targetPort": 80})

    def test_versions_share_storage(self):
        body = {"apiVersion": "networking.istio.io/v1beta1", "kind": "ServiceEntry",
                "metadata": {"name": "se-versions"}, "spec": {"hosts": ["x.example.com"]}}
        self.assertEqual(self.call("POST", SE.format("v1beta1"), body)[0], 201)
        for version in ("v1", "v1beta1", "v1alpha3"):
            code, got = self.call("GET", SE.format(version) + "/se-versions")
            self.assertEqual((code, got["apiVersion"]), (200, f"networking.istio.io/{version}"))
        code, listed = self.call("GET", SE.format("v1alpha3"))
        self.assertEqual(listed["items"][0]["apiVersion"], "networking.istio.io/v1alpha3")

    def test_selectors(self):
        for name, labels in (("sel-a", {"app": "a", "tier": "web"}),
                             ("sel-b", {"app": "b"}), ("sel-c", {})):
            self.call("POST", "/api/v1/namespaces/kube-public/configmaps",
                      configmap(name, labels=labels))
        rows = [("labelSelector=app%3Da", ["sel-a"]), ("labelSelector=app%3D%3Db", ["sel-b"]),
                ("labelSelector=app!%3Da", ["sel-b", "sel-c"]),
                ("labelSelector=app%20in%20(a,b)", ["sel-a", "sel-b"]),
                ("labelSelector=app%20notin%20(a)", ["sel-b", "sel-c"]),
                ("labelSelector=tier", ["sel-a"]), ("labelSelector=!app", ["sel-c"]),
                ("labelSelector=app,tier%3Dweb", ["sel-a"]),
                ("fieldSelector=metadata.name%3Dsel-c", ["sel-c"]),
                ("fieldSelector=metadata.name!%3Dsel-c", ["sel-a", "sel-b"])]
        for query, expected in rows:
            with self.subTest(query):
                code, body = self.call("GET", f"/api/v1/namespaces/kube-public/configmaps?{query}")
                self.assertEqual((code, [i["metadata"]["name"] for i in body["items"]]),
                                 (200, expected))

    def test_unknown_fields_warn_by_default(self):
        code, _ = self.call("POST", CM, dict(configmap("cm-warn"), dta={}))
        self.assertEqual((code, self.server.last_headers.get_all("Warning")),
                         (201, ['299 - "unknown field \\"dta\\""']))

    def test_pagination(self):
        for index in range(5):
            self.call("POST", "/api/v1/namespaces/kube-node-lease/configmaps",
                      configmap(f"page-{index}"))
        names, token, pages = [], "", 0
        while True:
            query = "limit=2" + (f"&continue={token}" if token else "")
            code, body = self.call("GET", f"/api/v1/namespaces/kube-node-lease/configmaps?{query}")
            self.assertEqual(code, 200)
            names += [item["metadata"]["name"] for item in body["items"]]
            pages += 1
            token = body["metadata"].get("continue", "")
            if not token:
                break
            self.assertEqual(body["metadata"]["remainingItemCount"], 5 - len(names))
        self.assertEqual((names, pages), ([f"page-{i}" for i in range(5)], 3))

    def test_patches(self):
        self.call("POST", CM, configmap("cm-patch", {"a": "1", "b": "2"}))
        code, body = self.call("PATCH", CM + "/cm-patch", {"data": {"a": None, "c": "3"}},
                               "application/merge-patch+json")
        self.assertEqual((code, body["data"]), (200, {"b": "2", "c": "3"}))
        code, body = self.call("PATCH", CM + "/cm-patch", [{"op": "replace", "path": "/data/b",
                                                            "value": "9"}],
                               "application/json-patch+json")
        self.assertEqual((code, body["data"]), (200, {"b": "9", "c": "3"}))
        self.call("POST", SVC, service("svc-smp", ports=[{"name": "a", "port": 80},
                                                         {"name": "b", "port": 81}]))
        code, body = self.call("PATCH", SVC + "/svc-smp",
                               {"spec": {"ports": [{"port": 81, "targetPort": 9000}]}},
                               "application/strategic-merge-patch+json")
        self.assertEqual([(p["port"], p["targetPort"]) for p in body["spec"]["ports"]],
                         [(80, 80), (81, 9000)])
        stale = {"metadata": {"resourceVersion": "1"}, "data": {"z": "1"}}
        self.assertEqual(self.call("PATCH", CM + "/cm-patch", stale,
                                   "application/merge-patch+json")[0], 409)

    def test_discovery(self):
        code, body = self.call("GET", "/api/v1")
        configmaps = next(r for r in body["resources"] if r["name"] == "configmaps")
        self.assertEqual((configmaps["kind"], configmaps["namespaced"], configmaps["shortNames"],
                          configmaps["singularName"]), ("ConfigMap", True, ["cm"], "configmap"))
        _, group = self.call("GET", "/apis/networking.istio.io")
        self.assertEqual([v["version"] for v in group["versions"]], ["v1", "v1beta1", "v1alpha3"])
        self.assertEqual(group["preferredVersion"]["version"], "v1")
        code, body = self.call("GET", "/apis", headers={
            "Accept": "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList"})
        self.assertEqual((code, body["kind"], [i["metadata"]["name"] for i in body["items"]]),
                         (200, "APIGroupDiscoveryList",
                          ["apps", "networking.istio.io", "operator.openshift.io"]))
        _, body = self.call("GET", "/apis")
        self.assertEqual(body["kind"], "APIGroupList")

    def test_generation_and_deployment_validation(self):
        deployments = "/apis/apps/v1/namespaces/default/deployments"
        deployment = {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web"},
                      "spec": {"selector": {"matchLabels": {"app": "web"}}, "template": {
                          "metadata": {"labels": {"app": "other"}},
                          "spec": {"containers": [{"name": "c", "image": "nginx"}]}}}}
        self.assertStatus(self.call("POST", deployments, deployment), 422, "Invalid",
                          'Deployment.apps "web" is invalid: spec.template.metadata.labels: '
                          'Invalid value: map[string]string{"app":"other"}: `selector` does not '
                          "match template `labels`")
        deployment["spec"]["template"]["metadata"]["labels"] = {"app": "web"}
        _, created = self.call("POST", deployments, deployment)
        self.assertEqual(created["metadata"]["generation"], 1)
        _, patched = self.call("PATCH", deployments + "/web", {"spec": {"replicas": 3}},
                               "application/merge-patch+json")
        self.assertEqual(patched["metadata"]["generation"], 2)

    def test_daemon_sets(self):
        daemonsets = "/apis/apps/v1/namespaces/default/daemonsets"
        daemonset = {"apiVersion": "apps/v1", "kind": "DaemonSet",
                     "metadata": {"name": "node-cache"},
                     "spec": {"selector": {"matchLabels": {"k8s-app": "node-cache"}}, "template": {
                         "metadata": {"labels": {"k8s-app": "other"}},
                         "spec": {"containers": [{"name": "c", "image": "node-cache"}]}}}}
        self.assertStatus(self.call("POST", daemonsets, daemonset), 422, "Invalid",
                          'DaemonSet.apps "node-cache" is invalid: spec.template.metadata.labels: '
                          'Invalid value: map[string]string{"k8s-app":"other"}: `selector` does '
                          "not match template `labels`")
        daemonset["spec"]["template"]["metadata"]["labels"] = {"k8s-app": "node-cache"}
        code, created = self.call("POST", daemonsets, daemonset)
        self.assertEqual((code, created["metadata"]["generation"],
                          created["spec"]["updateStrategy"]["type"]), (201, 1, "RollingUpdate"))
        _, patched = self.call("PATCH", daemonsets + "/node-cache",
                               {"spec": {"template": {"spec": {"containers": [
                                   {"name": "c", "image": "node-cache:2"}]}}}},
                               "application/strategic-merge-patch+json")
        self.assertEqual((patched["metadata"]["generation"],
                          patched["spec"]["template"]["spec"]["containers"][0]["image"]),
                         (2, "node-cache:2"))
        _, body = self.call("GET", "/apis/apps/v1")
        self.assertIn(("daemonsets", "DaemonSet", True, ["ds"]),
                      [(r["name"], r["kind"], r["namespaced"], r.get("shortNames"))
                       for r in body["resources"]])

    def test_openshift_dns_operator(self):
        dnses = "/apis/operator.openshift.io/v1/dnses"
        dns = {"apiVersion": "operator.openshift.io/v1", "kind": "DNS",
               "metadata": {"name": "default"},
               "spec": {"servers": [{"name": "corp", "zones": ["corp.example"]}]}}
        self.assertStatus(self.call("POST", dnses, dns), 422, "Invalid",
                          'DNS.operator.openshift.io "default" is invalid: '
                          "spec.servers[0].forwardPlugin.upstreams: Required value")
        dns["spec"]["servers"][0]["forwardPlugin"] = {"upstreams": ["10.0.0.53"]}
        code, created = self.call("POST", dnses, dns)
        self.assertEqual((code, created["spec"]["servers"][0]["forwardPlugin"]["policy"],
                          "namespace" in created["metadata"]), (201, "Random", False))
        # Cluster-scoped: no namespaced path, and PUT is conditional like any other kind.
        self.assertEqual(self.call("GET", "/apis/operator.openshift.io/v1/namespaces/default/"
                                          "dnses/default")[0], 404)
        stale = dict(created, metadata=dict(created["metadata"], resourceVersion="1"))
        self.assertEqual(self.call("PUT", dnses + "/default", stale)[0], 409)
        self.assertStatus(self.call("GET", dnses + "/missing"), 404, "NotFound",
                          'dnses.operator.openshift.io "missing" not found')

    def test_faults_and_request_log(self):
        code, _ = self.call("POST", "/_standin/faults", {"path_regex": "/configmaps/cm-fault$",
                                                          "method": "GET", "status": 500,
                                                          "count": 1}, token=None)
        self.assertEqual(code, 201)
        self.assertStatus(self.call("GET", CM + "/cm-fault"), 500, "InternalError",
                          "injected fault")
        self.assertEqual(self.call("GET", CM + "/cm-fault")[0], 404)
        self.call("POST", "/_standin/faults", {"path_regex": "/cm-drop$", "status": 500,
                                               "drop_connection": True}, token=None)
        with self.assertRaises(ConnectionError):
            self.call("GET", CM + "/cm-drop")
        self.assertEqual(self.call("POST", "/_standin/faults", {"path_regex": "(", "status": 1},
                                   token=None)[0], 400)
        self.call("PUT", "/_standin/tokens", {"tokens": ["second"]}, token=None)
        self.assertEqual(self.call("GET", CM)[0], 401)
        self.assertEqual(self.call("GET", CM, token="second")[0], 200)
        self.call("PUT", "/_standin/tokens", {"tokens": ["standin-test-token"]}, token=None)
        _, log = self.call("GET", "/_standin/requests", token=None)
        self.assertEqual([(entry["path"].rsplit("/", 1)[1], entry["status"],
                           entry["headers"]["Authorization"]) for entry in log["requests"]
                          if "/cm-fault" in entry["path"] or "/cm-drop" in entry["path"]],
                         [("cm-fault", 500, "<redacted>"), ("cm-fault", 404, "<redacted>"),
                          ("cm-drop", -1, "<redacted>")])

    def test_concurrent_write_fault_makes_a_real_conflict(self):
        # A client reads, another client writes (the fault's "concurrent" request), then the
        # client's conditional PUT must get the real 409 and the other write must be stored.
        code, created = self.call("POST", CM, configmap("cm-race", {"a": "1"}))
        self.assertEqual(code, 201)
        self.call("POST", "/_standin/faults", {
            "path_regex": "/configmaps/cm-race$", "method": "PUT",
            "concurrent": {"method": "PATCH", "path": CM + "/cm-race",
                           "content_type": "application/merge-patch+json",
                           "body": {"data": {"b": "2"}}}}, token=None)
        created["data"] = {"a": "ours"}
        self.assertStatus(self.call("PUT", CM + "/cm-race", created), 409, "Conflict",
                          'Operation cannot be fulfilled on configmaps "cm-race": the object has '
                          'been modified; please apply your changes to the latest version and '
                          'try again')
        code, stored = self.call("GET", CM + "/cm-race")
        self.assertEqual(stored["data"], {"a": "1", "b": "2"})
        stored["data"]["a"] = "ours"
        self.assertEqual(self.call("PUT", CM + "/cm-race", stored)[0], 200)
        self.assertEqual(self.call("POST", "/_standin/faults", {"concurrent": {"path": 1}},
                                   token=None)[0], 400)


if __name__ == "__main__":
    unittest.main()
