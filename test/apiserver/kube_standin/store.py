"""The object store: what etcd plus the registry strategies do for the served kinds.

The server serves one request at a time; the lock still makes every operation atomic for any
caller (a test, a seed loader), and uncontended it costs nanoseconds.
Returned objects are copies; the caller sets apiVersion for the version it was asked for.
"""

import datetime
import json
import threading
import uuid

from . import clusterip
from . import managedfields
from . import resources
from . import status
from . import validation
from .jsontree import clone

_SERVER_SET = ("uid", "resourceVersion", "creationTimestamp", "generation", "managedFields",
               "deletionTimestamp", "selfLink")


def _now():
    return datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _tracks_generation(resource):
    return resource.kind not in ("Namespace", "ConfigMap", "Service")


class Store:
    def __init__(self):
        self._lock = threading.Lock()
        self._objects = {resource: {} for resource in resources.RESOURCES}
        self._revision = 0
        self._ips = clusterip.Allocator()

    # --- reads ---

    def get(self, resource, namespace, name):
        with self._lock:
            found = self._objects[resource].get((namespace, name))
            if found is None:
                raise status.not_found(resource, name)
            return clone(found)

    def exists(self, resource, namespace, name):
        with self._lock:
            return (namespace, name) in self._objects[resource]

    def list(self, resource, namespace, keep):
        with self._lock:
            items = [clone(obj) for (ns, _), obj in sorted(self._objects[resource].items())
                     if (namespace is None or ns == namespace) and keep(obj)]
            return items, str(self._revision)

    # --- writes ---

    def create(self, resource, namespace, obj, manager, api_version, dry_run):
        with self._lock:
            return self._create(resource, namespace, obj, manager, api_version, dry_run,
                                managed=None)

    def seed(self, resource, obj):
        """Stores a seed object; explicit managedFields in it are kept, else 'standin-seed'."""
        namespace = obj.get("metadata", {}).get("namespace", "default") \
            if resource.namespaced else ""
        managed = obj.get("metadata", {}).get("managedFields")
        with self._lock:
            return self._create(resource, namespace, obj, "standin-seed",
                                resource.api_version(resource.versions[0]), False, managed)

    def replace(self, resource, namespace, name, obj, manager, api_version, dry_run):
        with self._lock:
            live = self._live(resource, namespace, name)
            self._check_precondition(resource, name, obj, live)
            updated = clone(obj)
            managedfields.record_update(live, updated, manager, api_version, _now())
            return self._update(resource, namespace, live, updated, dry_run)

    def patch(self, resource, namespace, name, mutate, manager, api_version, dry_run):
        """mutate(live copy) returns the patched object; runs under the lock."""
        with self._lock:
            live = self._live(resource, namespace, name)
            updated = mutate(clone(live))
            self._check_precondition(resource, name, updated, live)
            managedfields.record_update(live, updated, manager, api_version, _now())
            return self._update(resource, namespace, live, updated, dry_run)

    def apply(self, resource, namespace, name, config, manager, api_version, force, dry_run):
        with self._lock:
            live = self._objects[resource].get((namespace, name))
            if live is not None:
                self._check_precondition(resource, name, config, live)
            self._require_namespace(resource, namespace)
            applied = _without_server_fields(config)
            applied.pop("status", None)  # status belongs to the status subresource
            result = managedfields.apply(clone(live), applied, manager, api_version,
                                         force, _now())
            if live is None:
                return self._create(resource, namespace, result, manager, api_version, dry_run,
                                    managed=result["metadata"].get("managedFields"), fresh=True)
            return self._update(resource, namespace, live, result, dry_run)

    def delete(self, resource, namespace, name, dry_run):
        with self._lock:
            live = self._live(resource, namespace, name)
            if dry_run:
                return clone(live)
            del self._objects[resource][(namespace, name)]
            self._release(resource, live)
            if resource is resources.NAMESPACES:
                # A real namespace lingers as Terminating while its content goes; ours goes now.
                for other in resources.RESOURCES:
                    for key in [k for k in self._objects[other] if k[0] == name]:
                        self._release(other, self._objects[other].pop(key))
            self._revision += 1
            return clone(live)

    # --- helpers, called with the lock held ---

    def _live(self, resource, namespace, name):
        live = self._objects[resource].get((namespace, name))
        if live is None:
            raise status.not_found(resource, name)
        return live

    def _require_namespace(self, resource, namespace):
        if resource.namespaced and ("", namespace) not in self._objects[resources.NAMESPACES]:
            raise status.not_found(resources.NAMESPACES, namespace)

    def _check_precondition(self, resource, name, obj, live):
        wanted = (obj.get("metadata") or {}).get("resourceVersion")
        if wanted and wanted != live["metadata"]["resourceVersion"]:
            raise status.conflict(resource, name, status.STALE_OBJECT)

    def _create(self, resource, namespace, obj, manager, api_version, dry_run, managed,
                fresh=False):
        """fresh: obj is a new tree nobody else holds (apply's result), so it is kept, not
        copied."""
        self._require_namespace(resource, namespace)
        obj = _without_server_fields(obj, copy=not fresh)
        metadata = obj.setdefault("metadata", {})
        if resource.namespaced:
            metadata["namespace"] = namespace
        else:
            metadata.pop("namespace", None)
        errors = validation.default_and_validate(resource, obj, None)
        name = metadata.get("name", "")
        if errors:
            raise status.invalid(resource.group, resource.kind, name, errors)
        if (namespace, name) in self._objects[resource]:
            raise status.already_exists(resource, name)
        reserved = self._allocate(resource, obj, dry_run)
        metadata["uid"] = str(uuid.uuid4())
        metadata["creationTimestamp"] = _now()
        if _tracks_generation(resource):
            metadata["generation"] = 1
        if managed is not None:
            metadata["managedFields"] = managed
        else:
            managedfields.record_update(None, obj, manager, api_version, _now())
        obj["apiVersion"] = resource.api_version(resource.versions[0])  # stored at the preferred
        obj["kind"] = resource.kind
        if dry_run:
            return obj
        self._revision += 1
        metadata["resourceVersion"] = str(self._revision)
        self._objects[resource][(namespace, name)] = obj
        if reserved:
            self._ips.reserve(reserved)
        return clone(obj)

    def _update(self, resource, namespace, live, updated, dry_run):
        metadata = updated.setdefault("metadata", {})
        for key in ("uid", "creationTimestamp", "name"):
            metadata[key] = live["metadata"][key]
        if resource.namespaced:
            metadata["namespace"] = namespace
        errors = validation.default_and_validate(resource, updated, live)
        if errors:
            raise status.invalid(resource.group, resource.kind, metadata["name"], errors)
        if _tracks_generation(resource):
            changed = _canonical(updated.get("spec")) != _canonical(live.get("spec"))
            metadata["generation"] = live["metadata"].get("generation", 1) + (1 if changed else 0)
        updated["apiVersion"], updated["kind"] = live["apiVersion"], live["kind"]
        metadata["resourceVersion"] = live["metadata"]["resourceVersion"]
        if _without_times(updated) == _without_times(live) or dry_run:
            return clone(updated)  # a no-op write keeps its resourceVersion
        self._revision += 1
        metadata["resourceVersion"] = str(self._revision)
        self._objects[resource][(namespace, metadata["name"])] = updated
        return clone(updated)

    def _allocate(self, resource, obj, dry_run):
        """Checks or picks a Service's ClusterIP; returns the address to reserve, if any."""
        if resource.kind != "Service":
            return None
        spec = obj["spec"]
        if spec["type"] == "ExternalName" or spec.get("clusterIP") == "None":
            if spec.get("clusterIP") == "None":
                spec["clusterIPs"] = ["None"]
            return None
        wanted = spec.get("clusterIP")
        if wanted:
            error = self._ips.check(wanted, spec.get("clusterIPs", [wanted]))
            if error:
                raise status.invalid("", "Service", obj["metadata"]["name"], [error])
        else:
            wanted = self._ips.next_free()
            if wanted is None:
                raise status.internal_error("failed to allocate a serviceIP: range is full")
        spec["clusterIP"], spec["clusterIPs"] = wanted, [wanted]
        return wanted

    def _release(self, resource, obj):
        if resource.kind == "Service":
            self._ips.release((obj.get("spec") or {}).get("clusterIP", ""))


def _without_server_fields(obj, copy=True):
    obj = clone(obj) if copy else obj
    metadata = obj.setdefault("metadata", {})
    for key in _SERVER_SET:
        metadata.pop(key, None)
    return obj


def _without_times(obj):
    """The object as JSON minus managedFields times: a write that changes nothing else is a
    no-op, as on a real server."""
    stripped = clone(obj)
    for entry in stripped.get("metadata", {}).get("managedFields") or []:
        entry.pop("time", None)
    return _canonical(stripped)


def _canonical(value):
    return json.dumps(value, sort_keys=True)
