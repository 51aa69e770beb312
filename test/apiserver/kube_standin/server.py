"""The network side: one thread, one event loop (selectors), non-blocking TLS sockets.

Every request is served whole, one at a time, so the store never sees two writers; the injected
latency is a timer, not a sleep, so hundreds of connections can wait it out together. (The first
stand-in ran a thread per connection: with a benchmark's 64 connections, Python spent more time
handing the interpreter lock between threads than serving requests.)
"""

import email.utils
import heapq
import itertools
import selectors
import socket
import ssl
import time
import traceback

from . import handler
from . import http1

_READ_SIZE = 256 * 1024
_WAITING = (ssl.SSLWantReadError, ssl.SSLWantWriteError, BlockingIOError, InterruptedError)


class Loop:
    def __init__(self):
        self.selector = selectors.DefaultSelector()
        self._timers = []
        self._sequence = itertools.count()  # ties: first scheduled, first run

    def call_later(self, seconds, callback):
        heapq.heappush(self._timers, (time.monotonic() + seconds, next(self._sequence), callback))

    def run(self):
        while True:
            timeout = None
            if self._timers:
                timeout = max(0.0, self._timers[0][0] - time.monotonic())
            for key, mask in self.selector.select(timeout):
                key.data(mask)
            now = time.monotonic()
            while self._timers and self._timers[0][0] <= now:
                heapq.heappop(self._timers)[2]()


class Connection:
    """One client connection: TLS handshake, then requests answered in order (keep-alive)."""

    def __init__(self, server, sock):
        self._server = server
        self._sock = sock
        self._inbox = bytearray()
        self._outbox = bytearray()
        self._handshaking = isinstance(sock, ssl.SSLSocket)
        self._peer_user = None
        self._busy = False  # a request is waiting out its latency
        self._continued = False  # 100 Continue already sent for the request being read
        self._closing = False  # close once the outbox is sent
        self._closed = False
        self._events = selectors.EVENT_READ
        self._tunnel = None  # after a 101: the port-forward session reading this connection
        server.loop.selector.register(sock, self._events, self._on_ready)

    def _on_ready(self, mask):
        try:
            if self._handshaking:
                self._handshake()
            if not self._handshaking and not self._closed:
                if mask & selectors.EVENT_WRITE:
                    self._flush()
                self._read()
        except (OSError, ssl.SSLError):
            self._close()  # a client that resets or fails the handshake is not our error
        except Exception:  # noqa: BLE001: a stand-in bug ends this connection, not the server
            traceback.print_exc()
            self._close()

    def _handshake(self):
        try:
            self._sock.do_handshake()
        except ssl.SSLWantReadError:
            return self._want(selectors.EVENT_READ)
        except ssl.SSLWantWriteError:
            return self._want(selectors.EVENT_WRITE)
        self._handshaking = False
        peer = self._sock.getpeercert()
        if peer:  # client certificates are one way to authenticate
            subject = dict(pair[0] for pair in peer.get("subject", ()))
            self._peer_user = subject.get("commonName", "")
        self._want(selectors.EVENT_READ)

    def _read(self):
        # Drain the socket: TLS may hold decrypted bytes that select() cannot see.
        while not self._closed:
            try:
                data = self._sock.recv(_READ_SIZE)
            except _WAITING:
                break
            if not data:
                self._closing = True
                if not self._busy and not self._outbox:
                    self._close()
                return
            self._inbox += data
        if self._tunnel is not None:
            self._feed_tunnel()
            return
        self._next_request()

    def _feed_tunnel(self):
        data = bytes(self._inbox)
        self._inbox.clear()
        if data:
            self._tunnel.feed(data)

    # What an upgraded session (portforward.Session) uses.
    def selector(self):
        return self._server.loop.selector

    def send_bytes(self, data):
        self._send(data)

    def finish(self):
        """Close once everything queued is sent."""
        self._closing = True
        if not self._outbox:
            self._close()

    def _next_request(self):
        if self._busy or self._closing or self._closed:
            return
        try:
            request, used = http1.parse(self._inbox)
        except http1.BadRequest as error:
            self._closing = True
            self._send(http1.response(400, [("Connection", "close")], str(error).encode()))
            return
        if request is None:
            if used and not self._continued:  # the head asked for 100-continue
                self._continued = True
                self._send(http1.CONTINUE)
            return
        del self._inbox[:used]
        self._continued = False
        self._busy = True
        latency = self._server.config.controls.latency_ms
        if handler.is_control(request) or latency <= 0:
            self._answer(request)
        else:
            self._server.loop.call_later(latency / 1000.0, lambda: self._answer(request))

    def _answer(self, request):
        if self._closed:
            return
        self._busy = False
        reply = handler.serve(self._server.config, request, self._peer_user, self._server.host)
        if reply.drop:
            return self._close()
        if reply.raw:  # Go's x/net/websocket writes its refusals by hand: no length, then close
            self._closing = True
            head = http1.response(reply.code, reply.headers, b"", head_only=True,
                                  content_length=False)
            return self._send(head + reply.body)
        if reply.upgrade is not None:
            head = http1.response(reply.code, reply.headers, b"", head_only=True,
                                  content_length=False)
            # The head and the session's first frames (the port on each channel) leave in one
            # TLS record, as a Go server's buffered writer often sends them: a client must keep
            # the bytes that arrive with the 101.
            self._outbox += head
            self._tunnel = reply.upgrade(self)
            self._send(b"")
            return self._feed_tunnel()  # frames the client sent right behind its request
        if not request.keep_alive():
            self._closing = True
            reply.headers.append(("Connection", "close"))
        reply.headers.append(("Date", email.utils.formatdate(usegmt=True)))
        self._send(http1.response(reply.code, reply.headers, reply.body,
                                  head_only=request.method == "HEAD"))
        self._next_request()  # a pipelined request may already be in the inbox

    def _send(self, data):
        self._outbox += data
        try:
            self._flush()
        except (OSError, ssl.SSLError):
            self._close()

    def _flush(self):
        while self._outbox:
            try:
                sent = self._sock.send(self._outbox)
            except _WAITING:
                break
            del self._outbox[:sent]
        if self._outbox:
            self._want(selectors.EVENT_READ | selectors.EVENT_WRITE)
        elif self._closing and not self._busy:
            self._close()
        else:
            self._want(selectors.EVENT_READ)

    def _want(self, events):
        if events != self._events and not self._closed:
            self._events = events
            self._server.loop.selector.modify(self._sock, events, self._on_ready)

    def _close(self):
        if self._closed:
            return
        self._closed = True
        if self._tunnel is not None:
            self._tunnel.shutdown()
        self._server.loop.selector.unregister(self._sock)
        try:
            self._sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        self._sock.close()


class Server:
    def __init__(self, port, config, tls_context):
        self.config = config
        self.loop = Loop()
        self._tls = tls_context
        self._listener = socket.create_server(("127.0.0.1", port), backlog=2048)
        self._listener.setblocking(False)
        self.server_address = self._listener.getsockname()
        self.host = f"{self.server_address[0]}:{self.server_address[1]}"
        self.loop.selector.register(self._listener, selectors.EVENT_READ, self._accept)

    def _accept(self, _mask):
        while True:
            try:
                sock, _ = self._listener.accept()
            except _WAITING:
                return
            except OSError:
                return  # e.g. out of file descriptors: the client sees a reset, we go on
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            sock.setblocking(False)
            if self._tls is not None:
                sock = self._tls.wrap_socket(sock, server_side=True,
                                             do_handshake_on_connect=False)
            Connection(self, sock)

    def serve_forever(self):
        self.loop.run()


def make_server(port, config, tls_context):
    return Server(port, config, tls_context)


def tls_context(cert_dir):
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    context.load_cert_chain(f"{cert_dir}/server.crt", f"{cert_dir}/server.key")
    context.load_verify_locations(f"{cert_dir}/ca.crt")
    context.verify_mode = ssl.CERT_OPTIONAL  # client certificates are one way to authenticate
    context.set_alpn_protocols(["http/1.1"])
    return context
