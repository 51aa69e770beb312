"""Starts the stand-in for the Python tests: fresh certificates, a token, a free port."""

import http.client
import json
import os
import shutil
import ssl
import subprocess
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
TOKEN = "standin-test-token"


class Standin:
    def __init__(self, *extra_args, seeds=()):
        self.dir = tempfile.mkdtemp(prefix="standin-test-")
        subprocess.run([os.path.join(HERE, "make-certs"), self.dir], check=True)
        port_file = os.path.join(self.dir, "port")
        argv = ["/usr/bin/python3", os.path.join(HERE, "standin.py"), "--port", "0",
                "--port-file", port_file, "--cert-dir", self.dir, "--token", TOKEN]
        for seed in seeds:
            argv += ["--seed", seed]
        self.log = open(os.path.join(self.dir, "standin.log"), "wb")
        self.process = subprocess.Popen(argv + list(extra_args), stdout=self.log,
                                        stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 10
        while not os.path.exists(port_file):
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError("the stand-in did not start")
            time.sleep(0.02)
        with open(port_file, encoding="utf-8") as stream:
            self.port = int(stream.read())
        self.url = f"https://127.0.0.1:{self.port}"
        self.context = ssl.create_default_context(cafile=os.path.join(self.dir, "ca.crt"))

    def path(self, name):
        return os.path.join(self.dir, name)

    def request(self, method, path, body=None, content_type="application/json", token=TOKEN,
                headers=None, cert=False):
        """(status, parsed JSON or text) of one request."""
        context = self.context
        if cert:
            context = ssl.create_default_context(cafile=self.path("ca.crt"))
            context.load_cert_chain(self.path("client.crt"), self.path("client.key"))
        connection = http.client.HTTPSConnection("127.0.0.1", self.port, context=context,
                                                 timeout=10)
        sent = dict(headers or {})
        if token:
            sent["Authorization"] = f"Bearer {token}"
        if body is not None:
            sent["Content-Type"] = content_type
            if not isinstance(body, (str, bytes)):
                body = json.dumps(body)
        connection.request(method, path, body=body, headers=sent)
        response = connection.getresponse()
        data = response.read().decode()
        self.last_headers = response.headers  # for tests that check headers, e.g. Warning
        connection.close()
        try:
            return response.status, json.loads(data)
        except ValueError:
            return response.status, data

    def write_kubeconfig(self, auth="token", namespace="default"):
        user = {"token": TOKEN} if auth == "token" else {
            "client-certificate": self.path("client.crt"), "client-key": self.path("client.key")}
        config = {"apiVersion": "v1", "kind": "Config", "current-context": "standin",
                  "clusters": [{"name": "standin", "cluster": {
                      "server": self.url, "certificate-authority": self.path("ca.crt")}}],
                  "users": [{"name": "standin", "user": user}],
                  "contexts": [{"name": "standin", "context": {
                      "cluster": "standin", "user": "standin", "namespace": namespace}}]}
        path = self.path(f"kubeconfig-{auth}")
        with open(path, "w", encoding="utf-8") as stream:
            json.dump(config, stream)
        return path

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=5)
        self.log.close()
        shutil.rmtree(self.dir, ignore_errors=True)
