"""Unknown-field detection for fieldValidation (Strict: 400, Warn: a Warning header, Ignore).

Field names per kind from the k8s.io/api types and the Istio CRD schemas, for the levels a
client writes; deeper levels (pod templates, Istio routes) are not checked.
"""

_METADATA = {"name", "generateName", "namespace", "selfLink", "uid", "resourceVersion",
             "generation", "creationTimestamp", "deletionTimestamp",
             "deletionGracePeriodSeconds", "labels", "annotations", "ownerReferences",
             "finalizers", "managedFields"}
_OBJECT = {"apiVersion", "kind", "metadata", "spec", "status"}

_KNOWN = {
    "Namespace": {"": _OBJECT, "spec": {"finalizers"}},
    "ConfigMap": {"": {"apiVersion", "kind", "metadata", "data", "binaryData", "immutable"}},
    "Service": {
        "": _OBJECT,
        "spec": {"ports", "selector", "clusterIP", "clusterIPs", "type", "externalIPs",
                 "sessionAffinity", "loadBalancerIP", "loadBalancerSourceRanges",
                 "externalName", "externalTrafficPolicy", "healthCheckNodePort",
                 "publishNotReadyAddresses", "sessionAffinityConfig", "ipFamilies",
                 "ipFamilyPolicy", "allocateLoadBalancerNodePorts", "loadBalancerClass",
                 "internalTrafficPolicy", "trafficDistribution"},
        "spec.ports": {"name", "protocol", "appProtocol", "port", "targetPort", "nodePort"},
    },
    "Deployment": {
        "": _OBJECT,
        "spec": {"replicas", "selector", "template", "strategy", "minReadySeconds",
                 "revisionHistoryLimit", "paused", "progressDeadlineSeconds"},
    },
    "DaemonSet": {
        "": _OBJECT,
        "spec": {"selector", "template", "updateStrategy", "minReadySeconds",
                 "revisionHistoryLimit"},
    },
    "DNS": {
        "": _OBJECT,
        "spec": {"cache", "logLevel", "managementState", "nodePlacement", "operatorLogLevel",
                 "servers", "upstreamResolvers"},
        "spec.servers": {"name", "zones", "forwardPlugin"},
    },
    "ServiceEntry": {
        "": _OBJECT,
        "spec": {"hosts", "addresses", "ports", "location", "resolution", "endpoints",
                 "workloadSelector", "exportTo", "subjectAltNames"},
        "spec.ports": {"number", "protocol", "name", "targetPort"},
    },
    "VirtualService": {"": _OBJECT,
                       "spec": {"hosts", "gateways", "http", "tls", "tcp", "exportTo"}},
}


def unknown_fields(kind, obj):
    """Dotted paths of fields the kind does not have, in a stable order."""
    known = _KNOWN.get(kind, {"": _OBJECT})
    found = [key for key in obj if key not in known[""]]
    if isinstance(obj.get("metadata"), dict):
        found += [f"metadata.{key}" for key in obj["metadata"] if key not in _METADATA]
    for path, fields in known.items():
        if not path:
            continue
        node = obj
        for part in path.split("."):
            node = node.get(part) if isinstance(node, dict) else None
        # List items print with their index, as the strict JSON decoder reports them.
        items = enumerate(node) if isinstance(node, list) else [(None, node)]
        for index, item in items:
            where = path if index is None else f"{path}[{index}]"
            if isinstance(item, dict):
                found += [f"{where}.{key}" for key in item if key not in fields]
    return sorted(set(found), key=found.index)
