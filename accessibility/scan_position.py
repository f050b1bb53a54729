"""Where the highlight is on the scan model, and where it goes when the model is rebuilt,
a presenter asks for a focus, or a late press rewinds it. The scanner (``accessibility.
scanner``) adds time, modes and choosing on top; the hooks at the end are its."""
from __future__ import annotations

import logging

from accessibility.scan_history import Lit
from accessibility.scan_model import Group, ScanNode, Target
from accessibility.scan_settings import ScanSettings
from accessibility.scan_walk import (BACK_ID, BACK_LABEL_KEY, level_items, nearest, path_to,
                                     resolve_path)

log = logging.getLogger(__name__)


class ScanPosition:
    """The groups entered (``_path``, root first) and the lit stop's index among their
    items (``None``: nothing lit)."""

    def __init__(self, root: Group, settings: ScanSettings) -> None:
        self._root = root
        self.settings = settings
        self._path: list[Group] = [root]
        self._index: int | None = None
        self._loops = 0
        self._focus_requested = False
        self._back = Target(BACK_ID, BACK_LABEL_KEY, self._go_back)

    @property
    def root(self) -> Group:
        return self._root

    @property
    def highlighted(self) -> ScanNode | None:
        items = self.items()
        if self._index is None or not items:
            return None
        return items[min(self._index, len(items) - 1)]

    @property
    def group(self) -> Group:
        """The group whose items are being scanned."""
        return self._path[-1]

    def items(self) -> list[ScanNode]:
        """What the highlight visits at the current level, in order, back stop last."""
        return level_items(self._path, self.settings.grouping, self._back)


    def set_model(self, root: Group, focus: str | None = None) -> None:
        """Take a rebuilt model; the highlight stays on the same id or its nearest neighbour.

        ``focus`` (a group or target id) moves the scan there instead: a group id enters
        that group at its first item, a target id highlights that target. A presenter calls
        this from inside ``Target.activate`` to open a menu; it then wins over the restart
        rule.
        """
        old_items = [n.id for n in self.items()]
        old_index = self._index
        old_id = old_items[old_index] if old_index is not None and old_index < len(old_items) else None
        self._root = root
        if focus is not None and self._focus(focus):
            return
        self._path = resolve_path(self._root, [g.id for g in self._path])
        if old_index is None:
            self._index = None
            self._first_model()
            return
        new_ids = [n.id for n in self.items()]
        if not new_ids:
            self._highlight(None)
            return
        target_index = nearest(old_items, old_index, new_ids)
        if old_id is not None and old_id in new_ids and new_ids.index(old_id) == target_index:
            self._index = target_index  # same node, no new cue
        else:
            self._highlight(target_index, arm=False)

    def _focus(self, node_id: str) -> bool:
        path = path_to(self._root, node_id)
        if path is None:
            log.warning("focus on unknown scan node %s", node_id)
            return False
        self._focus_requested = True
        self._loops = 0
        if path[-1].id == node_id:  # a group: enter it
            self._path = path
            self._start_level()
            return True
        self._path = resolve_path(self._root, [g.id for g in self._path])
        ids = [n.id for n in self.items()]
        if node_id not in ids:  # not reachable from here: go to the group that holds it
            self._path = path if self.settings.grouping == "group" else [self._root]
            ids = [n.id for n in self.items()]
        self._highlight(ids.index(node_id) if node_id in ids else 0, first=True, arm=False)
        return True

    def _restore(self, lit: Lit) -> bool:
        """Put the position back on ``lit`` (a late press); ``False`` when its group is gone
        from the model (then what is lit now counts)."""
        path = resolve_path(self._root, lit.path)
        if len(path) != len(lit.path):
            return False
        self._path = path
        ids = [n.id for n in self.items()]
        self._index = ids.index(lit.node) if lit.node in ids else None
        return True

    # -- the scanner's hooks ----------------------------------------------------------------

    def _highlight(self, index: int | None, first: bool = False, arm: bool = True) -> None:
        raise NotImplementedError

    def _start_level(self) -> None:
        raise NotImplementedError

    def _go_back(self) -> None:
        raise NotImplementedError

    def _first_model(self) -> None:
        """A model arrived while nothing was lit."""
        raise NotImplementedError
