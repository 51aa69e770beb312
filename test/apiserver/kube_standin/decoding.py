"""Request bodies to objects: JSON, YAML or protobuf, then the checks a real server makes
while decoding (type, unknown fields per fieldValidation, name and namespace against the URL).
"""

import json

import yaml

from . import fielderrors as fe
from . import knownfields
from . import protobuf
from . import status
from . import validation

APPLY = "application/apply-patch+yaml"
PROTOBUF = "application/vnd.kubernetes.protobuf"


def options_error(options_kind, errors):
    """422 for bad request options, e.g. PatchOptions.meta.k8s.io "" is invalid: ..."""
    return status.invalid("meta.k8s.io", options_kind, "", errors)


def decode(request, resource, version):
    if request.content_type() == PROTOBUF:
        obj = protobuf.decode(request.body)
    else:
        text = request.body.decode("utf-8", "replace")
        try:
            obj = json.loads(text) if text.lstrip().startswith("{") else yaml.safe_load(text)
        except (ValueError, yaml.YAMLError) as error:
            raise status.bad_request(f"error decoding request body: {error}")
    if not isinstance(obj, dict):
        raise status.bad_request(f"the object provided is unrecognized (must be of type "
                                 f"{resource.kind})")
    expected = resource.api_version(version)
    if obj.get("apiVersion", expected) != expected:
        raise status.bad_request(f"the API version in the data ({obj['apiVersion']}) does not "
                                 f"match the expected API version ({expected})")
    if obj.get("kind", resource.kind) != resource.kind:
        raise status.bad_request(f"the kind in the data ({obj['kind']}) does not match the "
                                 f"expected kind ({resource.kind})")
    validation.decode_check(resource, obj)
    _check_fields(request, resource, obj)
    return obj


def _check_fields(request, resource, obj):
    mode = request.param("fieldValidation", "Warn")
    if mode not in ("Ignore", "Warn", "Strict"):
        options = {"POST": "CreateOptions", "PUT": "UpdateOptions"}.get(request.method,
                                                                        "PatchOptions")
        raise options_error(options, [fe.not_supported("fieldValidation", mode,
                                                        ["Ignore", "Strict", "Warn"])])
    unknown = [f'unknown field "{path}"'
               for path in knownfields.unknown_fields(resource.kind, obj)]
    if unknown and mode == "Strict":
        raise status.bad_request("strict decoding error: " + ", ".join(unknown))
    if mode == "Warn":
        request.warnings += unknown


def check_identity(request, obj, name):
    metadata = obj.setdefault("metadata", {})
    if not isinstance(metadata, dict):
        raise status.bad_request("metadata must be an object")
    route = request.route
    body_name = metadata.get("name", "")
    # PUT compares the names as they are (an empty one differs too); apply may leave it out.
    if name and body_name != name and (body_name or request.content_type() != APPLY):
        raise status.bad_request(f"the name of the object ({body_name}) does not match the name "
                                 f"on the URL ({name})")
    body_namespace = metadata.get("namespace")
    if route.resource.namespaced and body_namespace and body_namespace != route.namespace:
        raise status.bad_request("the namespace of the provided object does not match the "
                                 "namespace sent on the request")
