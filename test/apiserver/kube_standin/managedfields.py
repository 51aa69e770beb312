"""metadata.managedFields: who owns which field, server-side apply and its conflicts.

Follows the semantics of k8s.io/apimachinery/pkg/util/managedfields: an Update (POST, PUT, merge
patch) takes the fields whose values it changed from everyone else; an Apply owns exactly the
fields of its configuration, drops the ones it no longer sets (unless someone else owns them),
and fails with 409 when it would change a value another manager owns, unless forced.
"""

import json

from . import fieldpaths
from . import status


class Entry:
    def __init__(self, manager, operation, api_version, time, fields):
        self.manager = manager
        self.operation = operation
        self.api_version = api_version
        self.time = time
        self.fields = fields

    def identity(self):
        # BuildManagerIdentifier: the API version only tells Update managers apart.
        version = self.api_version if self.operation == "Update" else ""
        return (self.manager, self.operation, version)

    def printed(self):
        if self.operation == "Update":
            return f'"{self.manager}" using {self.api_version}'
        return f'"{self.manager}"'

    def render(self):
        return {"manager": self.manager, "operation": self.operation,
                "apiVersion": self.api_version, "time": self.time, "fieldsType": "FieldsV1",
                "fieldsV1": fieldpaths.to_fields_v1(self.fields)}


def read(obj):
    entries = []
    for raw in (obj.get("metadata") or {}).get("managedFields") or []:
        entries.append(Entry(raw.get("manager", ""), raw.get("operation", "Update"),
                             raw.get("apiVersion", ""), raw.get("time"),
                             fieldpaths.from_fields_v1(raw.get("fieldsV1") or {})))
    return entries


def write(obj, entries):
    rendered = [entry.render() for entry in entries if entry.fields]
    metadata = obj.setdefault("metadata", {})
    if rendered:
        metadata["managedFields"] = rendered
    else:
        metadata.pop("managedFields", None)


def _entry(entries, manager, operation, api_version, now):
    wanted = Entry(manager, operation, api_version, now, set())
    for entry in entries:
        if entry.identity() == wanted.identity():
            entry.api_version, entry.time = api_version, now
            return entry
    entries.append(wanted)
    return wanted


def record_update(old, new, manager, api_version, now):
    """Ownership after a non-apply write from old (None: create) to new; edits new in place."""
    entries = read(old) if old else []
    before = fieldpaths.leaves(fieldpaths.tracked(old)) if old else {}
    after = fieldpaths.leaves(fieldpaths.tracked(new))
    changed = {p for p, v in after.items() if p not in before or before[p] != v}
    gone = set(before) - set(after)
    for entry in entries:
        entry.fields -= changed | gone
    if changed:
        _entry(entries, manager, "Update", api_version, now).fields |= changed
    write(new, entries)


def _overlaps(path, owned):
    return any(other[:len(path)] == path or path[:len(other)] == other for other in owned)


def _conflict_error(conflicts):
    if len(conflicts) == 1:
        entry, path = conflicts[0]
        message = (f"Apply failed with 1 conflict: conflict with {entry.printed()}: "
                   f"{fieldpaths.readable(path)}")
    else:
        by_manager = {}
        for entry, path in conflicts:
            by_manager.setdefault(entry.printed(), []).append(fieldpaths.readable(path))
        lines = []
        for printed in sorted(by_manager):
            lines.append(f"conflicts with {printed}:")
            lines.extend(f"- {path}" for path in sorted(by_manager[printed]))
        message = f"Apply failed with {len(conflicts)} conflicts: " + "\n".join(lines)
    causes = [{"reason": "FieldManagerConflict", "message": f"conflict with {entry.printed()}",
               "field": fieldpaths.readable(path)} for entry, path in conflicts]
    return status.ApiError(409, "Conflict", message, {"causes": causes})


def apply(live, config, manager, api_version, force, now):
    """The object after applying config as manager; live is None when creating."""
    live = live or {}
    entries = read(live)
    applied = fieldpaths.leaves(fieldpaths.tracked(config))
    mine = _entry(entries, manager, "Apply", api_version, now)
    others = [entry for entry in entries if entry is not mine]
    conflicts = []
    for path, value in applied.items():
        present, current = fieldpaths.value_at(live, path)
        if (present and _same(current, value)) or value == {}:
            continue  # an empty map sets no value, so it cannot overrule anyone
        for entry in others:
            if _overlaps(path, entry.fields):
                conflicts.append((entry, path))
    if conflicts and not force:
        raise _conflict_error(conflicts)
    for entry, path in conflicts:
        entry.fields = {p for p in entry.fields if not _overlaps(path, {p})}

    result = fieldpaths.deep_merge(live, config)
    owned_by_others = set().union(*(entry.fields for entry in others)) if others else set()
    dropped = mine.fields - set(applied)
    # Keyed list items the applier no longer sets and nobody else touches go whole, with the
    # fields the server defaulted in them; then the single fields it no longer sets.
    gone_items = [item for item in fieldpaths.items_of(dropped) - fieldpaths.items_of(applied)
                  if not _overlaps(item, owned_by_others)]
    for item in sorted(gone_items, key=len, reverse=True):
        fieldpaths.remove_item(result, item)
    for path in dropped:
        inside_gone_item = any(path[:len(item)] == item for item in gone_items)
        if not inside_gone_item and not _overlaps(path, owned_by_others):
            fieldpaths.remove(result, path)
    mine.fields = set(applied)
    for entry in others:
        entry.fields &= set(fieldpaths.leaves(fieldpaths.tracked(result)))
    write(result, entries)
    return result


def _same(a, b):
    return json.dumps(a, sort_keys=True) == json.dumps(b, sort_keys=True)
