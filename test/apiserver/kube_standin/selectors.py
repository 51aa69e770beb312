"""Label and field selectors as list requests carry them (?labelSelector=..., ?fieldSelector=...).

Parsing follows k8s.io/apimachinery/pkg/labels and pkg/fields: =, ==, !=, in, notin, exists and
!exists for labels; =, ==, != on metadata.name and metadata.namespace for fields.
"""

import re

from . import status

_TERM = re.compile(
    r"\s*(?P<neg>!)?\s*(?P<key>[A-Za-z0-9][-A-Za-z0-9_./]*)\s*"
    r"(?:(?P<setop>in|notin)\s*\((?P<values>[^)]*)\)|(?P<op>==|=|!=)\s*(?P<value>[^,]*))?\s*")


def _split_terms(text):
    """Split on commas that are not inside parentheses."""
    terms, depth, current = [], 0, ""
    for char in text:
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        if char == "," and depth == 0:
            terms.append(current)
            current = ""
        else:
            current += char
    terms.append(current)
    return terms


def parse_labels(text):
    """A list of predicates over a labels dict; raises ApiError 400 on bad syntax."""
    predicates = []
    if not text.strip():
        return predicates
    for term in _split_terms(text):
        match = _TERM.fullmatch(term)
        if not match or (match["neg"] and (match["setop"] or match["op"])):
            raise status.bad_request(f"unable to parse requirement: found '{term.strip()}', "
                                     f"expected: identifier or operator")
        key = match["key"]
        if match["setop"]:
            values = {v.strip() for v in match["values"].split(",") if v.strip()}
            if match["setop"] == "in":
                predicates.append(lambda labels, k=key, vs=values: labels.get(k) in vs)
            else:
                predicates.append(lambda labels, k=key, vs=values: labels.get(k) not in vs)
        elif match["op"]:
            value = match["value"].strip()
            if match["op"] == "!=":
                predicates.append(lambda labels, k=key, v=value: labels.get(k) != v)
            else:
                predicates.append(lambda labels, k=key, v=value: labels.get(k) == v)
        elif match["neg"]:
            predicates.append(lambda labels, k=key: k not in labels)
        else:
            predicates.append(lambda labels, k=key: k in labels)
    return predicates


_FIELDS = ("metadata.name", "metadata.namespace")


def parse_fields(text, resource, label_text):
    predicates = []
    if not text.strip():
        return predicates
    for term in text.split(","):
        match = re.fullmatch(r"\s*([A-Za-z0-9.]+)\s*(==|=|!=)\s*(.*?)\s*", term)
        if not match:
            raise status.bad_request(f"invalid selector: '{text}'; can't understand '{term}'")
        path, op, value = match.groups()
        if path not in _FIELDS:
            gvr = f"{resource.group}/{resource.versions[0]}, Resource={resource.plural}"
            raise status.bad_request(
                f'Unable to find "{gvr}" that match label selector "{label_text}", field '
                f'selector "{text}": field label not supported: {path}')
        key = path.split(".")[1]
        if op == "!=":
            predicates.append(lambda meta, k=key, v=value: meta.get(k, "") != v)
        else:
            predicates.append(lambda meta, k=key, v=value: meta.get(k, "") == v)
    return predicates


def matches(obj, label_predicates, field_predicates):
    metadata = obj.get("metadata", {})
    labels = metadata.get("labels") or {}
    return (all(p(labels) for p in label_predicates)
            and all(p(metadata) for p in field_predicates))
