"""Defaulting and validation per kind, with kube-apiserver's field paths and messages.

validate_* functions return a list of FieldError; the store turns a non-empty list into a 422
(status.invalid). Decoding problems a real server reports before validation raise a 400 here.
"""

from . import fielderrors as fe
from . import names
from . import status

_SERVICE_TYPES = ("ClusterIP", "ExternalName", "LoadBalancer", "NodePort")
_PROTOCOLS = ("SCTP", "TCP", "UDP")


def _go_map(mapping):
    pairs = ", ".join(f'"{k}":"{v}"' for k, v in sorted(mapping.items()))
    return fe.GoLiteral("map[string]string{" + pairs + "}")


def decode_check(resource, obj):
    """The type errors encoding/json would report while decoding into the Go struct."""
    if resource.kind == "ConfigMap":
        for key, value in (obj.get("data") or {}).items():
            if not isinstance(value, str):
                got = {bool: "bool", int: "number", float: "number", dict: "object",
                       list: "array"}.get(type(value), "value")
                raise status.bad_request(
                    f'ConfigMap in version "v1" cannot be handled as a ConfigMap: json: cannot '
                    f'unmarshal {got} into Go struct field ConfigMap.data of type string')


def validate_metadata(resource, obj):
    errors = []
    metadata = obj.get("metadata") or {}
    name = metadata.get("name", "")
    if not name:
        errors.append(fe.required("metadata.name", "name or generateName is required"))
    else:
        errors.extend(fe.invalid("metadata.name", name, message)
                      for message in resource.name_rule(name))
    for key, value in (metadata.get("labels") or {}).items():
        errors.extend(fe.invalid("metadata.labels", key, m) for m in names.qualified_name(key))
        if not isinstance(value, str):
            raise status.bad_request(f"{resource.kind} in version \"{resource.versions[0]}\" "
                                     f"cannot be handled as a {resource.kind}: json: cannot "
                                     f"unmarshal number into Go struct field "
                                     f"ObjectMeta.metadata.labels of type string")
        errors.extend(fe.invalid("metadata.labels", value, m) for m in names.label_value(value))
    for key in (metadata.get("annotations") or {}):
        errors.extend(fe.invalid("metadata.annotations", key, m)
                      for m in names.qualified_name(key.lower()))
    return errors


def default_and_validate(resource, obj, old):
    """Fills defaults in obj (old: the stored object on update, else None); returns errors."""
    errors = validate_metadata(resource, obj)
    kind = resource.kind
    if kind == "Namespace":
        obj.setdefault("spec", {"finalizers": ["kubernetes"]})
        obj["status"] = {"phase": "Active"}
        obj["metadata"].setdefault("labels", {})["kubernetes.io/metadata.name"] = \
            obj["metadata"].get("name", "")
    elif kind == "ConfigMap":
        for key in (obj.get("data") or {}):
            errors.extend(fe.invalid(f"data[{key}]", key, m) for m in names.config_map_key(key))
        errors.extend(_immutable_config_map(obj, old))
    elif kind == "Service":
        errors.extend(_service(obj, old))
    elif kind == "Deployment":
        errors.extend(_deployment(obj))
    elif kind == "DaemonSet":
        errors.extend(_daemon_set(obj))
    elif kind == "DNS":
        errors.extend(_openshift_dns(obj))
    elif "spec" in obj and not isinstance(obj["spec"], dict):
        errors.append(fe.invalid("spec", obj["spec"], "must be of type object"))
    return errors


def _immutable_config_map(obj, old):
    if not old or not old.get("immutable"):
        return []
    errors = []
    if not obj.get("immutable"):
        errors.append(fe.forbidden("immutable", "field is immutable when `immutable` is set"))
    for field in ("data", "binaryData"):
        if (obj.get(field) or {}) != (old.get(field) or {}):
            errors.append(fe.forbidden(field, "field is immutable when `immutable` is set"))
    return errors


def _service(obj, old):
    spec = obj.setdefault("spec", {})
    errors = []
    service_type = spec.setdefault("type", "ClusterIP")
    if service_type not in _SERVICE_TYPES:
        return [fe.not_supported("spec.type", service_type, _SERVICE_TYPES)]
    spec.setdefault("sessionAffinity", "None")
    if service_type == "ExternalName":
        if not spec.get("externalName"):
            errors.append(fe.required("spec.externalName"))
        return errors
    old_spec = (old or {}).get("spec") or {}
    if "clusterIP" not in spec and old_spec.get("clusterIP"):
        # The registry keeps an allocated IP when an update leaves the field out.
        spec["clusterIP"] = old_spec["clusterIP"]
    if spec.get("clusterIP") and "clusterIPs" not in spec:
        spec["clusterIPs"] = [spec["clusterIP"]]
    cluster_ip = spec.get("clusterIP", "")
    if cluster_ip and cluster_ip != "None":
        if not _is_ipv4(cluster_ip):
            errors.append(fe.invalid("spec.clusterIPs[0]", cluster_ip,
                                     "must be a valid IP address, (e.g. 10.9.8.7 or "
                                     "2001:db8::ffff)"))
    if old_spec.get("clusterIP") and cluster_ip != old_spec["clusterIP"]:
        errors.append(fe.invalid("spec.clusterIPs[0]", [cluster_ip], "may not change once set"))
    ports = spec.get("ports") or []
    if not ports and cluster_ip != "None":
        errors.append(fe.required("spec.ports"))
    for index, port in enumerate(ports):
        path = f"spec.ports[{index}]"
        if len(ports) > 1 and not port.get("name"):
            errors.append(fe.required(f"{path}.name"))
        number = port.get("port", 0)
        if not isinstance(number, int) or not 1 <= number <= 65535:
            errors.append(fe.invalid(f"{path}.port", number,
                                     "must be between 1 and 65535, inclusive"))
        protocol = port.setdefault("protocol", "TCP")
        if protocol not in _PROTOCOLS:
            errors.append(fe.not_supported(f"{path}.protocol", protocol, _PROTOCOLS))
        port.setdefault("targetPort", number)
    spec.setdefault("internalTrafficPolicy", "Cluster")
    spec.setdefault("ipFamilies", ["IPv4"])
    spec.setdefault("ipFamilyPolicy", "SingleStack")
    return errors


def _is_ipv4(text):
    parts = text.split(".")
    return len(parts) == 4 and all(p.isdigit() and str(int(p)) == p and int(p) < 256
                                   for p in parts)


def _deployment(obj):
    spec = obj.setdefault("spec", {})
    spec.setdefault("replicas", 1)
    spec.setdefault("revisionHistoryLimit", 10)
    spec.setdefault("progressDeadlineSeconds", 600)
    spec.setdefault("strategy", {"type": "RollingUpdate",
                                 "rollingUpdate": {"maxSurge": "25%", "maxUnavailable": "25%"}})
    return _pod_template(spec)


def _daemon_set(obj):
    spec = obj.setdefault("spec", {})
    spec.setdefault("revisionHistoryLimit", 10)
    spec.setdefault("updateStrategy", {"type": "RollingUpdate",
                                       "rollingUpdate": {"maxSurge": 0, "maxUnavailable": 1}})
    return _pod_template(spec)


def _openshift_dns(obj):
    """The CRD schema's rules for spec.servers (operator.openshift.io/v1 DNS)."""
    spec = obj.get("spec")
    if spec is None:
        return []
    if not isinstance(spec, dict):
        return [fe.invalid("spec", spec, "must be of type object")]
    servers = spec.get("servers", [])
    if not isinstance(servers, list):
        return [fe.invalid("spec.servers", servers, "must be of type array")]
    errors = []
    for index, server in enumerate(servers):
        path = f"spec.servers[{index}]"
        if not isinstance(server, dict):
            errors.append(fe.invalid(path, server, "must be of type object"))
            continue
        if not server.get("name"):
            errors.append(fe.required(f"{path}.name"))
        if not server.get("zones"):
            errors.append(fe.required(f"{path}.zones"))
        forward = server.get("forwardPlugin") or {}
        if not forward.get("upstreams"):
            errors.append(fe.required(f"{path}.forwardPlugin.upstreams"))
        forward.setdefault("policy", "Random")
    return errors


def _pod_template(spec):
    """What Deployments and DaemonSets check alike: the selector and the pod template."""
    errors = []
    selector = (spec.get("selector") or {}).get("matchLabels")
    template = spec.get("template") or {}
    labels = (template.get("metadata") or {}).get("labels") or {}
    if not spec.get("selector"):
        errors.append(fe.required("spec.selector"))
    elif selector and any(labels.get(k) != v for k, v in selector.items()):
        errors.append(fe.invalid("spec.template.metadata.labels", _go_map(labels),
                                 "`selector` does not match template `labels`"))
    containers = (template.get("spec") or {}).get("containers") or []
    if not containers:
        errors.append(fe.required("spec.template.spec.containers"))
    for index, container in enumerate(containers):
        path = f"spec.template.spec.containers[{index}]"
        if not container.get("name"):
            errors.append(fe.required(f"{path}.name"))
        if not container.get("image"):
            errors.append(fe.required(f"{path}.image"))
    return errors
