"""URL paths to what they name, the way kube-apiserver's mux splits them."""

from dataclasses import dataclass

from . import openapi
from . import resources
from . import status


@dataclass
class Route:
    kind: str                 # version, health, openapi_root, openapi, api_versions,
                              # group_list, group, resource_list, collection, item, portforward
    group: str = ""
    version: str = ""
    resource: object = None
    namespace: str = ""       # "" for cluster-scoped paths
    name: str = ""
    legacy: bool = False      # /api rather than /apis


def parse(path):
    """The Route for a path; ApiError 404 (the real body) for anything not served."""
    parts = [part for part in path.split("/") if part]
    if path in ("/version", "/version/"):
        return Route("version")
    if parts in (["healthz"], ["livez"], ["readyz"]):
        return Route("health")
    if parts == ["openapi", "v3"]:
        return Route("openapi_root")
    if parts[:2] == ["openapi", "v3"] and openapi.lookup(path):
        group, version = openapi.lookup(path)
        return Route("openapi", group=group, version=version)
    if not parts or parts[0] not in ("api", "apis"):
        raise status.unknown_path()
    legacy = parts[0] == "api"
    if legacy:
        group, rest = "", parts[1:]
        if not rest:
            return Route("api_versions", legacy=True)
    else:
        if len(parts) == 1:
            return Route("group_list")
        group, rest = parts[1], parts[2:]
        if group not in resources.groups():
            raise status.unknown_path()
        if not rest:
            return Route("group", group=group)
    version, rest = rest[0], rest[1:]
    if not resources.serves_version(group, version):
        raise status.unknown_path()
    if not rest:
        return Route("resource_list", group, version, legacy=legacy)
    namespace = ""
    if rest[0] == "namespaces" and len(rest) >= 3:
        namespace, rest = rest[1], rest[2:]
    resource = resources.find(group, version, rest[0])
    if (resource is not None and resource.kind == "Pod" and namespace and len(rest) == 3
            and rest[2] == "portforward"):
        return Route("portforward", group, version, resource, namespace, rest[1], legacy)
    if resource is None or len(rest) > 2 or (namespace and not resource.namespaced):
        raise status.unknown_path()
    if len(rest) == 2 and resource.namespaced and not namespace:
        raise status.unknown_path()
    route = Route("item" if len(rest) == 2 else "collection", group, version, resource,
                  namespace, rest[1] if len(rest) == 2 else "", legacy)
    return route
