"""RFC 6455 for the server side of the port-forward, no I/O: the handshake answer and frames.

Strict on purpose, so that a client that passes here does not first fail on a real cluster:
client frames must be masked (RFC 6455 section 5.1: the server closes with 1002 otherwise), and
fragmented messages are refused (the kubelet's streams read whole messages; a client has no reason
to fragment a few hundred bytes of DNS).
"""

import base64
import hashlib
import struct

GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"
CONTINUATION, TEXT, BINARY, CLOSE, PING, PONG = 0x0, 0x1, 0x2, 0x8, 0x9, 0xA
NORMAL_CLOSURE, PROTOCOL_ERROR, UNSUPPORTED_DATA, TOO_BIG = 1000, 1002, 1003, 1009
_MAX_PAYLOAD = 1 << 20


class ProtocolError(Exception):
    def __init__(self, code, reason):
        super().__init__(reason)
        self.code = code
        self.reason = reason


def accept_key(key):
    digest = hashlib.sha1((key + GUID).encode("ascii")).digest()
    return base64.b64encode(digest).decode("ascii")


def parse_frame(buffer):
    """(opcode, payload, bytes used) for the first whole client frame, or None while incomplete.
    Raises ProtocolError for what the stand-in refuses."""
    if len(buffer) < 2:
        return None
    first, second = buffer[0], buffer[1]
    fin, rsv, opcode = first & 0x80, first & 0x70, first & 0x0F
    masked, length = second & 0x80, second & 0x7F
    if rsv:
        raise ProtocolError(PROTOCOL_ERROR, "reserved bits set without an extension")
    if not masked:
        raise ProtocolError(PROTOCOL_ERROR, "client frame not masked")
    if not fin or opcode == CONTINUATION:
        raise ProtocolError(PROTOCOL_ERROR, "fragmented frames are not accepted")
    if opcode not in (TEXT, BINARY, CLOSE, PING, PONG):
        raise ProtocolError(PROTOCOL_ERROR, f"unknown opcode {opcode}")
    position = 2
    if length == 126:
        if len(buffer) < 4:
            return None
        length = struct.unpack_from("!H", buffer, 2)[0]
        position = 4
    elif length == 127:
        if len(buffer) < 10:
            return None
        length = struct.unpack_from("!Q", buffer, 2)[0]
        position = 10
    if opcode >= CLOSE and length > 125:
        raise ProtocolError(PROTOCOL_ERROR, "control frame longer than 125 bytes")
    if length > _MAX_PAYLOAD:
        raise ProtocolError(TOO_BIG, "frame too large")
    if len(buffer) < position + 4 + length:
        return None
    mask = bytes(buffer[position:position + 4])
    start = position + 4
    data = bytes(buffer[start:start + length])
    # XOR with the 4-byte key repeated: one big-integer operation instead of a byte loop.
    key = (mask * (length // 4 + 1))[:length]
    payload = (int.from_bytes(data, "big") ^ int.from_bytes(key, "big")).to_bytes(length, "big")
    return opcode, payload, start + length


def frame(opcode, payload):
    """A server frame: final, unmasked."""
    length = len(payload)
    if length < 126:
        head = struct.pack("!BB", 0x80 | opcode, length)
    elif length < 1 << 16:
        head = struct.pack("!BBH", 0x80 | opcode, 126, length)
    else:
        head = struct.pack("!BBQ", 0x80 | opcode, 127, length)
    return head + payload


def close_frame(code, reason=""):
    return frame(CLOSE, struct.pack("!H", code) + reason.encode()[:123])


def close_code(payload):
    return struct.unpack("!H", payload[:2])[0] if len(payload) >= 2 else None
