#!/usr/bin/python3
"""apiserver::portforward: the stand-in's pods/NAME/portforward over WebSocket, byte for byte.

A raw TLS client speaks RFC 6455 to the stand-in (so nothing hides a malformed frame), and a local
echo server plays the pod. The refusals are the real stack's: the API server's upgrade-aware proxy
(400 Status "Upgrade request required"), Go's x/net/websocket handshake (405/400 without a length,
a bare 403 for a subprotocol it does not serve) and the kubelet's checks (query parameter "port").
"""

import base64
import os
import socket
import ssl
import struct
import sys
import tempfile
import threading
import unittest

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from kube_standin import websocket  # noqa: E402
from standin_fixture import TOKEN, Standin  # noqa: E402

PF = "/api/v1/namespaces/kube-system/pods/{}/portforward"


class EchoServer:
    """The "pod": echoes what it gets, one connection at a time."""

    def __init__(self):
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self):
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            with conn:
                while data := conn.recv(65536):
                    conn.sendall(data)


def client_frame(opcode, payload, mask=True, fin=True):
    head = bytes([(0x80 if fin else 0) | opcode])
    length = len(payload)
    if length < 126:
        head += bytes([(0x80 if mask else 0) | length])
    else:
        head += bytes([(0x80 if mask else 0) | 126]) + struct.pack("!H", length)
    if not mask:
        return head + payload
    key = os.urandom(4)
    return head + key + bytes(b ^ key[i % 4] for i, b in enumerate(payload))


class Client:
    def __init__(self, server, path, headers=None, extra=b""):
        raw = socket.create_connection(("127.0.0.1", server.port), timeout=5)
        self.sock = server.context.wrap_socket(raw, server_hostname="127.0.0.1")
        self.key = base64.b64encode(os.urandom(16)).decode()
        fields = {"Host": f"127.0.0.1:{server.port}", "Authorization": f"Bearer {TOKEN}",
                  "Connection": "Upgrade", "Upgrade": "websocket",
                  "Sec-WebSocket-Version": "13", "Sec-WebSocket-Key": self.key,
                  "Sec-WebSocket-Protocol": "v4.channel.k8s.io"}
        fields.update(headers or {})
        method = fields.pop("method", "GET")
        request = f"{method} {path} HTTP/1.1\r\n" + "".join(
            f"{k}: {v}\r\n" for k, v in fields.items() if v is not None) + "\r\n"
        self.sock.sendall(request.encode() + extra)
        self.buffer = b""
        while b"\r\n\r\n" not in self.buffer:
            if not self._fill():
                break
        head, _, self.buffer = self.buffer.partition(b"\r\n\r\n")
        lines = head.decode().split("\r\n")
        self.head = head
        self.status = int(lines[0].split()[1])
        self.headers = {k.lower(): v.strip() for k, _, v in (line.partition(":")
                                                              for line in lines[1:])}

    def _fill(self):
        data = self.sock.recv(65536)
        self.buffer += data
        return bool(data)

    def rest(self):
        """The body: Content-Length bytes, or everything until the server closes."""
        length = self.headers.get("content-length")
        while (length is None or len(self.buffer) < int(length)) and self._fill():
            pass
        return self.buffer

    def frame(self):
        """(opcode, payload) of the next server frame."""
        while True:
            if len(self.buffer) >= 2:
                self.assert_unmasked()
                length, position = self.buffer[1] & 0x7F, 2
                if length == 126:
                    length, position = struct.unpack("!H", self.buffer[2:4])[0], 4
                if len(self.buffer) >= position + length:
                    opcode = self.buffer[0] & 0x0F
                    payload = self.buffer[position:position + length]
                    self.buffer = self.buffer[position + length:]
                    return opcode, payload
            if not self._fill():
                return None

    def assert_unmasked(self):
        assert self.buffer[1] & 0x80 == 0, "server frames are never masked"

    def send(self, data):
        self.sock.sendall(data)


class PortForwardTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.echo = EchoServer()
        seed = f"""apiVersion: v1
kind: Pod
metadata:
  name: coredns-a
  namespace: kube-system
  annotations: {{standin.kubectl-meshdns.io/forward: "53=127.0.0.1:{cls.echo.port}"}}
spec: {{containers: [{{name: coredns, image: coredns/coredns:1.11.1}}]}}
---
apiVersion: v1
kind: Pod
metadata: {{name: unforwarded, namespace: kube-system}}
spec: {{containers: [{{name: app, image: app:1}}]}}
"""
        cls.seed = tempfile.NamedTemporaryFile("w", suffix=".yaml", delete=False)
        cls.seed.write(seed)
        cls.seed.close()
        cls.server = Standin(seeds=[cls.seed.name])

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()
        cls.echo.sock.close()
        os.unlink(cls.seed.name)

    def setUp(self):
        self.clients = []

    def tearDown(self):
        for client in self.clients:
            client.sock.close()

    def open(self, pod="coredns-a", query="?ports=53", **kwargs):
        client = Client(self.server, PF.format(pod) + query, **kwargs)
        self.clients.append(client)
        return client

    def test_handshake_port_prefix_data_and_close(self):
        client = self.open()
        self.assertEqual(client.status, 101)
        self.assertEqual(client.headers["upgrade"], "websocket")
        self.assertEqual(client.headers["connection"], "Upgrade")
        self.assertEqual(client.headers["sec-websocket-protocol"], "v4.channel.k8s.io")
        self.assertEqual(client.headers["sec-websocket-accept"],
                         websocket.accept_key(client.key))
        self.assertNotIn("content-length", client.headers)
        # The port as uint16 little-endian on the data channel, then on the error channel.
        self.assertEqual(client.frame(), (websocket.BINARY, b"\x00\x35\x00"))
        self.assertEqual(client.frame(), (websocket.BINARY, b"\x01\x35\x00"))
        client.send(client_frame(websocket.BINARY, b"\x00hello"))
        self.assertEqual(client.frame(), (websocket.BINARY, b"\x00hello"))
        big = os.urandom(3000)
        client.send(client_frame(websocket.BINARY, b"\x00" + big))
        got = b""
        while len(got) < len(big):
            opcode, payload = client.frame()
            self.assertEqual((opcode, payload[:1]), (websocket.BINARY, b"\x00"))
            got += payload[1:]
        self.assertEqual(got, big)
        client.send(client_frame(websocket.PING, b"p"))
        self.assertEqual(client.frame(), (websocket.PONG, b"p"))
        client.send(client_frame(websocket.CLOSE, struct.pack("!H", 1000)))
        self.assertEqual(client.frame(), (websocket.CLOSE, struct.pack("!H", 1000)))
        self.assertEqual(client.rest(), b"")

    def test_frames_sent_with_the_request_are_kept(self):
        client = self.open(extra=client_frame(websocket.BINARY, b"\x00early"))
        self.assertEqual(client.status, 101)
        frames = [client.frame() for _ in range(3)]
        self.assertIn((websocket.BINARY, b"\x00early"), frames)

    def test_unmasked_and_fragmented_frames_close_with_1002(self):
        for frame in (client_frame(websocket.BINARY, b"\x00x", mask=False),
                      client_frame(websocket.BINARY, b"\x00x", fin=False)):
            client = self.open()
            client.frame(), client.frame()
            client.send(frame)
            opcode, payload = client.frame()
            self.assertEqual((opcode, websocket.close_code(payload)),
                             (websocket.CLOSE, websocket.PROTOCOL_ERROR))

    def test_error_channel_then_close(self):
        client = self.open(pod="unforwarded")
        self.assertEqual(client.status, 101)
        self.assertEqual(client.frame(), (websocket.BINARY, b"\x00\x35\x00"))
        self.assertEqual(client.frame(), (websocket.BINARY, b"\x01\x35\x00"))
        opcode, payload = client.frame()
        self.assertEqual(opcode, websocket.BINARY)
        self.assertTrue(payload.startswith(b"\x01error forwarding port 53 to pod unforwarded, uid "),
                        payload)
        opcode, payload = client.frame()
        self.assertEqual((opcode, websocket.close_code(payload)), (websocket.CLOSE, 1000))

    def test_refusals_match_the_real_stack(self):
        rows = [
            ("subprotocol not served", {"Sec-WebSocket-Protocol": "v5.channel.k8s.io"}, "?ports=53",
             b"HTTP/1.1 403 Forbidden", b""),
            ("no ports", {}, "", b"HTTP/1.1 400 Bad Request",
             b'query parameter "port" is required'),
            ("bad version", {"Sec-WebSocket-Version": "8"}, "?ports=53",
             b"HTTP/1.1 400 Bad Request\r\nSec-WebSocket-Version: 13",
             b"missing or bad WebSocket Version"),
            ("no key", {"Sec-WebSocket-Key": None}, "?ports=53", b"HTTP/1.1 400 Bad Request",
             b"mismatch challenge/response"),
            ("POST", {"method": "POST"}, "?ports=53", b"HTTP/1.1 405 Method Not Allowed",
             b"bad method"),
        ]
        for label, headers, query, head, body in rows:
            with self.subTest(label):
                client = self.open(query=query, headers=headers)
                self.assertTrue(client.head.startswith(head), client.head)
                self.assertEqual(client.rest(), body)

    def test_status_refusals(self):
        rows = [
            ("no upgrade", {"Connection": None, "Upgrade": None}, "coredns-a", 400,
             b'"message":"Upgrade request required"'),
            ("SPDY over WebSocket", {"Sec-WebSocket-Protocol": "SPDY/3.1+portforward.k8s.io"},
             "coredns-a", 400, b'"reason":"BadRequest"'),
            ("no such pod", {}, "nope", 404, b'"message":"pods \\"nope\\" not found"'),
            ("bad token", {"Authorization": "Bearer wrong"}, "coredns-a", 401,
             b'"reason":"Unauthorized"'),
        ]
        for label, headers, pod, status, fragment in rows:
            with self.subTest(label):
                client = self.open(pod=pod, headers=headers)
                self.assertEqual(client.status, status)
                self.assertIn(fragment, client.rest())

    def test_parse_frame_refuses_and_unmasks(self):
        self.assertEqual(websocket.parse_frame(client_frame(websocket.BINARY, b"\x00abc"))[:2],
                         (websocket.BINARY, b"\x00abc"))
        self.assertIsNone(websocket.parse_frame(client_frame(websocket.BINARY, b"\x00abc")[:5]))
        with self.assertRaises(websocket.ProtocolError):
            websocket.parse_frame(client_frame(websocket.CONTINUATION, b"x"))
        # RFC 6455 section 1.3's example.
        self.assertEqual(websocket.accept_key("dGhlIHNhbXBsZSBub25jZQ=="),
                         "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=")


if __name__ == "__main__":
    unittest.main()
