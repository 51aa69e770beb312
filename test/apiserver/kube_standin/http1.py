"""HTTP/1.1 messages, no I/O: parse requests out of a connection's buffer, format responses.

Just what Kubernetes clients send (Go's net/http, libcurl): Content-Length or chunked bodies,
keep-alive, Expect: 100-continue. Anything malformed is a BadRequest, answered with 400 and a
closed connection, as Go's server does.
"""

import http

_MAX_HEAD = 1 << 20  # kube-apiserver's default MaxHeaderBytes
_REASONS = {status.value: status.phrase for status in http.HTTPStatus}
CONTINUE = b"HTTP/1.1 100 Continue\r\n\r\n"


class BadRequest(Exception):
    pass


class Headers:
    """Header fields in arrival order with case-insensitive lookup, like Go's http.Header."""

    def __init__(self, fields):
        self._fields = fields
        self._by_name = {}
        for name, value in fields:
            self._by_name.setdefault(name.lower(), value)

    def get(self, name, default=None):
        return self._by_name.get(name.lower(), default)

    def items(self):
        return list(self._fields)


class Request:
    def __init__(self, method, target, version, headers, body):
        self.method = method
        self.target = target
        self.version = version
        self.headers = headers
        self.body = body

    def keep_alive(self):
        connection = (self.headers.get("Connection") or "").lower()
        if self.version == "HTTP/1.0":
            return "keep-alive" in connection
        return "close" not in connection


def _head(buffer, end):
    lines = bytes(buffer[:end]).decode("iso-8859-1").split("\r\n")
    parts = lines[0].split(" ")
    if len(parts) != 3 or not parts[0].isalpha() or parts[2] not in ("HTTP/1.1", "HTTP/1.0"):
        raise BadRequest(f"malformed request line {lines[0][:80]!r}")
    fields = []
    for line in lines[1:]:
        name, colon, value = line.partition(":")
        if not colon or not name or name != name.strip() or line[0] in " \t":
            raise BadRequest(f"malformed header line {line[:80]!r}")
        fields.append((name, value.strip(" \t")))
    return parts[0], parts[1], parts[2], Headers(fields)


def _chunked_body(buffer, start):
    """(body, end) once every chunk and the trailers are in, else None."""
    chunks = []
    position = start
    while True:
        line_end = buffer.find(b"\r\n", position)
        if line_end < 0:
            return None
        try:
            size = int(bytes(buffer[position:line_end]).split(b";")[0].strip(), 16)
        except ValueError:
            raise BadRequest("malformed chunk size") from None
        position = line_end + 2
        if size == 0:
            trailers_end = buffer.find(b"\r\n", position)
            while trailers_end > position:  # skip trailer fields up to the empty line
                position = trailers_end + 2
                trailers_end = buffer.find(b"\r\n", position)
            if trailers_end < 0:
                return None
            return b"".join(chunks), trailers_end + 2
        if len(buffer) < position + size + 2:
            return None
        chunks.append(bytes(buffer[position:position + size]))
        position += size + 2


def parse(buffer):
    """(Request, bytes used) for the first whole request in buffer, or (None, wants_continue)
    while it is incomplete; wants_continue: the head asked for 100-continue before its body."""
    end = buffer.find(b"\r\n\r\n")
    if end < 0:
        if len(buffer) > _MAX_HEAD:
            raise BadRequest("request head too large")
        return None, False
    method, target, version, headers = _head(buffer, end)
    start = end + 4
    if "chunked" in (headers.get("Transfer-Encoding") or "").lower():
        found = _chunked_body(buffer, start)
        if found is None:
            return None, headers.get("Expect", "").lower() == "100-continue"
        body, used = found
    else:
        try:
            length = int(headers.get("Content-Length") or 0)
        except ValueError:
            raise BadRequest("malformed Content-Length") from None
        if length < 0:
            raise BadRequest("negative Content-Length")
        if len(buffer) < start + length:
            return None, headers.get("Expect", "").lower() == "100-continue"
        body, used = bytes(buffer[start:start + length]), start + length
    return Request(method, target, version, headers, body), used


def response(code, fields, body, head_only=False, content_length=True):
    """A whole response as one bytes object: one TLS record and TCP segment when small."""
    lines = [f"HTTP/1.1 {code} {_REASONS.get(code, 'Unknown')}"]
    lines.extend(f"{name}: {value}" for name, value in fields)
    if content_length:  # never on a 101, nor on Go websocket's hand-written refusals
        lines.append(f"Content-Length: {len(body)}")
    head = ("\r\n".join(lines) + "\r\n\r\n").encode("iso-8859-1")
    return head if head_only else head + body
