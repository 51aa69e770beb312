#!/usr/bin/python3
"""apiserver::kubectl: the real kubectl works against the stand-in, TLS verified with the test CA.

Runs each kubectl found (the plain 1.32 client, and /usr/bin/kubectl, a dispatcher that sends a
/version request of its own), or the one named on the command line, with a token kubeconfig
and a client-certificate kubeconfig.
A missing kubectl skips (exit 77, ctest's SKIP_RETURN_CODE), in CI too: Debian has no kubectl.
"""

import os
import subprocess
import sys
import tempfile
import unittest

sys.dont_write_bytecode = True  # keep __pycache__ out of the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from standin_fixture import Standin  # noqa: E402

CANDIDATES = ["/usr/lib/google-cloud-sdk/bin/kubectl.1.32", "/usr/bin/kubectl"]
SEED = """apiVersion: v1
kind: ConfigMap
metadata: {name: coredns, namespace: kube-system}
data: {Corefile: ".:53 {\\n    forward . /etc/resolv.conf\\n}\\n"}
---
apiVersion: v1
kind: Pod
metadata: {name: coredns-a, namespace: kube-system}
spec: {containers: [{name: coredns, image: coredns/coredns:1.11.1}]}
status: {phase: Running}
"""
MANIFEST = """apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: {name: external-api, namespace: default}
spec:
  hosts: [api.example.com]
  ports: [{number: 443, name: https, protocol: TLS}]
  resolution: DNS
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: default}
spec:
  ports: [{port: 80, targetPort: TARGET}]
"""


def available():
    return [path for path in CANDIDATES if os.access(path, os.X_OK)]


class KubectlTest(unittest.TestCase):
    kubectl = None  # set per binary in load_tests

    @classmethod
    def setUpClass(cls):
        # One stand-in per kubectl: its discovery cache then carries over between commands.
        cls.seed = tempfile.NamedTemporaryFile("w", suffix=".yaml", delete=False)
        cls.seed.write(SEED)
        cls.seed.close()
        cls.server = Standin(seeds=[cls.seed.name])
        cls.token_config = cls.server.write_kubeconfig("token")
        cls.cert_config = cls.server.write_kubeconfig("cert", namespace="kube-system")

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()
        os.unlink(cls.seed.name)

    def setUp(self):
        self.server.request("POST", "/_standin/reset", token=None)

    def run_kubectl(self, *args, kubeconfig=None, stdin=None):
        argv = [self.kubectl, "--kubeconfig", kubeconfig or self.token_config,
                "--cache-dir", self.server.path("cache")] + list(args)
        env = dict(os.environ, HOME=self.server.dir)
        return subprocess.run(argv, input=stdin, capture_output=True, text=True, timeout=30,
                              env=env)

    def manifest(self, target_port):
        return MANIFEST.replace("TARGET", str(target_port))

    def test_reads(self):
        result = self.run_kubectl("get", "ns")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertRegex(result.stdout, r"(?m)^kube-system\s+Active\s")
        result = self.run_kubectl("get", "configmap", "-n", "kube-system", "coredns", "-o", "yaml")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("forward . /etc/resolv.conf", result.stdout)
        self.assertIn("kind: ConfigMap", result.stdout)
        result = self.run_kubectl("get", "configmap", "nope")
        self.assertEqual((result.returncode, result.stderr.strip()),
                         (1, 'Error from server (NotFound): configmaps "nope" not found'))

    def test_port_forward_handshake(self):
        # kubectl >= 1.31 tries the WebSocket upgrade first, with SPDY tunnelled inside
        # (SPDY/3.1+portforward.k8s.io), which the stand-in does not serve; then SPDY itself.
        # Its WebSocket request shows the handshake fields a real client sends, which are the
        # ones kubectl-meshdns sends with v4.channel.k8s.io instead (portforward_test.py).
        result = self.run_kubectl("port-forward", "-n", "kube-system", "pod/coredns-a", "0:53")
        self.assertNotEqual(result.returncode, 0)
        _, log = self.server.request("GET", "/_standin/requests", token=None)
        upgrades = [r for r in log["requests"] if r["path"].endswith("/portforward")]
        self.assertGreaterEqual(len(upgrades), 1, log)
        first = upgrades[0]
        headers = {k.lower(): v for k, v in first["headers"].items()}
        self.assertEqual(first["method"], "GET")
        self.assertEqual(headers["upgrade"], "websocket")
        self.assertEqual(headers["connection"], "Upgrade")
        self.assertEqual(headers["sec-websocket-version"], "13")
        self.assertEqual(len(headers["sec-websocket-key"]), 24)  # base64 of 16 bytes
        self.assertEqual(headers["sec-websocket-protocol"], "SPDY/3.1+portforward.k8s.io")
        self.assertEqual(first["status"], 400)

    def test_typed_create_sends_protobuf(self):
        for args, expected in ((["namespace", "mesh"], "namespace/mesh created"),
                               (["configmap", "extra", "--from-literal=a=b"],
                                "configmap/extra created"),
                               (["service", "clusterip", "api", "--tcp=80:8080"],
                                "service/api created")):
            result = self.run_kubectl("create", *args)
            self.assertEqual((result.returncode, result.stdout.strip()), (0, expected),
                             result.stderr)
        log = self.server.request("GET", "/_standin/requests", token=None)[1]["requests"]
        self.assertEqual({entry["headers"].get("Content-Type") for entry in log
                          if entry["method"] == "POST"}, {"application/vnd.kubernetes.protobuf"})
        _, service = self.server.request("GET", "/api/v1/namespaces/default/services/api")
        self.assertEqual(service["spec"]["ports"][0]["targetPort"], 8080)

    def test_client_certificate(self):
        result = self.run_kubectl("get", "configmaps", kubeconfig=self.cert_config)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertRegex(result.stdout, r"(?m)^coredns\s+1\s")
        log = self.server.request("GET", "/_standin/requests", token=None)[1]["requests"]
        self.assertEqual({entry["user"] for entry in log if entry["path"].startswith("/api/")},
                         {"meshdns-test"})
        self.assertFalse(any("Authorization" in entry["headers"] for entry in log))

    def test_wrong_token_is_unauthorized(self):
        config = self.server.path("kubeconfig-token")
        with open(config, encoding="utf-8") as stream:
            text = stream.read().replace("standin-test-token", "wrong-token")
        bad = self.server.path("kubeconfig-bad")
        with open(bad, "w", encoding="utf-8") as stream:
            stream.write(text)
        result = self.run_kubectl("get", "ns", kubeconfig=bad)
        self.assertEqual(result.returncode, 1)
        # kubectl words a 401 on discovery and on the GET itself differently.
        self.assertRegex(result.stderr, r"error: You must be logged in to the server "
                         r"\((Unauthorized|the server has asked for the client to provide "
                         r"credentials)\)")

    def test_server_side_apply(self):
        result = self.run_kubectl("apply", "--server-side", "-f", "-", stdin=self.manifest(8080))
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(result.stdout.splitlines(),
                         ["serviceentry.networking.istio.io/external-api serverside-applied",
                          "service/web serverside-applied"])
        log = self.server.request("GET", "/_standin/requests", token=None)[1]["requests"]
        patches = [entry for entry in log if entry["method"] == "PATCH"]
        self.assertEqual([entry["headers"]["Content-Type"] for entry in patches],
                         ["application/apply-patch+yaml"] * 2)
        self.assertEqual(patches[0]["query"]["fieldValidation"], ["Strict"])

        result = self.run_kubectl("apply", "--server-side", "--dry-run=server", "-f", "-",
                                  stdin=self.manifest(9090))
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("service/web serverside-applied (server dry run)", result.stdout)
        result = self.run_kubectl("get", "service", "web", "-o",
                                  "jsonpath={.spec.ports[0].targetPort}")
        self.assertEqual(result.stdout, "8080")

        result = self.run_kubectl("apply", "--server-side", "--field-manager", "other", "-f", "-",
                                  stdin=self.manifest(9090))
        self.assertEqual(result.returncode, 1)
        self.assertIn('error: Apply failed with 1 conflict: conflict with "kubectl": '
                      '.spec.ports[port=80,protocol="TCP"].targetPort', result.stderr)
        result = self.run_kubectl("apply", "--server-side", "--field-manager", "other",
                                  "--force-conflicts", "-f", "-", stdin=self.manifest(9090))
        self.assertEqual(result.returncode, 0, result.stderr)
        result = self.run_kubectl("get", "service", "web", "-o",
                                  "jsonpath={.spec.ports[0].targetPort}")
        self.assertEqual(result.stdout, "9090")


def load_tests(loader, tests, pattern):
    suite = unittest.TestSuite()
    for path in available():
        case = type(f"KubectlTest[{os.path.basename(path)}]", (KubectlTest,), {"kubectl": path})
        suite.addTests(loader.loadTestsFromTestCase(case))
    return suite


if __name__ == "__main__":
    # kubectl_test.py [KUBECTL]: test only that kubectl (ctest runs one test per binary).
    if len(sys.argv) > 1 and not sys.argv[1].startswith("-"):
        CANDIDATES = [sys.argv.pop(1)]
    if not available():
        # A skip even under CI=true: no Debian package provides kubectl.
        print(f"SKIPPED: no kubectl at {' or '.join(CANDIDATES)}")
        sys.exit(77)
    unittest.main()
