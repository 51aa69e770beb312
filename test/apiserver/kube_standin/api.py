"""The REST verbs on served resources: request options, body decoding, store calls, responses."""

import json
import random
import string

from . import decoding
from . import fielderrors as fe
from . import listing
from . import patches
from . import resources
from . import status
from . import tables

APPLY = decoding.APPLY
MERGE = "application/merge-patch+json"
STRATEGIC = "application/strategic-merge-patch+json"
JSON_PATCH = "application/json-patch+json"
_BODY_TYPES = ("application/json", "application/yaml", decoding.PROTOBUF)
# The NamespaceLifecycle admission plugin protects these.
_UNDELETABLE = ("default", "kube-system", "kube-public")


class Request:
    def __init__(self, method, route, query, headers, body):
        self.method = method
        self.route = route
        self.query = query
        self.headers = headers
        self.body = body
        self.warnings = []  # sent back as "Warning: 299 - ..." headers
        self._content_type = None

    def param(self, name, default=""):
        values = self.query.get(name)
        return values[-1] if values else default

    def content_type(self):
        # Asked several times per request; the headers' case-insensitive lookup is slow.
        if self._content_type is None:
            self._content_type = \
                (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        return self._content_type

    def manager(self):
        # Like the real server: the fieldManager parameter, else the User-Agent up to its '/'.
        return self.param("fieldManager") or \
            (self.headers.get("User-Agent") or "unknown").split("/")[0][:128]


def _dry_run(request, options_kind):
    values = request.query.get("dryRun", [])
    if any(value != "All" for value in values):
        raise decoding.options_error(options_kind, [fe.not_supported("dryRun", values, ["All"])])
    return bool(values)


def get_object(store, request):
    route = request.route
    obj = store.get(route.resource, route.namespace, route.name)
    if listing.wants_table(request):
        return 200, tables.table([obj], route.resource.kind, obj["metadata"]["resourceVersion"])
    return 200, listing.present(route, obj)


def create(store, request):
    route = request.route
    dry_run = _dry_run(request, "CreateOptions")
    if request.content_type() not in _BODY_TYPES:
        raise status.unsupported_media_type(request.content_type(), _BODY_TYPES)
    obj = decoding.decode(request, route.resource, route.version)
    decoding.check_identity(request, obj, "")
    metadata = obj["metadata"]
    if not metadata.get("name") and metadata.get("generateName"):
        suffix = "".join(random.choice(string.ascii_lowercase + string.digits) for _ in range(5))
        metadata["name"] = metadata["generateName"] + suffix
    created = store.create(route.resource, route.namespace, obj, request.manager(),
                           route.resource.api_version(route.version), dry_run)
    return 201, listing.present(route, created)


def replace(store, request):
    route = request.route
    dry_run = _dry_run(request, "UpdateOptions")
    if request.content_type() not in _BODY_TYPES:
        raise status.unsupported_media_type(request.content_type(), _BODY_TYPES)
    obj = decoding.decode(request, route.resource, route.version)
    decoding.check_identity(request, obj, route.name)
    updated = store.replace(route.resource, route.namespace, route.name, obj, request.manager(),
                            route.resource.api_version(route.version), dry_run)
    return 200, listing.present(route, updated)


def patch(store, request):
    route = request.route
    kind = request.content_type()
    accepted = [JSON_PATCH, MERGE] + ([STRATEGIC] if route.resource.builtin else []) + [APPLY]
    if kind not in accepted:
        raise status.unsupported_media_type(kind, accepted)
    errors = []
    if kind == APPLY and not request.param("fieldManager"):
        errors.append(fe.required("fieldManager", "is required for apply patch"))
    if kind != APPLY and "force" in request.query:
        errors.append(fe.forbidden("force", "may not be specified for non-apply patch"))
    if errors:
        raise decoding.options_error("PatchOptions", errors)
    dry_run = _dry_run(request, "PatchOptions")
    api_version = route.resource.api_version(route.version)
    if kind == APPLY:
        config = decoding.decode(request, route.resource, route.version)
        decoding.check_identity(request, config, route.name)
        config["metadata"]["name"] = route.name
        force = request.param("force").lower() in ("true", "1")
        existed = _exists(store, route)
        result = store.apply(route.resource, route.namespace, route.name, config,
                             request.manager(), api_version, force, dry_run)
        return (200 if existed else 201), listing.present(route, result)
    try:
        document = json.loads(request.body.decode("utf-8"))
    except ValueError as error:
        raise status.bad_request(f"error decoding patch: {error}")

    def mutate(live):
        if kind == JSON_PATCH:
            return patches.json_patch(live, document)
        if not isinstance(document, dict):
            raise status.bad_request("patch body must be a JSON object")
        if kind == MERGE:
            return patches.merge_patch(live, document)
        return patches.strategic_merge_patch(live, document)

    def mutate_checked(live):
        patched = mutate(live)
        if not isinstance(patched, dict):
            raise status.bad_request("the patch did not produce an object")
        decoding.check_identity(request, patched, route.name)
        return patched

    result = store.patch(route.resource, route.namespace, route.name, mutate_checked,
                         request.manager(), api_version, dry_run)
    return 200, listing.present(route, result)


def _exists(store, route):
    return store.exists(route.resource, route.namespace, route.name)


def delete(store, request):
    route = request.route
    dry_run = _dry_run(request, "DeleteOptions")
    if route.resource is resources.NAMESPACES and route.name in _UNDELETABLE:
        raise status.ApiError(403, "Forbidden", f'namespaces "{route.name}" is forbidden: this '
                              f'namespace may not be deleted', {"name": route.name,
                                                               "kind": "namespaces"})
    deleted = store.delete(route.resource, route.namespace, route.name, dry_run)
    if route.resource is resources.NAMESPACES:
        shown = listing.present(route, deleted)
        shown["status"] = {"phase": "Terminating"}
        return 200, shown
    return 200, status.success(route.resource, route.name, deleted["metadata"]["uid"])


def serve(store, request):
    """(code, body) for a collection or item route."""
    route, method = request.route, request.method
    if route.kind == "collection":
        if method == "GET":
            if request.param("watch").lower() in ("true", "1"):
                raise status.method_not_allowed()
            return listing.list_objects(store, request)
        if method == "POST" and (route.namespace or not route.resource.namespaced):
            return create(store, request)
        raise status.method_not_allowed()
    handlers = {"GET": get_object, "PUT": replace, "PATCH": patch, "DELETE": delete}
    if method not in handlers:
        raise status.method_not_allowed()
    return handlers[method](store, request)
