"""PATCH bodies other than apply: JSON merge patch (RFC 7386), JSON patch (RFC 6902) and the
strategic merge patch subset kubectl sends (keyed lists of built-in types, $patch directives).
"""

import json

from . import status
from .jsontree import clone

# Lists that strategic merge patch (and server-side apply) merge by key instead of replacing.
# Paths are dotted field names with '[]' for "every item of a list".
MERGE_KEYS = {
    "spec.ports": ("port", "protocol"),
    "spec.template.spec.containers": ("name",),
    "spec.template.spec.initContainers": ("name",),
    "spec.template.spec.volumes": ("name",),
    "spec.template.spec.containers[].ports": ("containerPort", "protocol"),
    "spec.template.spec.containers[].env": ("name",),
}


def merge_patch(target, patch):
    if not isinstance(patch, dict):
        return clone(patch)
    result = clone(target) if isinstance(target, dict) else {}
    for key, value in patch.items():
        if value is None:
            result.pop(key, None)
        else:
            result[key] = merge_patch(result.get(key), value)
    return result


def _item_key(item, keys):
    # Protocol defaults to TCP in ports, so a patch naming only the port still finds its item.
    return tuple(item.get(k, "TCP" if k == "protocol" else None) for k in keys)


def strategic_merge_patch(target, patch, path=""):
    if not isinstance(patch, dict):
        return clone(patch)
    if patch.get("$patch") == "replace":
        return {k: clone(v) for k, v in patch.items() if k != "$patch"}
    result = clone(target) if isinstance(target, dict) else {}
    for key, value in patch.items():
        if key.startswith("$"):
            continue
        child = f"{path}.{key}" if path else key
        if value is None:
            result.pop(key, None)
        elif isinstance(value, list) and child in MERGE_KEYS and isinstance(result.get(key), list):
            result[key] = _merge_list(result[key], value, MERGE_KEYS[child], child)
        else:
            result[key] = strategic_merge_patch(result.get(key), value, child)
    return result


def _merge_list(current, patch_items, keys, path):
    merged = clone(current)
    for item in patch_items:
        if not isinstance(item, dict):
            raise status.bad_request(f"unable to find api field in struct for the list {path}")
        index = next((i for i, existing in enumerate(merged)
                      if _item_key(existing, keys) == _item_key(item, keys)), None)
        if item.get("$patch") == "delete":
            if index is not None:
                merged.pop(index)
        elif index is None:
            merged.append({k: v for k, v in item.items() if k != "$patch"})
        else:
            merged[index] = strategic_merge_patch(merged[index], item, path + "[]")
    return merged


def _pointer(path):
    if path == "":
        return []
    if not path.startswith("/"):
        raise status.bad_request(f'invalid JSON pointer "{path}": must start with "/"')
    return [part.replace("~1", "/").replace("~0", "~") for part in path[1:].split("/")]


def _parent(document, parts, path):
    node = document
    for part in parts[:-1]:
        if isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        elif isinstance(node, dict) and part in node:
            node = node[part]
        else:
            raise status.ApiError(422, "Invalid",
                                  f"doc is missing path: \"{path}\": missing value", {})
    return node


def json_patch(document, operations):
    if not isinstance(operations, list):
        raise status.bad_request("json: cannot unmarshal object into Go value of type "
                                 "jsonpatch.Patch")
    result = clone(document)
    for operation in operations:
        op, path = operation.get("op"), operation.get("path", "")
        parts = _pointer(path)
        if op in ("move", "copy"):
            source = _pointer(operation.get("from", ""))
            holder = _parent(result, source, operation.get("from", ""))
            key = int(source[-1]) if isinstance(holder, list) else source[-1]
            value = clone(holder[key])
            if op == "move":
                del holder[key]
            op, operation = "add", {"value": value}
        parent = _parent(result, parts, path)
        last = parts[-1] if parts else None
        if op == "test":
            current = parent[int(last)] if isinstance(parent, list) else parent.get(last)
            if json.dumps(current, sort_keys=True) != json.dumps(operation.get("value"),
                                                                 sort_keys=True):
                raise status.ApiError(422, "Invalid", f"testing value {path} failed: test failed",
                                      {})
        elif op == "remove" or op == "replace":
            exists = (int(last) < len(parent)) if isinstance(parent, list) else last in parent
            if not exists:
                raise status.ApiError(422, "Invalid", f"the server rejected our request due to "
                                      f"an error in our request: {op} operation does not apply: "
                                      f"doc is missing key: {path}", {})
            if op == "remove":
                del parent[int(last) if isinstance(parent, list) else last]
            else:
                parent[int(last) if isinstance(parent, list) else last] = operation.get("value")
        elif op == "add":
            if isinstance(parent, list):
                index = len(parent) if last == "-" else int(last)
                parent.insert(index, operation.get("value"))
            else:
                parent[last] = operation.get("value")
        else:
            raise status.bad_request(f"Unexpected kind: {op}")
    return result
