"""Walking a scan model: which stops a level offers, the path of groups down to a node, and
where the highlight lands when the model is rebuilt. Pure functions over ``Group``/``Target``
(no time, no mode): the scanner keeps the position, these say what it means."""
from __future__ import annotations

from typing import Literal

from accessibility.scan_model import Group, ScanNode, Target

BACK_ID = "scan:back"
BACK_LABEL_KEY = "access.scan.back"

Grouping = Literal["group", "linear"]


def has_enabled(node: ScanNode) -> bool:
    """A stop worth visiting: an enabled target, or a group with one below it."""
    if isinstance(node, Target):
        return node.enabled
    return any(t.enabled for t in node.targets())


def level_items(path: list[Group], grouping: Grouping, back: Target) -> list[ScanNode]:
    """What the highlight visits in the group ``path[-1]``, in order, ``back`` last below
    the root: its child groups as single stops, or (linear) every enabled target below it."""
    group = path[-1]
    if grouping == "linear":
        nodes: list[ScanNode] = [t for t in group.targets() if t.enabled]
    else:
        nodes = [c for c in group.children if has_enabled(c)]
    if len(path) > 1:
        nodes.append(back)
    return nodes


def path_to(root: Group, node_id: str) -> list[Group] | None:
    """Groups from ``root`` down to the group holding ``node_id`` (or to that group itself)."""
    if root.id == node_id:
        return [root]
    for child in root.children:
        if child.id == node_id:
            return [root, child] if isinstance(child, Group) else [root]
        if isinstance(child, Group):
            below = path_to(child, node_id)
            if below is not None:
                return [root] + below
    return None


def resolve_path(root: Group, ids: list[str] | tuple[str, ...]) -> list[Group]:
    """The groups of ``root`` named by ``ids`` (root first), as far down as they still exist
    and offer something: a rebuilt model keeps the ids, not the objects."""
    path = [root]
    for group_id in ids[1:]:
        found = next((c for c in path[-1].children
                      if isinstance(c, Group) and c.id == group_id), None)
        if found is None or not has_enabled(found):
            break
        path.append(found)
    return path


def nearest(old_ids: list[str], old_index: int, new_ids: list[str]) -> int:
    """Same id if present, else the closest old neighbour still present (after first);
    the back stop only if it was the highlighted item."""
    if old_ids[old_index] in new_ids:
        return new_ids.index(old_ids[old_index])
    for distance in range(1, len(old_ids) + 1):
        for candidate in (old_index + distance, old_index - distance):
            if 0 <= candidate < len(old_ids) and old_ids[candidate] != BACK_ID \
                    and old_ids[candidate] in new_ids:
                return new_ids.index(old_ids[candidate])
    return min(old_index, len(new_ids) - 1)
