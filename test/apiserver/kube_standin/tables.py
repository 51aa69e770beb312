"""meta.k8s.io/v1 Table responses, which `kubectl get` asks for to print its columns."""

import datetime


def _age(timestamp):
    try:
        created = datetime.datetime.strptime(timestamp, "%Y-%m-%dT%H:%M:%SZ").replace(
            tzinfo=datetime.timezone.utc)
    except (TypeError, ValueError):
        return "<unknown>"
    seconds = int((datetime.datetime.now(datetime.timezone.utc) - created).total_seconds())
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if seconds >= 2 * size:
            return f"{seconds // size}{unit}"
    return f"{max(seconds, 0)}s"


def _ports(spec):
    shown = [f"{p.get('port')}/{p.get('protocol', 'TCP')}" for p in spec.get("ports") or []]
    return ",".join(shown) or "<none>"


_COLUMNS = {
    "Namespace": [("Status", lambda o: (o.get("status") or {}).get("phase", ""))],
    "ConfigMap": [("Data", lambda o: len(o.get("data") or {}) + len(o.get("binaryData") or {}))],
    "Service": [("Type", lambda o: o["spec"].get("type", "")),
                ("Cluster-IP", lambda o: o["spec"].get("clusterIP", "<none>")),
                ("External-IP", lambda o: o["spec"].get("externalName", "<none>")),
                ("Port(s)", lambda o: _ports(o["spec"]))],
    "Deployment": [("Ready", lambda o: f"0/{o['spec'].get('replicas', 1)}"),
                   ("Up-to-date", lambda o: 0), ("Available", lambda o: 0)],
    # No nodes run anything here: every count a real server shows from status is 0.
    "DaemonSet": [(title, lambda o: 0) for title in ("Desired", "Current", "Ready",
                                                      "Up-to-date", "Available")] +
                 [("Node Selector", lambda o: ",".join(
                     f"{k}={v}" for k, v in sorted(((o["spec"].get("template") or {}).get("spec")
                                                     or {}).get("nodeSelector", {}).items()))
                   or "<none>")],
}


def table(objects, kind, resource_version):
    """A Table whose rows carry PartialObjectMetadata, as with the default includeObject."""
    columns = [("Name", None)] + _COLUMNS.get(kind, []) + [("Age", None)]
    definitions = []
    for title, _ in columns:
        definition = {"name": title, "type": "integer" if title == "Data" else "string",
                      "format": "name" if title == "Name" else "", "description": "",
                      "priority": 0}
        definitions.append(definition)
    rows = []
    for obj in objects:
        metadata = obj.get("metadata", {})
        cells = [metadata.get("name", "")]
        cells += [render(obj) for _, render in _COLUMNS.get(kind, [])]
        cells.append(_age(metadata.get("creationTimestamp")))
        partial = {"kind": "PartialObjectMetadata", "apiVersion": "meta.k8s.io/v1",
                   "metadata": metadata}
        rows.append({"cells": cells, "object": partial})
    return {"kind": "Table", "apiVersion": "meta.k8s.io/v1",
            "metadata": {"resourceVersion": resource_version},
            "columnDefinitions": definitions, "rows": rows}
