"""Test controls behind /_standin/: injected faults, latency, accepted tokens, the request log.

A real API server has none of this; it lives under a prefix no Kubernetes path uses, so a
client under test can never reach it by accident.
"""

import re
import threading

from . import status

_SECRET_HEADERS = ("authorization", "cookie", "proxy-authorization")
_BODY_LIMIT = 64 * 1024


class Fault:
    def __init__(self, spec):
        # "concurrent": {"method", "path", "content_type", "body"}: instead of failing, the
        # matching request is served after that write, as if another client had sent it between
        # our client's read and its write (a real race, so a conditional write gets a real 409).
        self.concurrent = spec.get("concurrent") if isinstance(spec, dict) else None
        if self.concurrent is not None and not (
                isinstance(self.concurrent, dict) and
                isinstance(self.concurrent.get("method"), str) and
                isinstance(self.concurrent.get("path"), str)):
            raise status.bad_request('"concurrent" needs {"method": ..., "path": ..., "body": ...}')
        # "body": the raw bytes to answer with (with "status", default 200), whatever they are: a
        # hostile or broken server (null for /version, JSON nested 100,000 deep).
        self.body = spec.get("body") if isinstance(spec, dict) else None
        if self.body is not None and not isinstance(self.body, str):
            raise status.bad_request('"body" must be a string')
        if not isinstance(spec, dict) or not (isinstance(spec.get("status"), int) or
                                              self.concurrent is not None or
                                              self.body is not None):
            raise status.bad_request('a fault needs at least {"status": <code>}')
        self.error = status.injected(spec.get("status", 500), spec.get("message", "injected fault"))
        try:
            self.path_regex = re.compile(spec.get("path_regex", ""))
        except re.error as error:
            raise status.bad_request(f"path_regex: {error}")
        self.method = (spec.get("method") or "").upper()
        self.remaining = spec.get("count", 1)   # -1: every matching request, forever
        # Close the connection without answering, like a server that crashed mid-request.
        self.drop_connection = bool(spec.get("drop_connection", False))
        self.spec = spec

    def matches(self, method, path):
        return (self.remaining != 0 and (not self.method or self.method == method)
                and self.path_regex.search(path) is not None)


class Controls:
    def __init__(self, latency_ms, tokens):
        self._lock = threading.Lock()
        self.tokens = frozenset(tokens)  # replaced whole, so readers need no lock
        self._faults = []
        self._log = []
        self.latency_ms = latency_ms

    def add_fault(self, spec):
        fault = Fault(spec)
        with self._lock:
            self._faults.append(fault)
        return fault.spec

    def take_fault(self, method, path):
        """The first fault matching this request (using up one of its count), or None."""
        with self._lock:
            for fault in self._faults:
                if fault.matches(method, path):
                    if fault.remaining > 0:
                        fault.remaining -= 1
                    return fault
        return None

    def reset(self):
        with self._lock:
            self._faults.clear()
            self._log.clear()

    def record(self, method, path, query, headers, body):
        """Logs a request; returns the entry so the handler can fill in user and status."""
        entry = {
            "method": method,
            "path": path,
            "query": query,
            "headers": {name: ("<redacted>" if name.lower() in _SECRET_HEADERS else value)
                        for name, value in headers.items()},
            "body": body[:_BODY_LIMIT].decode("utf-8", "replace"),
            "user": "",
            "status": 0,
        }
        with self._lock:
            self._log.append(entry)
        return entry

    def requests(self):
        with self._lock:
            return [dict(entry) for entry in self._log]

    def handle(self, method, path, body):
        """(code, JSON body) for a /_standin/ request."""
        if path == "/_standin/faults" and method == "POST":
            return 201, self.add_fault(body)
        if path == "/_standin/faults" and method == "DELETE":
            with self._lock:
                self._faults.clear()
            return 200, {}
        if path == "/_standin/requests" and method == "GET":
            return 200, {"requests": self.requests()}
        if path == "/_standin/requests" and method == "DELETE":
            with self._lock:
                self._log.clear()
            return 200, {}
        if path == "/_standin/latency" and method == "POST":
            self.latency_ms = int(body.get("ms", 0)) if isinstance(body, dict) else 0
            return 200, {"ms": self.latency_ms}
        if path == "/_standin/tokens" and method == "PUT":
            # Revoking a token mid-test shows whether a client refreshes its credentials on 401.
            tokens = body.get("tokens") if isinstance(body, dict) else None
            if not isinstance(tokens, list) or not all(isinstance(t, str) for t in tokens):
                raise status.bad_request('expected {"tokens": ["...", ...]}')
            self.tokens = frozenset(tokens)
            return 200, {"count": len(self.tokens)}
        if path == "/_standin/reset" and method == "POST":
            self.reset()
            return 200, {}
        raise status.unknown_path()
