"""The resources the stand-in serves, and the discovery documents built from them.

One row per resource; discovery (legacy and aggregated), routing and validation all read this
table, so a resource exists everywhere or nowhere.
"""

from dataclasses import dataclass, field

from . import names

VERBS = ["create", "delete", "get", "list", "patch", "update"]
ISTIO = "networking.istio.io"


@dataclass(frozen=True)
class Resource:
    group: str
    versions: tuple          # served versions, preferred first
    plural: str
    singular: str
    kind: str
    namespaced: bool
    short_names: tuple = ()
    categories: tuple = ()
    name_rule: object = field(default=names.dns1123_subdomain, compare=False)
    builtin: bool = True     # list items of built-in types carry no apiVersion/kind

    def api_version(self, version):
        return version if not self.group else f"{self.group}/{version}"


RESOURCES = [
    Resource("", ("v1",), "namespaces", "namespace", "Namespace", False, ("ns",),
             name_rule=names.dns1123_label),
    Resource("", ("v1",), "services", "service", "Service", True, ("svc",), ("all",),
             name_rule=names.dns1035_label),
    Resource("", ("v1",), "configmaps", "configmap", "ConfigMap", True, ("cm",)),
    # Pods and Endpoints are only seeded (nothing runs them): verify --via-cluster reads kube-dns's
    # endpoints and port-forwards to the pods (portforward.py).
    Resource("", ("v1",), "pods", "pod", "Pod", True, ("po",), ("all",)),
    Resource("", ("v1",), "endpoints", "endpoints", "Endpoints", True, ("ep",)),
    Resource("apps", ("v1",), "deployments", "deployment", "Deployment", True, ("deploy",),
             ("all",)),
    Resource("apps", ("v1",), "daemonsets", "daemonset", "DaemonSet", True, ("ds",), ("all",)),
    Resource(ISTIO, ("v1", "v1beta1", "v1alpha3"), "serviceentries", "serviceentry",
             "ServiceEntry", True, ("se",), ("istio-io", "networking-istio-io"), builtin=False),
    Resource(ISTIO, ("v1", "v1beta1", "v1alpha3"), "virtualservices", "virtualservice",
             "VirtualService", True, ("vs",), ("istio-io", "networking-istio-io"),
             builtin=False),
    # OpenShift's DNS operator configuration (a CRD there): cluster-scoped, one object "default".
    Resource("operator.openshift.io", ("v1",), "dnses", "dns", "DNS", False, builtin=False),
]

NAMESPACES = RESOURCES[0]


def find(group, version, plural):
    for resource in RESOURCES:
        if resource.group == group and resource.plural == plural and version in resource.versions:
            return resource
    return None


def find_kind(api_version, kind):
    group, _, version = api_version.rpartition("/")
    for resource in RESOURCES:
        if resource.group == group and resource.kind == kind and version in resource.versions:
            return resource, version
    return None, None


def groups():
    """Named groups in discovery order, each with its served versions (preferred first)."""
    ordered = {}
    for resource in RESOURCES:
        if resource.group:
            ordered.setdefault(resource.group, resource.versions)
    return ordered


def serves_version(group, version):
    return any(r.group == group and version in r.versions for r in RESOURCES)


def _api_resource(resource):
    entry = {"name": resource.plural, "singularName": resource.singular,
             "namespaced": resource.namespaced, "kind": resource.kind, "verbs": VERBS}
    if resource.short_names:
        entry["shortNames"] = list(resource.short_names)
    if resource.categories:
        entry["categories"] = list(resource.categories)
    return entry


def resource_list(group, version):
    """APIResourceList for /api/v1 or /apis/GROUP/VERSION."""
    return {"kind": "APIResourceList", "apiVersion": "v1",
            "groupVersion": version if not group else f"{group}/{version}",
            "resources": [_api_resource(r) for r in RESOURCES
                          if r.group == group and version in r.versions]}


def _group_versions(group, versions):
    listed = [{"groupVersion": f"{group}/{v}", "version": v} for v in versions]
    return {"name": group, "versions": listed, "preferredVersion": listed[0]}


def api_group(group):
    body = {"kind": "APIGroup", "apiVersion": "v1"}
    body.update(_group_versions(group, groups()[group]))
    return body


def api_group_list():
    return {"kind": "APIGroupList", "apiVersion": "v1",
            "groups": [_group_versions(g, v) for g, v in groups().items()]}


def api_versions(server_address):
    return {"kind": "APIVersions", "versions": ["v1"],
            "serverAddressByClientCIDRs": [{"clientCIDR": "0.0.0.0/0",
                                            "serverAddress": server_address}]}


def _discovery_resource(resource):
    entry = {"resource": resource.plural,
             "responseKind": {"group": "", "version": "", "kind": resource.kind},
             "scope": "Namespaced" if resource.namespaced else "Cluster",
             "singularResource": resource.singular, "verbs": VERBS}
    if resource.short_names:
        entry["shortNames"] = list(resource.short_names)
    if resource.categories:
        entry["categories"] = list(resource.categories)
    return entry


def _discovery_group(group, versions):
    metadata = {"creationTimestamp": None}
    if group:
        metadata["name"] = group
    return {"metadata": metadata,
            "versions": [{"version": v,
                          "resources": [_discovery_resource(r) for r in RESOURCES
                                        if r.group == group and v in r.versions],
                          "freshness": "Current"} for v in versions]}


def aggregated_discovery(legacy, discovery_version):
    """APIGroupDiscoveryList (apidiscovery.k8s.io v2 or v2beta1) for /api or /apis."""
    if legacy:
        items = [_discovery_group("", ("v1",))]
    else:
        items = [_discovery_group(g, v) for g, v in groups().items()]
    return {"kind": "APIGroupDiscoveryList",
            "apiVersion": f"apidiscovery.k8s.io/{discovery_version}",
            "metadata": {}, "items": items}
