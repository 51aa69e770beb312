"""pods/NAME/portforward over a plain WebSocket (subprotocol v4.channel.k8s.io), as the API server
proxies it to the kubelet's CRI streaming server (pkg/kubelet/cri/streaming/portforward/
websocket.go) and Go's x/net/websocket answers the handshake:

- not an upgrade: 400 Status "Upgrade request required" (the API server's upgrade-aware proxy);
- websocket handshake errors as x/net/websocket writes them (no Content-Length, then close):
  405 "bad method" for anything but GET, 400 "mismatch challenge/response" without a key, 400
  with `Sec-WebSocket-Version: 13` and "missing or bad WebSocket Version" for another version;
- no `ports` query: 400 `query parameter "port" is required` (the kubelet's check);
- a subprotocol offered that is not served: a bare 403 without headers or body;
- then per port i: channel 2i data, 2i+1 error, the port written first on both as uint16 LE;
  a port the pod does not listen on gets `error forwarding port ...` on its error channel, then
  close 1000. SPDY (and SPDY tunnelled over WebSocket, kubectl's own choice) is not served.

The "pod" is whatever the test says: the annotation FORWARD on the Pod maps pod ports to local
addresses ("53=127.0.0.1:40053,15053=127.0.0.1:40054"), typically a knot or unbound the test
started. Session lives in the server's event loop (server.py), like every connection.
"""

import errno
import selectors
import socket
import struct

from . import status
from . import websocket

SUBPROTOCOL = "v4.channel.k8s.io"
FORWARD = "standin.kubectl-meshdns.io/forward"
_READ_SIZE = 64 * 1024


class Answer:
    """What the connection writes back: a Status error is raised instead."""

    def __init__(self, code, headers=(), body=b"", raw=False, upgrade=None):
        self.code = code
        self.headers = list(headers)
        self.body = body
        self.raw = raw  # x/net/websocket's answers: head and body, no Content-Length, then close
        self.upgrade = upgrade  # 101: called with the connection, returns the Session


def _targets(pod):
    annotations = pod.get("metadata", {}).get("annotations") or {}
    targets = {}
    for item in (annotations.get(FORWARD) or "").split(","):
        port, _, address = item.strip().partition("=")
        if port and address:
            host, _, target_port = address.rpartition(":")
            targets[int(port)] = (host, int(target_port))
    return targets


def _tokens(value):
    return [part.strip() for part in (value or "").split(",") if part.strip()]


def serve(store, request, route, query):
    pod = store.get(route.resource, route.namespace, route.name)  # 404 pods "x" not found
    headers = request.headers
    if request.method not in ("GET", "POST"):
        raise status.method_not_allowed()
    connection = [token.lower() for token in _tokens(headers.get("Connection"))]
    upgrade = headers.get("Upgrade") or ""
    if "upgrade" not in connection or not upgrade:
        raise status.bad_request("Upgrade request required")
    offered = _tokens(headers.get("Sec-WebSocket-Protocol"))
    if upgrade.lower() != "websocket" or any(p.startswith("SPDY/") for p in offered):
        raise status.bad_request(f"the stand-in serves port-forward over WebSocket with {SUBPROTOCOL}"
                                 f" only, not {upgrade} {' '.join(offered)}".rstrip())
    if request.method != "GET":
        return Answer(405, body=b"bad method", raw=True)
    key = headers.get("Sec-WebSocket-Key") or ""
    if not key:
        return Answer(400, body=b"mismatch challenge/response", raw=True)
    if headers.get("Sec-WebSocket-Version") != "13":
        return Answer(400, [("Sec-WebSocket-Version", "13")],
                      b"missing or bad WebSocket Version", raw=True)
    ports = []
    for text in query.get("ports", []):
        if not text:
            return Answer(400, [("Content-Type", "text/plain; charset=utf-8")],
                          b'query parameter "port" cannot be empty')
        for item in text.split(","):
            try:
                port = int(item)
            except ValueError:
                port = -1
            if not 0 < port < 65536:
                return Answer(400, [("Content-Type", "text/plain; charset=utf-8")],
                              f'unable to parse "{text}" as a port'.encode())
            ports.append(port)
    if not ports:
        return Answer(400, [("Content-Type", "text/plain; charset=utf-8")],
                      b'query parameter "port" is required')
    chosen = None
    for protocol in offered or [""]:
        if protocol in ("", SUBPROTOCOL):
            chosen = protocol
            break
    if chosen is None:
        return Answer(403, raw=True)
    reply = [("Upgrade", "websocket"), ("Connection", "Upgrade"),
             ("Sec-WebSocket-Accept", websocket.accept_key(key))]
    if chosen:
        reply.append(("Sec-WebSocket-Protocol", chosen))
    metadata = pod["metadata"]
    targets = _targets(pod)
    return Answer(101, reply, upgrade=lambda conn: Session(conn, ports, targets,
                                                           metadata["name"],
                                                           metadata.get("uid", "")))


class _Port:
    def __init__(self, index, port):
        self.index = index
        self.port = port
        self.sock = None
        self.connected = False
        self.pending = bytearray()  # client bytes waiting for the connection
        self.done = False


class Session:
    """One upgraded connection: WebSocket frames in and out, one TCP connection per port."""

    def __init__(self, conn, ports, targets, pod, uid):
        self._conn = conn
        self._selector = conn.selector()
        self._inbox = bytearray()
        self._closed = False
        self._ports = [_Port(i, port) for i, port in enumerate(ports)]
        for entry in self._ports:
            prefix = struct.pack("<H", entry.port)
            self._send_channel(2 * entry.index, prefix)
            self._send_channel(2 * entry.index + 1, prefix)
        for entry in self._ports:
            target = targets.get(entry.port)
            if target is None:
                self._fail(entry, pod, uid, "connection refused")
                continue
            entry.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            # Small DNS messages one after another: Nagle would hold each until the last is acked.
            entry.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            entry.sock.setblocking(False)
            code = entry.sock.connect_ex(target)
            if code not in (0, errno.EINPROGRESS):
                self._fail(entry, pod, uid, errno.errorcode.get(code, str(code)))
                continue
            self._selector.register(entry.sock, selectors.EVENT_WRITE,
                                    lambda mask, e=entry, p=pod, u=uid: self._on_target(e, p, u))

    def _send_channel(self, channel, data):
        self._conn.send_bytes(websocket.frame(websocket.BINARY, bytes([channel]) + data))

    def _fail(self, entry, pod, uid, why):
        # The kubelet's wording; the runtime's own text (containerd, CRI-O) follows the colon.
        message = (f"error forwarding port {entry.port} to pod {pod}, uid {uid}: failed to "
                   f"connect to localhost:{entry.port} inside the pod's network namespace: {why}")
        self._send_channel(2 * entry.index + 1, message.encode())
        self._port_done(entry)

    def _port_done(self, entry):
        if entry.done:
            return
        entry.done = True
        if entry.sock is not None:
            self._selector.unregister(entry.sock)
            entry.sock.close()
            entry.sock = None
        if all(e.done for e in self._ports):
            self._close(websocket.NORMAL_CLOSURE)

    def _on_target(self, entry, pod, uid):
        if self._closed or entry.sock is None:
            return
        if not entry.connected:
            code = entry.sock.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
            if code:
                self._selector.unregister(entry.sock)
                entry.sock.close()
                entry.sock = None
                return self._fail(entry, pod, uid, errno.errorcode.get(code, str(code)))
            entry.connected = True
            self._selector.modify(entry.sock, selectors.EVENT_READ,
                                  lambda mask, e=entry, p=pod, u=uid: self._on_target(e, p, u))
            self._write_target(entry)
            return
        try:
            data = entry.sock.recv(_READ_SIZE)
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            data = b""
        if not data:
            return self._port_done(entry)
        self._send_channel(2 * entry.index, data)

    def _write_target(self, entry):
        if entry.connected and entry.pending:
            # DNS messages are small and the target is local: a blocking send is fine here.
            entry.sock.setblocking(True)
            try:
                entry.sock.sendall(entry.pending)
            except OSError:
                pass
            entry.sock.setblocking(False)
            entry.pending.clear()

    def feed(self, data):
        """Bytes from the client."""
        if self._closed:
            return
        self._inbox += data
        while not self._closed:
            try:
                parsed = websocket.parse_frame(self._inbox)
            except websocket.ProtocolError as error:
                return self._close(error.code, error.reason)
            if parsed is None:
                break
            opcode, payload, used = parsed
            del self._inbox[:used]
            self._on_frame(opcode, payload)
        if not self._closed:
            for entry in self._ports:  # one write per port for the frames that came together
                self._write_target(entry)

    def _on_frame(self, opcode, payload):
        if opcode == websocket.PING:
            return self._conn.send_bytes(websocket.frame(websocket.PONG, payload))
        if opcode == websocket.PONG:
            return None
        if opcode == websocket.CLOSE:
            code = websocket.close_code(payload) or websocket.NORMAL_CLOSURE
            return self._close(code)
        if opcode != websocket.BINARY:
            return self._close(websocket.UNSUPPORTED_DATA, f"{SUBPROTOCOL} is binary")
        if not payload:
            return None
        channel = payload[0]
        if channel % 2 or channel // 2 >= len(self._ports):
            return self._close(websocket.PROTOCOL_ERROR, f"channel {channel} is not writable")
        entry = self._ports[channel // 2]
        if entry.done:
            return None
        entry.pending += payload[1:]
        return None

    def _close(self, code, reason=""):
        if self._closed:
            return
        self._closed = True
        for entry in self._ports:
            if entry.sock is not None:
                self._selector.unregister(entry.sock)
                entry.sock.close()
                entry.sock = None
        self._conn.send_bytes(websocket.close_frame(code, reason))
        self._conn.finish()

    def shutdown(self):
        """The client connection went away."""
        self._closed = True
        for entry in self._ports:
            if entry.sock is not None:
                self._selector.unregister(entry.sock)
                entry.sock.close()
                entry.sock = None
