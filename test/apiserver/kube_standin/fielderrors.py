"""field.Error from k8s.io/apimachinery/pkg/util/validation/field, rendered the same way.

The text of a 422 is built from these, so 'spec.clusterIPs: Invalid value: []string{"1.1.1.1"}:
...' comes out byte for byte as the real server prints it.
"""

import json


class GoLiteral(str):
    """A value already printed the Go way (e.g. %#v of a map); shown as is."""


def go_value(value):
    """How field.Error prints a value: %q for strings, %v for numbers, %#v for the rest."""
    if isinstance(value, GoLiteral):
        return str(value)
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return "[]string{" + ", ".join(json.dumps(item) for item in value) + "}"
    return json.dumps(value, separators=(",", ":"))


class FieldError:
    _REASONS = {
        "Required value": "FieldValueRequired",
        "Invalid value": "FieldValueInvalid",
        "Unsupported value": "FieldValueNotSupported",
        "Duplicate value": "FieldValueDuplicate",
        "Forbidden": "FieldValueForbidden",
    }

    def __init__(self, kind, field, value=None, detail=""):
        self.kind = kind
        self.field = field
        self.value = value
        self.detail = detail

    def body(self):
        if self.kind in ("Required value", "Forbidden"):
            text = self.kind
        else:
            text = f"{self.kind}: {go_value(self.value)}"
        return f"{text}: {self.detail}" if self.detail else text

    def cause(self):
        return {"reason": self._REASONS[self.kind], "message": self.body(), "field": self.field}

    def __str__(self):
        return f"{self.field}: {self.body()}"


def required(field, detail=""):
    return FieldError("Required value", field, None, detail)


def invalid(field, value, detail):
    return FieldError("Invalid value", field, value, detail)


def not_supported(field, value, supported):
    quoted = ", ".join(json.dumps(item) for item in supported)
    return FieldError("Unsupported value", field, value, f"supported values: {quoted}")


def duplicate(field, value):
    return FieldError("Duplicate value", field, value)


def forbidden(field, detail):
    return FieldError("Forbidden", field, None, detail)
