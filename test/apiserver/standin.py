#!/usr/bin/python3
"""A strict stand-in for kube-apiserver, for tests. See README.md next to this file.

  standin.py --port 0 --port-file FILE --cert-dir DIR [--token TOKEN]... [--seed FILE.yaml]...
             [--latency-ms N] [--plain-http [--proxy-user NAME]] [--anonymous-auth=false]
             [--without-group GROUP]...
"""

import argparse
import os
import sys

import yaml

sys.dont_write_bytecode = True  # keep __pycache__ out of the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from kube_standin import control  # noqa: E402
from kube_standin import handler  # noqa: E402
from kube_standin import resources  # noqa: E402
from kube_standin import server  # noqa: E402
from kube_standin import status  # noqa: E402
from kube_standin import store as store_module  # noqa: E402


def _arguments():
    parser = argparse.ArgumentParser(description="Strict stand-in Kubernetes API server")
    parser.add_argument("--port", type=int, default=0, help="0: pick a free port")
    parser.add_argument("--port-file", help="write the port here once listening")
    parser.add_argument("--cert-dir", help="ca.crt, server.crt, server.key (see make-certs)")
    parser.add_argument("--token", action="append", default=[], help="accepted bearer token")
    parser.add_argument("--seed", action="append", default=[], help="YAML objects to preload")
    parser.add_argument("--latency-ms", type=int, default=0, help="delay every API request")
    parser.add_argument("--plain-http", action="store_true", help="serve http:// (no TLS)")
    parser.add_argument("--proxy-user", default="",
                        help="serve requests without credentials as this user, as `kubectl "
                             "proxy` does in front of a cluster (with --plain-http)")
    parser.add_argument("--anonymous-auth", default="true", choices=("true", "false"),
                        help="like kube-apiserver: anonymous may read /version and /healthz")
    parser.add_argument("--without-group", action="append", default=[],
                        help="do not serve this API group (a cluster without that CRD)")
    arguments = parser.parse_args()
    if not arguments.plain_http and not arguments.cert_dir:
        parser.error("--cert-dir is required unless --plain-http")
    return arguments


def _bootstrap(store):
    """What every fresh cluster has: its four namespaces and the kubernetes Service."""
    for name in ("default", "kube-system", "kube-public", "kube-node-lease"):
        store.seed(resources.NAMESPACES, {"metadata": {"name": name}})
    service = resources.find("", "v1", "services")
    store.seed(service, {"metadata": {"name": "kubernetes", "namespace": "default",
                                      "labels": {"component": "apiserver",
                                                 "provider": "kubernetes"}},
                         "spec": {"clusterIP": "10.96.0.1",
                                  "ports": [{"name": "https", "port": 443, "targetPort": 6443}]}})


def _load_seed(store, path):
    with open(path, encoding="utf-8") as stream:
        for obj in yaml.safe_load_all(stream):
            if not obj:
                continue
            resource, _ = resources.find_kind(obj.get("apiVersion", ""), obj.get("kind", ""))
            if resource is None:
                raise SystemExit(f"error: {path}: {obj.get('apiVersion')} {obj.get('kind')} is "
                                 f"not served by the stand-in (see README.md)")
            try:
                store.seed(resource, obj)
            except status.ApiError as error:
                raise SystemExit(f"error: {path}: {error.message}")


def main():
    arguments = _arguments()
    # Before anything reads the table: discovery, routing and seeding then all lack the group.
    resources.RESOURCES[:] = [r for r in resources.RESOURCES
                              if r.group not in arguments.without_group]
    store = store_module.Store()
    _bootstrap(store)
    for path in arguments.seed:
        _load_seed(store, path)
    config = handler.Config(arguments.anonymous_auth == "true", store,
                            control.Controls(arguments.latency_ms, arguments.token),
                            arguments.proxy_user)
    context = None if arguments.plain_http else server.tls_context(arguments.cert_dir)
    httpd = server.make_server(arguments.port, config, context)
    if arguments.port_file:
        # Written via a rename so a reader never sees a half-written port.
        temporary = arguments.port_file + ".tmp"
        with open(temporary, "w", encoding="utf-8") as stream:
            stream.write(f"{httpd.server_address[1]}\n")
        os.replace(temporary, arguments.port_file)
    try:
        httpd.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
