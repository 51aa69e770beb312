#!/usr/bin/python3
"""apiserver::transport: the stand-in's HTTP/1.1 parser (pure cases) and its event-loop server
over real TLS sockets: keep-alive, pipelining, chunked bodies, 100-continue, malformed requests,
and requests that wait out the injected latency side by side.
"""

import os
import socket
import ssl
import sys
import time
import unittest

sys.dont_write_bytecode = True  # keep __pycache__ out of the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from kube_standin import http1  # noqa: E402
from standin_fixture import TOKEN, Standin  # noqa: E402

CM = "/api/v1/namespaces/default/configmaps"


class ParseTest(unittest.TestCase):
    def test_incomplete_head_waits(self):
        self.assertEqual(http1.parse(bytearray(b"GET / HTTP/1.1\r\nHost: x\r\n")), (None, False))

    def test_content_length_body_and_what_is_left(self):
        buffer = bytearray(b"POST /a HTTP/1.1\r\ncontent-length: 3\r\n\r\nabcGET")
        request, used = http1.parse(buffer)
        self.assertEqual((request.method, request.target, request.body), ("POST", "/a", b"abc"))
        self.assertEqual(buffer[used:], b"GET")
        self.assertEqual(request.headers.get("Content-Length"), "3")  # any case finds it

    def test_body_not_all_there_yet(self):
        buffer = bytearray(b"PUT /a HTTP/1.1\r\nContent-Length: 5\r\n\r\nab")
        self.assertEqual(http1.parse(buffer), (None, False))
        expecting = bytearray(b"PUT /a HTTP/1.1\r\nContent-Length: 5\r\nExpect: 100-continue"
                              b"\r\n\r\n")
        self.assertEqual(http1.parse(expecting), (None, True))

    def test_chunked_body_with_extension_and_trailer(self):
        raw = (b"POST /c HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
               b"3;ext=1\r\nabc\r\n2\r\nde\r\n0\r\nX-Trailer: t\r\n\r\n")
        for cut in range(len(raw)):  # every prefix waits for the rest
            self.assertIsNone(http1.parse(bytearray(raw[:cut]))[0], cut)
        request, used = http1.parse(bytearray(raw))
        self.assertEqual((request.body, used), (b"abcde", len(raw)))

    def test_malformed_requests(self):
        for raw, reason in (
                (b"GET /\r\n\r\n", "malformed request line"),
                (b"GET / HTTP/2.0\r\n\r\n", "malformed request line"),
                (b"GET / HTTP/1.1\r\nno colon\r\n\r\n", "malformed header line"),
                (b"GET / HTTP/1.1\r\nA: b\r\n folded\r\n\r\n", "malformed header line"),
                (b"POST / HTTP/1.1\r\nContent-Length: x\r\n\r\n", "malformed Content-Length"),
                (b"POST / HTTP/1.1\r\nContent-Length: -1\r\n\r\n", "negative Content-Length"),
                (b"POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
                 "malformed chunk size")):
            with self.assertRaisesRegex(http1.BadRequest, reason, msg=raw):
                http1.parse(bytearray(raw))

    def test_keep_alive_rules(self):
        def request(version, connection):
            fields = [("Connection", connection)] if connection else []
            return http1.Request("GET", "/", version, http1.Headers(fields), b"")
        self.assertTrue(request("HTTP/1.1", None).keep_alive())
        self.assertFalse(request("HTTP/1.1", "close").keep_alive())
        self.assertFalse(request("HTTP/1.0", None).keep_alive())
        self.assertTrue(request("HTTP/1.0", "Keep-Alive").keep_alive())

    def test_response(self):
        self.assertEqual(http1.response(404, [("A", "b")], b"no"),
                         b"HTTP/1.1 404 Not Found\r\nA: b\r\nContent-Length: 2\r\n\r\nno")
        self.assertEqual(http1.response(200, [], b"body", head_only=True),
                         b"HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\n")


def read_response(stream):
    """(status code, headers dict with lower-case names, body) of one response."""
    status_line = stream.readline()
    code = int(status_line.split()[1])
    headers = {}
    while (line := stream.readline()) not in (b"\r\n", b""):
        name, _, value = line.decode().partition(":")
        headers[name.strip().lower()] = value.strip()
    return code, headers, stream.read(int(headers.get("content-length", 0)))


class ServerTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = Standin()

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def connect(self):
        raw = socket.create_connection(("127.0.0.1", self.server.port), timeout=30)
        sock = self.server.context.wrap_socket(raw, server_hostname="127.0.0.1")
        self.addCleanup(sock.close)
        return sock, sock.makefile("rb")

    def test_pipelined_requests_are_answered_in_order(self):
        sock, stream = self.connect()
        names = [f"pipelined-{i}" for i in range(3)]
        sock.sendall(b"".join(
            f"GET {CM}/{name} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {TOKEN}\r\n\r\n"
            .encode() for name in names))
        for name in names:
            code, _, body = read_response(stream)
            self.assertEqual(code, 404)
            self.assertIn(f'configmaps \\"{name}\\" not found', body.decode())

    def test_expect_continue_then_chunked_body(self):
        sock, stream = self.connect()
        body = b'{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"chunked"}}'
        sock.sendall(f"POST {CM} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {TOKEN}\r\n"
                     "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n"
                     "Expect: 100-continue\r\n\r\n".encode())
        self.assertEqual(stream.readline(), b"HTTP/1.1 100 Continue\r\n")
        self.assertEqual(stream.readline(), b"\r\n")
        sock.sendall(b"%x\r\n%s\r\n0\r\n\r\n" % (len(body), body))
        code, headers, answer = read_response(stream)
        self.assertEqual((code, headers["content-type"]), (201, "application/json"))
        self.assertIn(b'"name":"chunked"', answer)

    def test_malformed_request_gets_400_and_a_closed_connection(self):
        sock, stream = self.connect()
        sock.sendall(b"GET / HTTP/1.1\r\nbroken header\r\n\r\n")
        code, headers, _ = read_response(stream)
        self.assertEqual((code, headers["connection"]), (400, "close"))
        self.assertEqual(stream.read(), b"")

    def test_connection_close_is_honoured(self):
        sock, stream = self.connect()
        sock.sendall(b"GET /version HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        code, headers, _ = read_response(stream)
        self.assertEqual((code, headers["connection"]), (200, "close"))
        self.assertEqual(stream.read(), b"")

    def test_head_gets_headers_only(self):
        # The stand-in serves no HEAD (405, as for any verb a route lacks); its Status stays
        # out of the response, whose Content-Length still says how long it would have been.
        sock, stream = self.connect()
        sock.sendall(f"HEAD {CM} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {TOKEN}\r\n\r\n"
                     "GET /version HTTP/1.1\r\nHost: x\r\n\r\n".encode())
        status_line = stream.readline()
        while stream.readline() != b"\r\n":
            pass
        self.assertTrue(status_line.startswith(b"HTTP/1.1 405"), status_line)
        self.assertEqual(read_response(stream)[0], 200)  # the next response follows directly

    def test_requests_wait_out_the_latency_side_by_side(self):
        # 2 s of latency and eight connections: all eight answers are in well inside 8 s,
        # where a server that waited per request in turn would need 16 s.
        self.server.request("POST", "/_standin/latency", {"ms": 2000}, token=None)
        self.addCleanup(self.server.request, "POST", "/_standin/latency", {"ms": 0}, token=None)
        connections = [self.connect() for _ in range(8)]
        for sock, _ in connections:
            sock.sendall(b"GET /version HTTP/1.1\r\nHost: x\r\n\r\n")
        deadline = time.monotonic() + 8
        for sock, stream in connections:
            sock.settimeout(max(0.1, deadline - time.monotonic()))
            self.assertEqual(read_response(stream)[0], 200)

    def test_failed_handshake_does_not_stop_the_server(self):
        raw = socket.create_connection(("127.0.0.1", self.server.port), timeout=30)
        raw.sendall(b"GET /version HTTP/1.1\r\n\r\n")  # plain text to a TLS port
        raw.recv(1024)
        raw.close()
        untrusted = ssl.create_default_context()  # the system CAs, not the stand-in's
        with self.assertRaises(ssl.SSLCertVerificationError):
            untrusted.wrap_socket(socket.create_connection(("127.0.0.1", self.server.port)),
                                  server_hostname="127.0.0.1")
        self.assertEqual(self.server.request("GET", "/version", token=None)[0], 200)


if __name__ == "__main__":
    unittest.main()
