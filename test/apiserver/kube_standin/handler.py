"""One HTTP request to one reply: authentication, test controls, injected faults, discovery and
the dispatch of API requests. No I/O: the server (server.py) owns sockets and timing.
"""

import json
import traceback
import urllib.parse

from . import api
from . import openapi
from . import portforward
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
_VERBS = {"GET": "get", "POST": "create", "PUT": "update", "PATCH": "patch", "DELETE": "delete"}


class Config:
    def __init__(self, anonymous, store, controls, proxy_user=""):
        self.anonymous = anonymous
        self.proxy_user = proxy_user  # what `kubectl proxy` authenticates as; "" when no proxy
        self.store = store
        self.controls = controls


class Reply:
    def __init__(self, code, payload, content_type, headers=(), drop=False, raw=False,
                 upgrade=None):
        self.code = code
        if isinstance(payload, str):
            payload = payload.encode()
        self.body = payload if isinstance(payload, bytes) else \
            json.dumps(payload, separators=(",", ":")).encode()
        self.headers = [] if content_type is None else \
            [("Content-Type", content_type), ("Cache-Control", "no-cache, private")]
        self.headers.extend(headers)
        self.drop = drop  # close the connection without answering
        self.raw = raw  # write head and body as they are (no Content-Length), then close
        self.upgrade = upgrade  # 101: called with the connection, returns what reads it next


# Under this prefix the stand-in is a web server that is not Kubernetes: 404 and an HTML page
# everywhere, as a wrong --server (or a wrong kubectl proxy port) gets.
_WEB_PREFIX = "/_standin/web/"
_WEB_NOT_FOUND = "<!DOCTYPE html>\n<html><head><title>404 Not Found</title></head>" \
                 "<body><h1>Not Found</h1></body></html>\n"


def is_control(request):
    """Test controls answer at once: no latency, no credentials, not in the request log."""
    return request.target.startswith("/_standin/")


def serve(config, request, peer_user, host):
    """The Reply to an http1.Request; peer_user: the client certificate's CN, or None."""
    url = urllib.parse.urlsplit(request.target)
    if url.path.startswith(_WEB_PREFIX):
        return Reply(404, _WEB_NOT_FOUND, "text/html; charset=utf-8")
    if is_control(request):
        return _control(config, request.method, url.path, request.body)
    query = urllib.parse.parse_qs(url.query, keep_blank_values=True)
    entry = config.controls.record(request.method, url.path, query, request.headers,
                                   request.body)
    warnings = []
    headers = []
    try:
        entry["user"] = peer_user if peer_user is not None else \
            _authenticate(config, request, url.path)
        fault = config.controls.take_fault(request.method, url.path)
        if fault and fault.drop_connection:
            entry["status"] = -1
            return Reply(0, b"", "", drop=True)
        if fault and fault.body is not None:
            entry["status"] = fault.spec.get("status", 200)
            return Reply(entry["status"], fault.body, "application/json")
        if fault and fault.concurrent is not None:
            _concurrent_write(config.store, fault.concurrent)
        elif fault:
            raise fault.error
        route = routes.parse(url.path)
        if route.kind == "portforward":
            answer = portforward.serve(config.store, request, route, query)
            entry["status"] = answer.code
            if answer.raw or answer.upgrade:
                return Reply(answer.code, answer.body, None, answer.headers, raw=answer.raw,
                             upgrade=answer.upgrade)
            code, payload = answer.code, answer.body
            content_type = dict(answer.headers).get("Content-Type", "text/plain")
            return Reply(code, payload, content_type)
        code, payload, content_type = _dispatch(config, request, url.path, query, host,
                                                warnings)
    except Exception as error:  # noqa: BLE001: a bug must still answer, not drop the link
        if not isinstance(error, status.ApiError):
            traceback.print_exc()
            error = status.internal_error(f"stand-in bug: {error!r}")
        code, payload, content_type = error.code, error.body(), "application/json"
        headers = list(error.headers.items())
    entry["status"] = code
    headers.extend(("Warning", "299 - " + json.dumps(warning)) for warning in warnings)
    return Reply(code, payload, content_type, headers)


def _control(config, method, path, body):
    try:
        parsed = json.loads(body) if body else {}
        code, payload = config.controls.handle(method, path, parsed)
    except status.ApiError as error:
        code, payload = error.code, error.body()
    except ValueError as error:
        code, payload = 400, {"error": str(error)}
    return Reply(code, payload, "application/json")


def _authenticate(config, request, path):
    """The user name; raises 401 for bad credentials, 403 for anonymous non-public paths."""
    authorization = request.headers.get("Authorization")
    if authorization is not None:
        scheme, _, token = authorization.partition(" ")
        if scheme.lower() == "bearer" and token.strip() in config.controls.tokens:
            return "meshdns-test"
        raise status.unauthorized()
    if config.proxy_user:
        return config.proxy_user
    if not config.anonymous:
        raise status.unauthorized()
    route = None
    try:
        route = routes.parse(path)
    except status.ApiError:
        pass
    if route is not None and route.kind in _PUBLIC:
        return "system:anonymous"
    verb = _VERBS.get(request.method, request.method.lower())
    if route is not None and route.resource is not None:
        if route.kind == "collection" and verb == "get":
            verb = "list"
        raise status.forbidden_resource("system:anonymous", verb, route.resource,
                                        route.namespace, route.name)
    raise status.forbidden_path("system:anonymous", verb, path)


def _concurrent_write(store, spec):
    """Another client's write, served just before the request that matched the fault."""
    headers = {"Content-Type": spec.get("content_type", "application/json"),
               "User-Agent": "concurrent-editor/1.0"}
    request = api.Request(spec["method"].upper(), routes.parse(spec["path"]), {}, headers,
                          json.dumps(spec.get("body", {})).encode())
    api.serve(store, request)


def _aggregated_version(accept):
    """v2 or v2beta1 when the client accepts aggregated discovery, else None."""
    for offer in (accept or "").split(","):
        params = dict(part.strip().partition("=")[::2] for part in offer.split(";")[1:])
        if params.get("g") == "apidiscovery.k8s.io" and params.get("as") == \
                "APIGroupDiscoveryList" and params.get("v") in ("v2", "v2beta1"):
            return params["v"]
    return None


def _dispatch(config, request, path, query, host, warnings):
    route = routes.parse(path)
    if route.kind in ("collection", "item"):
        api_request = api.Request(request.method, route, query, request.headers, request.body)
        try:
            code, payload = api.serve(config.store, api_request)
        finally:
            warnings.extend(api_request.warnings)
        return code, payload, "application/json"
    if request.method != "GET":
        raise status.method_not_allowed()
    if route.kind == "version":
        return 200, VERSION, "application/json"
    if route.kind == "health":
        return 200, "ok", "text/plain; charset=utf-8"
    if route.kind == "openapi_root":
        return 200, openapi.root(), "application/json"
    if route.kind == "openapi":
        return 200, openapi.document(route.group, route.version), "application/json"
    aggregated = _aggregated_version(request.headers.get("Accept"))
    if route.kind in ("api_versions", "group_list") and aggregated:
        document = resources.aggregated_discovery(route.kind == "api_versions", aggregated)
        return 200, document, _AGGREGATED.format(aggregated)
    if route.kind == "api_versions":
        return 200, resources.api_versions(host), "application/json"
    if route.kind == "group_list":
        return 200, resources.api_group_list(), "application/json"
    if route.kind == "group":
        return 200, resources.api_group(route.group), "application/json"
    return 200, resources.resource_list(route.group, route.version), "application/json"
