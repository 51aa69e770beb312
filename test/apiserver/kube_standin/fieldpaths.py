"""Field paths of an object in structured-merge-diff's terms, and their FieldsV1 encoding.

A path is a tuple of elements: 'f:name' for a map field and 'k:{"port":80,"protocol":"TCP"}' for
an item of a list merged by key. Other lists are atomic: the list as a whole is one leaf.
"""

import json

from .jsontree import clone
from .patches import MERGE_KEYS

_MISSING = object()

# What server-side apply tracks of metadata; identity, server-set fields and status are not owned.
_TRACKED_METADATA = ("labels", "annotations", "finalizers", "ownerReferences")


def tracked(obj):
    """The part of an object whose fields have managers."""
    result = {k: v for k, v in obj.items() if k not in ("apiVersion", "kind", "metadata", "status")}
    metadata = {k: v for k, v in (obj.get("metadata") or {}).items() if k in _TRACKED_METADATA}
    if metadata:
        result["metadata"] = metadata
    return result


def _key_element(item, keys):
    values = {k: item.get(k, "TCP" if k == "protocol" else None) for k in keys}
    return "k:" + json.dumps(values, sort_keys=True, separators=(",", ":"))


def _list_keys(dotted, value):
    keys = MERGE_KEYS.get(dotted)
    if keys and all(isinstance(item, dict) for item in value):
        return keys
    return None


def leaves(obj, path=(), dotted=""):
    """{path: value} for every leaf of a tracked object."""
    found = {}
    for key, value in obj.items():
        child, child_dotted = path + ("f:" + key,), f"{dotted}.{key}" if dotted else key
        if isinstance(value, dict) and value:
            found.update(leaves(value, child, child_dotted))
        elif isinstance(value, list) and value and _list_keys(child_dotted, value):
            keys = _list_keys(child_dotted, value)
            for item in value:
                found.update(leaves(item, child + (_key_element(item, keys),),
                                    child_dotted + "[]"))
        else:
            found[child] = value
    return found


def value_at(obj, path):
    """(True, value) when the object has the path, else (False, None)."""
    node = obj
    for element in path:
        if element.startswith("f:") and isinstance(node, dict) and element[2:] in node:
            node = node[element[2:]]
        elif element.startswith("k:") and isinstance(node, list):
            wanted = json.loads(element[2:])
            node = next((item for item in node if isinstance(item, dict) and all(
                item.get(k, "TCP" if k == "protocol" else None) == v
                for k, v in wanted.items())), _MISSING)
            if node is _MISSING:
                return False, None
        else:
            return False, None
    return True, node


def remove(obj, path):
    """Deletes the leaf at path. The key fields of a keyed list item stay: the item as a whole
    goes with remove_item, or they would stop identifying it."""
    if len(path) >= 2 and path[-2].startswith("k:") and path[-1][2:] in json.loads(path[-2][2:]):
        return
    present, parent = value_at(obj, path[:-1])
    if present and isinstance(parent, dict):
        parent.pop(path[-1][2:], None)


def remove_item(obj, item_path):
    """Deletes the keyed list item that item_path (ending in a 'k:' element) names."""
    present, items = value_at(obj, item_path[:-1])
    found, item = value_at(obj, item_path)
    if present and found and isinstance(items, list):
        items.remove(item)


def items_of(paths):
    """Every keyed list item (a path ending in 'k:') the paths run through."""
    return {path[:index + 1] for path in paths
            for index, element in enumerate(path) if element.startswith("k:")}


def readable(path):
    """'.spec.ports[port=80,protocol="TCP"].targetPort', as conflict messages print paths."""
    text = ""
    for element in path:
        if element.startswith("f:"):
            text += "." + element[2:]
        else:
            pairs = json.loads(element[2:])
            text += "[" + ",".join(f"{k}={json.dumps(v)}" for k, v in sorted(pairs.items())) + "]"
    return text


def to_fields_v1(paths):
    tree = {}
    for path in sorted(paths):
        node = tree
        for element in path:
            node = node.setdefault(element, {})
            if element.startswith("k:"):
                node.setdefault(".", {})
    return tree


def from_fields_v1(tree, path=()):
    paths = set()
    for element, children in tree.items():
        if element == ".":
            continue
        child = path + (element,)
        if any(key != "." for key in children):
            paths |= from_fields_v1(children, child)
        else:
            paths.add(child)
    return paths


def deep_merge(live, config, dotted=""):
    """Apply's merge: maps recurse, keyed lists merge by key, anything else is replaced."""
    result = clone(live) if isinstance(live, dict) else {}
    _merge_into(result, config, dotted)
    return result


def _merge_into(result, config, dotted):
    """deep_merge on a result that is already a copy: merged in place, nothing copied twice."""
    for key, value in config.items():
        child = f"{dotted}.{key}" if dotted else key
        current = result.get(key)
        if isinstance(value, dict) and isinstance(current, dict):
            _merge_into(current, value, child)
        elif (isinstance(value, list) and isinstance(current, list) and value
              and _list_keys(child, value)):
            keys = _list_keys(child, value)
            for item in value:
                element = _key_element(item, keys)
                index = next((i for i, old in enumerate(current) if isinstance(old, dict)
                              and _key_element(old, keys) == element), None)
                if index is None:
                    current.append(clone(item))
                else:
                    _merge_into(current[index], item, child + "[]")
        else:
            result[key] = clone(value)
