"""How objects are shown: one object in the requested version, and GET on a collection
(selectors, limit/continue pages, the List or Table body)."""

import base64
import json

from . import selectors
from . import status
from . import tables


def present(route, obj, in_list=False):
    """An object as the requested version shows it; list items of built-ins carry no type.
    obj is a copy the store returned, so only its top level (changed here) is copied again."""
    obj = dict(obj)
    if in_list and route.resource.builtin:
        obj.pop("apiVersion", None)
        obj.pop("kind", None)
    else:
        obj["apiVersion"] = route.resource.api_version(route.version)
        obj["kind"] = route.resource.kind
        obj = {"apiVersion": obj.pop("apiVersion"), "kind": obj.pop("kind"), **obj}
    return obj


def wants_table(request):
    return "as=table" in (request.headers.get("Accept") or "").lower()


def list_objects(store, request):
    route = request.route
    label_text = request.param("labelSelector")
    labels = selectors.parse_labels(label_text)
    fields = selectors.parse_fields(request.param("fieldSelector"), route.resource, label_text)
    namespace = route.namespace if route.resource.namespaced and route.namespace else None
    items, revision = store.list(route.resource, namespace,
                                 lambda obj: selectors.matches(obj, labels, fields))
    items, page = _paginate(request, items)
    if wants_table(request):
        body = tables.table(items, route.resource.kind, revision)
    else:
        body = {"kind": route.resource.kind + "List",
                "apiVersion": route.resource.api_version(route.version),
                "metadata": {"resourceVersion": revision},
                "items": [present(route, item, in_list=True) for item in items]}
    body["metadata"].update(page)
    return 200, body


def _key(obj):
    return [obj["metadata"].get("namespace", ""), obj["metadata"]["name"]]


def _paginate(request, items):
    """limit/continue: items after the continue token's key, at most limit of them. Tokens
    name the last key served (not a snapshot, unlike etcd's)."""
    token = request.param("continue")
    if token:
        try:
            after = json.loads(base64.urlsafe_b64decode(token.encode()))["after"]
        except (ValueError, KeyError, TypeError) as error:
            raise status.bad_request(f"continue key is not valid: {error}")
        items = [item for item in items if _key(item) > after]
    try:
        limit = int(request.param("limit") or 0)
    except ValueError:
        limit = 0
    if limit <= 0 or len(items) <= limit:
        return items, {}
    token = base64.urlsafe_b64encode(json.dumps({"after": _key(items[limit - 1])}).encode())
    return items[:limit], {"continue": token.decode(), "remainingItemCount": len(items) - limit}
