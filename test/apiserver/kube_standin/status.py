"""metav1.Status bodies exactly as kube-apiserver writes them (k8s.io/apimachinery/pkg/api/errors).

Every failure the stand-in reports goes through ApiError, so the JSON shape, reason and code of
each case can be compared with a real server's in one place.
"""


class ApiError(Exception):
    """A request that fails with a Kubernetes Status body."""

    def __init__(self, code, reason, message, details=None, headers=None):
        super().__init__(message)
        self.code = code
        self.reason = reason
        self.message = message
        self.details = details
        self.headers = headers or {}

    def body(self):
        status = {
            "kind": "Status",
            "apiVersion": "v1",
            "metadata": {},
            "status": "Failure",
            "message": self.message,
            "reason": self.reason,
        }
        if self.details is not None:
            status["details"] = self.details
        status["code"] = self.code
        return status


def _qualified(resource):
    """'configmaps' or 'serviceentries.networking.istio.io' (GroupResource.String())."""
    return resource.plural if not resource.group else f"{resource.plural}.{resource.group}"


def _resource_details(resource, name):
    details = {"name": name} if name else {}
    if resource.group:
        details["group"] = resource.group
    details["kind"] = resource.plural
    return details


def not_found(resource, name):
    return ApiError(404, "NotFound", f'{_qualified(resource)} "{name}" not found',
                    _resource_details(resource, name))


def already_exists(resource, name):
    return ApiError(409, "AlreadyExists", f'{_qualified(resource)} "{name}" already exists',
                    _resource_details(resource, name))


def conflict(resource, name, why):
    return ApiError(409, "Conflict",
                    f'Operation cannot be fulfilled on {_qualified(resource)} "{name}": {why}',
                    _resource_details(resource, name))


STALE_OBJECT = ("the object has been modified; please apply your changes to the latest version "
                "and try again")


def unknown_path():
    # What genericapiserver's not-found handler answers for any path nothing serves.
    return ApiError(404, "NotFound", "the server could not find the requested resource", {})


def bad_request(message):
    return ApiError(400, "BadRequest", message)


def method_not_allowed():
    return ApiError(405, "MethodNotAllowed",
                    "the server does not allow this method on the requested resource", {})


def unsupported_media_type(content_type, accepted):
    return ApiError(415, "UnsupportedMediaType",
                    f"the body of the request was in an unknown format - accepted media types "
                    f"include: {', '.join(accepted)}", {})


def unauthorized():
    return ApiError(401, "Unauthorized", "Unauthorized")


def forbidden_path(user, verb, path):
    return ApiError(403, "Forbidden", f'forbidden: User "{user}" cannot {verb} path "{path}"', {})


def forbidden_resource(user, verb, resource, namespace, name):
    where = f'in the namespace "{namespace}"' if namespace else "at the cluster scope"
    subject = f'{_qualified(resource)} "{name}"' if name else _qualified(resource)
    message = (f'{subject} is forbidden: User "{user}" cannot {verb} resource '
               f'"{resource.plural}" in API group "{resource.group}" {where}')
    return ApiError(403, "Forbidden", message, _resource_details(resource, name or ""))


def invalid(group, kind, name, field_errors):
    """422 Invalid from a list of FieldError, like errors.NewInvalid(GroupKind, name, errs)."""
    qualified_kind = kind if not group else f"{kind}.{group}"
    rendered = [str(error) for error in field_errors]
    summary = rendered[0] if len(rendered) == 1 else "[" + ", ".join(rendered) + "]"
    details = {"name": name}
    if group:
        details["group"] = group
    details["kind"] = kind
    details["causes"] = [error.cause() for error in field_errors]
    return ApiError(422, "Invalid", f'{qualified_kind} "{name}" is invalid: {summary}', details)


def internal_error(message):
    return ApiError(500, "InternalError", f"Internal error occurred: {message}",
                    {"causes": [{"message": message}]})


def injected(code, message):
    """A fault a test asked for: the reason a real server would give with that code."""
    reasons = {400: "BadRequest", 401: "Unauthorized", 403: "Forbidden", 404: "NotFound",
               409: "Conflict", 410: "Expired", 422: "Invalid", 429: "TooManyRequests",
               500: "InternalError", 503: "ServiceUnavailable", 504: "Timeout"}
    headers = {"Retry-After": "1"} if code in (429, 503) else {}
    return ApiError(code, reasons.get(code, "Unknown"), message, {}, headers)


def success(resource, name, uid):
    details = _resource_details(resource, name)
    details["uid"] = uid
    return {"kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Success",
            "details": details}
