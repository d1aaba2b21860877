"""Post-processing of the OpenAPI schema drf-spectacular builds (``config.py``)."""

from __future__ import annotations

from typing import Any

_PREFIX = "#/components/schemas/"


def _refs(node: Any) -> set[str]:
    """The component names ``node`` refers to, at any depth."""
    if isinstance(node, dict):
        found = {node["$ref"].removeprefix(_PREFIX)} if isinstance(node.get("$ref"), str) else set()
        for value in node.values():
            found |= _refs(value)
        return found
    if isinstance(node, list):
        return set().union(*(_refs(v) for v in node)) if node else set()
    return set()


def strict_requests(result: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
    """Request bodies refuse fields they do not declare (``serializers.Strict``), so their
    schemas say so: ``additionalProperties: false`` on every object a request body holds
    (found through the bodies' references, not by name: ``ReviewRequest`` is an answer)."""
    components = result.get("components", {}).get("schemas", {})
    bodies = [
        operation["requestBody"]
        for item in result.get("paths", {}).values()
        for operation in item.values()
        if isinstance(operation, dict) and "requestBody" in operation
    ]
    todo, seen = _refs(bodies), set()
    while todo:
        name = todo.pop()
        if name in seen or name not in components:
            continue
        seen.add(name)
        todo |= _refs(components[name])
    for name in seen:
        if components[name].get("type") == "object" and "properties" in components[name]:
            components[name]["additionalProperties"] = False
    return result
