"""Decoding of application/vnd.kubernetes.protobuf request bodies for the kinds kubectl's typed
`create` commands send that way (kubectl create namespace / configmap / service).

The envelope is "k8s\\0" + runtime.Unknown{typeMeta=1{apiVersion=1, kind=2}, raw=2, ...}; raw is
the object in the field numbers of k8s.io/api's generated.proto. Responses stay JSON, which
those clients also accept. Other kinds in protobuf get a 415, as from a server without it.
"""

import datetime

from . import status

MAGIC = b"k8s\x00"

# message -> field number -> (JSON name, type); types: str, int, bool, map, time, [T] (repeated),
# or the name of another message.
_SCHEMAS = {
    "ObjectMeta": {1: ("name", "str"), 2: ("generateName", "str"), 3: ("namespace", "str"),
                   5: ("uid", "str"), 6: ("resourceVersion", "str"), 7: ("generation", "int"),
                   8: ("creationTimestamp", "time"), 11: ("labels", "map"),
                   12: ("annotations", "map"), 14: ("finalizers", ["str"])},
    "ConfigMap": {1: ("metadata", "ObjectMeta"), 2: ("data", "map"), 4: ("immutable", "bool")},
    "Namespace": {1: ("metadata", "ObjectMeta"), 2: ("spec", "NamespaceSpec")},
    "NamespaceSpec": {1: ("finalizers", ["str"])},
    "Service": {1: ("metadata", "ObjectMeta"), 2: ("spec", "ServiceSpec")},
    "ServiceSpec": {1: ("ports", ["ServicePort"]), 2: ("selector", "map"),
                    3: ("clusterIP", "str"), 4: ("type", "str"), 5: ("externalIPs", ["str"]),
                    7: ("sessionAffinity", "str"), 10: ("externalName", "str"),
                    17: ("ipFamilyPolicy", "str"), 18: ("clusterIPs", ["str"]),
                    19: ("ipFamilies", ["str"]), 22: ("internalTrafficPolicy", "str")},
    "ServicePort": {1: ("name", "str"), 2: ("protocol", "str"), 3: ("port", "int"),
                    4: ("targetPort", "IntOrString"), 5: ("nodePort", "int"),
                    6: ("appProtocol", "str")},
}


def _varint(data, pos):
    value, shift = 0, 0
    while True:
        byte = data[pos]
        pos += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return value, pos


def _fields(data):
    """(number, value) pairs; value is an int (varint) or bytes (length-delimited)."""
    pos = 0
    while pos < len(data):
        key, pos = _varint(data, pos)
        number, wire = key >> 3, key & 7
        if wire == 0:
            value, pos = _varint(data, pos)
        elif wire == 2:
            length, pos = _varint(data, pos)
            value, pos = data[pos:pos + length], pos + length
        elif wire in (1, 5):
            size = 8 if wire == 1 else 4
            value, pos = data[pos:pos + size], pos + size
        else:
            raise ValueError(f"unsupported wire type {wire}")
        yield number, value


def _scalar(kind, value):
    if kind == "str":
        return value.decode("utf-8")
    if kind == "int":
        return value - (1 << 64) if value >= 1 << 63 else value
    if kind == "bool":
        return bool(value)
    if kind == "time":
        seconds = dict(_fields(value)).get(1, 0)
        return datetime.datetime.fromtimestamp(seconds, datetime.timezone.utc).strftime(
            "%Y-%m-%dT%H:%M:%SZ") if seconds else None
    if kind == "IntOrString":
        parts = dict(_fields(value))
        return parts.get(3, b"").decode() if parts.get(1) == 1 else parts.get(2, 0)
    return _message(kind, value)


def _message(name, data):
    """The message as JSON would carry it: empty and zero values left out (omitempty)."""
    schema = _SCHEMAS[name]
    obj = {}
    for number, value in _fields(data):
        if number not in schema:
            continue
        field, kind = schema[number]
        if kind == "map":
            entry = dict(_fields(value))
            obj.setdefault(field, {})[entry.get(1, b"").decode()] = entry.get(2, b"").decode()
        elif isinstance(kind, list):
            obj.setdefault(field, []).append(_scalar(kind[0], value))
        else:
            decoded = _scalar(kind, value)
            if decoded not in ("", 0, None, {}, False):
                obj[field] = decoded
    return obj


def decode(body):
    if not body.startswith(MAGIC):
        raise status.bad_request("the protobuf body does not start with the k8s magic prefix")
    try:
        unknown = dict(_fields(body[len(MAGIC):]))
        type_meta = dict(_fields(unknown.get(1, b"")))
        api_version = type_meta.get(1, b"").decode()
        kind = type_meta.get(2, b"").decode()
        if kind not in ("ConfigMap", "Namespace", "Service"):
            raise status.unsupported_media_type(
                "application/vnd.kubernetes.protobuf", ["application/json", "application/yaml"])
        obj = {"apiVersion": api_version, "kind": kind}
        obj.update(_message(kind, unknown.get(2, b"")))
        return obj
    except (IndexError, ValueError, UnicodeDecodeError) as error:
        raise status.bad_request(f"failed to decode protobuf body: {error}")
