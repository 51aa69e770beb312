"""HTTP(S) plumbing: TLS with optional client certificates, authentication, discovery and the
dispatch of API requests. HTTP/1.1 with keep-alive and one thread per connection.
"""

import http.server
import json
import socket
import ssl
import traceback
import urllib.parse

from . import api
from . import openapi
from . import resources
from . import routes
from . import status

VERSION = {
    "major": "1", "minor": "32", "gitVersion": "v1.32.5",
    "gitCommit": "9894294ef13a5b32803e3ca2c0d620a088cc84d1", "gitTreeState": "clean",
    "buildDate": "2025-05-15T09:41:38Z", "goVersion": "go1.23.8", "compiler": "gc",
    "platform": "linux/amd64",
}
# What system:public-info-viewer lets anyone (system:anonymous too) read.
_PUBLIC = ("version", "health")
_AGGREGATED = "application/json;g=apidiscovery.k8s.io;v={};as=APIGroupDiscoveryList"


class Config:
    def __init__(self, anonymous, store, controls):
        self.anonymous = anonymous
        self.store = store
        self.controls = controls


def _aggregated_version(accept):
    """v2 or v2beta1 when the client accepts aggregated discovery, else None."""
    for offer in (accept or "").split(","):
        params = dict(part.strip().partition("=")[::2] for part in offer.split(";")[1:])
        if params.get("g") == "apidiscovery.k8s.io" and params.get("as") == \
                "APIGroupDiscoveryList" and params.get("v") in ("v2", "v2beta1"):
            return params["v"]
    return None


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    timeout = 120  # seconds an idle keep-alive connection (and its thread) may linger
    server_version = "standin-kube-apiserver"
    config = None  # set by make_server

    def log_message(self, format, *args):  # noqa: A002 (BaseHTTPRequestHandler's name)
        pass

    def do_GET(self):
        self._serve()

    do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = do_GET

    def _serve(self):
        url = urllib.parse.urlsplit(self.path)
        query = urllib.parse.parse_qs(url.query, keep_blank_values=True)
        body = self._read_body()
        if url.path.startswith("/_standin/"):
            self._control(url.path, body)
            return
        entry = self.config.controls.record(self.command, url.path, query, dict(self.headers),
                                            body)
        headers = {}
        try:
            self.config.controls.sleep()
            entry["user"] = self._authenticate(url.path)
            fault = self.config.controls.take_fault(self.command, url.path)
            if fault and fault.drop_connection:
                entry["status"] = -1
                self.close_connection = True
                self.connection.shutdown(socket.SHUT_RDWR)
                return
            if fault and fault.concurrent is not None:
                self._concurrent_write(fault.concurrent)
            elif fault:
                raise fault.error
            code, payload, content_type = self._dispatch(url.path, query, body)
        except Exception as error:  # noqa: BLE001: a bug must still answer, not drop the link
            if not isinstance(error, status.ApiError):
                traceback.print_exc()
                error = status.internal_error(f"stand-in bug: {error!r}")
            code, payload, content_type = error.code, error.body(), "application/json"
            headers = error.headers
        entry["status"] = code
        self._send(code, payload, content_type, headers)

    def _read_body(self):
        if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
            chunks = []
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass  # trailers
                    return b"".join(chunks)
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def _control(self, path, body):
        try:
            parsed = json.loads(body) if body else {}
            code, payload = self.config.controls.handle(self.command, path, parsed)
        except status.ApiError as error:
            code, payload = error.code, error.body()
        except ValueError as error:
            code, payload = 400, {"error": str(error)}
        self._send(code, payload, "application/json")

    def _authenticate(self, path):
        """The user name; raises 401 for bad credentials, 403 for anonymous non-public paths."""
        peer = self.connection.getpeercert() if isinstance(self.connection, ssl.SSLSocket) \
            else None
        if peer:
            subject = dict(pair[0] for pair in peer.get("subject", ()))
            return subject.get("commonName", "")
        authorization = self.headers.get("Authorization")
        if authorization is not None:
            scheme, _, token = authorization.partition(" ")
            if scheme.lower() == "bearer" and token.strip() in self.config.controls.tokens:
                return "meshdns-test"
            raise status.unauthorized()
        if not self.config.anonymous:
            raise status.unauthorized()
        route = None
        try:
            route = routes.parse(path)
        except status.ApiError:
            pass
        if route is not None and route.kind in _PUBLIC:
            return "system:anonymous"
        verb = {"GET": "get", "POST": "create", "PUT": "update", "PATCH": "patch",
                "DELETE": "delete"}.get(self.command, self.command.lower())
        if route is not None and route.resource is not None:
            if route.kind == "collection" and verb == "get":
                verb = "list"
            raise status.forbidden_resource("system:anonymous", verb, route.resource,
                                            route.namespace, route.name)
        raise status.forbidden_path("system:anonymous", verb, path)

    def _concurrent_write(self, spec):
        """Another client's write, served just before the request that matched the fault."""
        headers = {"Content-Type": spec.get("content_type", "application/json"),
                   "User-Agent": "concurrent-editor/1.0"}
        request = api.Request(spec["method"].upper(), routes.parse(spec["path"]), {}, headers,
                              json.dumps(spec.get("body", {})).encode())
        api.serve(self.config.store, request)

    def _dispatch(self, path, query, body):
        route = routes.parse(path)
        accept = self.headers.get("Accept")
        if route.kind in ("collection", "item"):
            request = api.Request(self.command, route, query, self.headers, body)
            try:
                code, payload = api.serve(self.config.store, request)
            finally:
                self._warnings = request.warnings
            return code, payload, "application/json"
        if self.command != "GET":
            raise status.method_not_allowed()
        if route.kind == "version":
            return 200, VERSION, "application/json"
        if route.kind == "health":
            return 200, "ok", "text/plain; charset=utf-8"
        if route.kind == "openapi_root":
            return 200, openapi.root(), "application/json"
        if route.kind == "openapi":
            return 200, openapi.document(route.group, route.version), "application/json"
        aggregated = _aggregated_version(accept)
        if route.kind in ("api_versions", "group_list") and aggregated:
            document = resources.aggregated_discovery(route.kind == "api_versions", aggregated)
            return 200, document, _AGGREGATED.format(aggregated)
        if route.kind == "api_versions":
            host = f"{self.server.server_address[0]}:{self.server.server_address[1]}"
            return 200, resources.api_versions(host), "application/json"
        if route.kind == "group_list":
            return 200, resources.api_group_list(), "application/json"
        if route.kind == "group":
            return 200, resources.api_group(route.group), "application/json"
        return 200, resources.resource_list(route.group, route.version), "application/json"

    def _send(self, code, payload, content_type, headers=None):
        data = payload.encode() if isinstance(payload, str) else \
            json.dumps(payload, separators=(",", ":")).encode()
        self.send_response(code)
        self.send_header("Content-Type", content_type)
        for warning in getattr(self, "_warnings", []):
            self.send_header("Warning", "299 - " + json.dumps(warning))
        self._warnings = []
        self.send_header("Cache-Control", "no-cache, private")
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(data)))
        # Headers and body in one write (end_headers() plus the body): one TLS record and TCP
        # segment per response instead of two.
        if self.request_version == "HTTP/0.9":  # no headers at all
            self.wfile.write(data)
            return
        self._headers_buffer.append(b"\r\n")
        if self.command != "HEAD":
            self._headers_buffer.append(data)
        self.flush_headers()


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 2048  # a benchmark opens hundreds of connections at once

    def handle_error(self, request, client_address):
        pass  # a client that drops its connection or fails the TLS handshake is not our error


def make_server(port, config, tls_context):
    handler = type("BoundHandler", (Handler,), {"config": config})
    server = Server(("127.0.0.1", port), handler)
    server.socket.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    if tls_context is not None:
        # The handshake runs lazily in each connection's thread, not in the accept loop.
        server.socket = tls_context.wrap_socket(server.socket, server_side=True,
                                                do_handshake_on_connect=False)
    return server


def tls_context(cert_dir):
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    context.load_cert_chain(f"{cert_dir}/server.crt", f"{cert_dir}/server.key")
    context.load_verify_locations(f"{cert_dir}/ca.crt")
    context.verify_mode = ssl.CERT_OPTIONAL  # client certificates are one way to authenticate
    context.set_alpn_protocols(["http/1.1"])
    return context
