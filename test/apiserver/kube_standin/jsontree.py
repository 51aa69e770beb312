"""A fast deep copy for JSON-shaped values (dicts, lists, strings, numbers, booleans, None).

copy.deepcopy's memo and dispatch cost several microseconds per node; objects here are trees
of plain JSON values, copied several times per request under the store's lock, so that cost
set the stand-in's throughput. Anything else (a date from a YAML seed, say) falls back to
copy.deepcopy.
"""

import copy

_ATOMS = frozenset((str, int, float, bool, type(None)))


def clone(value):
    """A deep copy of value; shared sub-values come out as separate copies."""
    kind = type(value)
    if kind is dict:
        return {key: item if type(item) in _ATOMS else clone(item)
                for key, item in value.items()}
    if kind is list:
        return [item if type(item) in _ATOMS else clone(item) for item in value]
    if kind in _ATOMS:
        return value
    return copy.deepcopy(value)
