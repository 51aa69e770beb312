"""OpenAPI v3 documents, reduced to what clients read from them: the operations per path, their
group-version-kind and their query parameters.

kubectl (1.27+) validates apply/create by asking the server to (fieldValidation=Strict); it
checks for that parameter on the PATCH operation of the kind in /openapi/v3/<group-version>.
Schemas are not published (components is empty), so `kubectl explain` has nothing to show.
/openapi/v2 is not served: kubectl only falls back to it when v3 is missing.
"""

import hashlib
import json

from . import resources

_COMMON = ["dryRun", "fieldManager", "fieldValidation", "pretty"]
_BY_METHOD = {
    "get": ["pretty"],
    "put": _COMMON,
    "patch": _COMMON + ["force"],
    "delete": ["dryRun", "gracePeriodSeconds", "propagationPolicy", "pretty"],
    "post": _COMMON,
}


def _operation(method, resource, version, action, collection):
    verb = {"get": "list" if collection else "get", "post": "create", "put": "replace",
            "patch": "patch", "delete": "delete"}[method]
    names = list(_BY_METHOD[method])
    if method == "get" and collection:
        names += ["labelSelector", "fieldSelector", "limit", "continue"]
    operation_id = f"{verb}{resource.kind}"
    return {
        "operationId": operation_id,
        "parameters": [{"name": name, "in": "query", "schema": {"type": "string"}}
                       for name in names],
        "x-kubernetes-action": action,
        "x-kubernetes-group-version-kind": {"group": resource.group, "version": version,
                                            "kind": resource.kind},
        "responses": {"200": {"description": "OK"}},
    }


def _prefix(group, version):
    return f"/api/{version}" if not group else f"/apis/{group}/{version}"


def document(group, version):
    paths = {}
    for resource in resources.RESOURCES:
        if resource.group != group or version not in resource.versions:
            continue
        base = _prefix(group, version)
        if resource.namespaced:
            base += "/namespaces/{namespace}"
        collection = f"{base}/{resource.plural}"
        paths[collection] = {
            "get": _operation("get", resource, version, "list", True),
            "post": _operation("post", resource, version, "post", True),
        }
        paths[collection + "/{name}"] = {
            method: _operation(method, resource, version, action, False)
            for method, action in (("get", "get"), ("put", "put"), ("patch", "patch"),
                                   ("delete", "delete"))
        }
    return {"openapi": "3.0.0", "info": {"title": "Kubernetes", "version": "v1.32.5"},
            "paths": paths, "components": {}}


def _key(group, version):
    return f"api/{version}" if not group else f"apis/{group}/{version}"


def root():
    """The index: one serverRelativeURL per group-version, with a content hash like the real one."""
    entries = {}
    versions = [("", "v1")] + [(g, v) for g, vs in resources.groups().items() for v in vs]
    for group, version in versions:
        digest = hashlib.sha512(json.dumps(document(group, version), sort_keys=True)
                                .encode()).hexdigest()[:128].upper()
        entries[_key(group, version)] = {
            "serverRelativeURL": f"/openapi/v3/{_key(group, version)}?hash={digest}"}
    return {"paths": entries}


def lookup(path):
    """(group, version) for /openapi/v3/api/v1 or /openapi/v3/apis/G/V; None when not served."""
    parts = [part for part in path.split("/") if part][2:]
    if parts == ["api", "v1"]:
        return "", "v1"
    if len(parts) == 3 and parts[0] == "apis" and resources.serves_version(parts[1], parts[2]):
        return parts[1], parts[2]
    return None
