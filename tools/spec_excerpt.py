"""Shared by the trim-* tools: copies every definition a piece of an API document references, transitively."""


def _refs(node, found):
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/"):
            found.add(ref)
        for value in node.values():
            _refs(value, found)
    elif isinstance(node, list):
        for value in node:
            _refs(value, found)


def copy_referenced(doc, node, trimmed):
    """Copies into `trimmed`, at the same place, everything `node` references in `doc` ("#/..." pointers),
    and what those reference in turn. Returns how many were copied."""
    pending, done = set(), set()
    _refs(node, pending)
    while pending:
        ref = pending.pop()
        if ref in done:
            continue
        done.add(ref)
        parts = ref[2:].split("/")
        value = doc
        for part in parts:
            value = value[part]
        target = trimmed
        for part in parts[:-1]:
            target = target.setdefault(part, {})
        target[parts[-1]] = value
        _refs(value, pending)
    return len(done)
