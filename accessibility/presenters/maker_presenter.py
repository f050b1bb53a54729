"""The level maker's screen: a grid scanned row then cell, tools, allowed blocks, and
test / save / play. A tap on a cell, or a switch choosing it, puts the chosen tool there.

Scan order: the grid first (what a maker does most), then the tools, the blocks, the
controls. Every change is said (the cell and what is in it now), so a child who cannot see
the grid hears the maze they are drawing.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping

from accessibility.actions import Command
from accessibility.presenters.base import ScreenPresenter
from accessibility.scan_model import Group, ScanNode, Target
from levels.blocks import value_key
from levels.maker import CHOOSABLE_BLOCKS, TOOLS, LevelMaker

ROOT_ID = "maker"
GRID_ID = "maker_grid"
TOOLS_ID = "maker_tools"
BLOCKS_ID = "maker_blocks"
CONTROLS_ID = "maker_controls"
Say = Callable[[str, Mapping[str, object]], object]


def tool_label(tool: str) -> tuple[str, dict[str, object]]:
    """(i18n key, params) of a tool's name: the paint tools name their colour."""
    if tool.startswith("paint:"):
        return "maker.tool.paint", {"colour_key": value_key("colour", tool.split(":", 1)[1])}
    return f"maker.tool.{tool}", {}


class MakerPresenter(ScreenPresenter):
    def __init__(self, maker: LevelMaker, *, translate: Callable[..., str], say: Say,
                 on_save: Callable[[LevelMaker], str | None],
                 on_play: Callable[[str], None], on_back: Callable[[], None]) -> None:
        super().__init__()
        self.maker = maker
        self.tool = "wall"
        self._t = translate
        self._say = say
        self._on_save = on_save  # returns the saved level's id, or None (it said why)
        self._on_play = on_play
        self._on_back = on_back
        self.saved: str | None = None

    def thing(self, tool: str) -> str:
        key, params = tool_label(tool)
        return self._t(key, colour=self._t(str(params["colour_key"]))) if params else self._t(key)

    def model(self) -> Group:
        maker = self.maker
        rows: list[ScanNode] = [Group(f"row:{r}", "maker.row", [
            Target(f"cell:{r}:{c}", "maker.cell", self._putter(r, c),
                   params={"row": r, "column": c, "tool": maker.what_is((r, c)),
                           "what": self.thing(maker.what_is((r, c))),
                           "chosen": (r, c) == maker.cursor})
            for c in range(1, maker.columns - 1)], params={"row": r})
            for r in range(1, maker.rows - 1)]
        tools: list[ScanNode] = [Target(f"tool:{tool}", "maker.use", self._chooser(tool),
                        params={"what": self.thing(tool), "chosen": tool == self.tool})
                 for tool in TOOLS]
        blocks: list[ScanNode] = [Target(f"block:{kind}", f"blocks.{kind}.short", self._toggler(kind),
                         params={"chosen": kind in maker.blocks})
                  for kind in CHOOSABLE_BLOCKS]
        heading = self._t(f"maker.heading.{maker.heading.value}")
        controls: list[ScanNode] = [
            Target("maker:test", "maker.test", self._test),
            Target("maker:save", "maker.save", self._save),
            Target("maker:play", "maker.play", self.play),
            Target("maker:heading", "maker.start", self.turn, params={"heading": heading}),
            Target("maker:back", "maker.back", self._on_back)]
        return Group(ROOT_ID, "maker.group.maker", [
            Group(GRID_ID, "maker.group.grid", rows),
            Group(TOOLS_ID, "maker.group.tools", tools, params={"what": self.thing(self.tool)}),
            Group(BLOCKS_ID, "maker.group.blocks", blocks),
            Group(CONTROLS_ID, "maker.group.controls", controls)])

    # -- what the targets do ---------------------------------------------------------------

    def put(self, row: int, column: int) -> None:
        self.maker.cursor = (row, column)
        self.maker.put(self.tool)
        self.saved = None
        self._publish(focus=f"cell:{row}:{column}")
        self._say("maker.cell", {"row": row, "column": column,
                                 "what": self.thing(self.maker.what_is((row, column)))})

    def choose_tool(self, tool: str) -> None:
        self.tool = tool
        self._publish(focus=GRID_ID)  # next: where to put it
        self._say("maker.chosen", {"what": self.thing(tool)})

    def toggle_block(self, kind: str) -> None:
        self.maker.toggle_block(kind)
        self.saved = None
        self._publish(focus=f"block:{kind}")

    def turn(self) -> None:
        heading = self.maker.turn()
        self.saved = None
        self._publish(focus="maker:heading")
        self._say("maker.turn", {"heading": self._t(f"maker.heading.{heading.value}")})

    def test(self) -> bool:
        """Say whether the level can be played (and the first thing to fix if not)."""
        level, problems = self.maker.check()
        if level is None:
            first = problems[0]
            self._say("maker.not_ready", {"problem": self._t(first.key, **first.params)})
            return False
        self._say("maker.ready", {})
        return True

    def save(self) -> str | None:
        if self.saved is None and self.test():
            self.saved = self._on_save(self.maker)
        return self.saved

    def play(self) -> None:
        level_id = self.save()
        if level_id is not None:
            self._on_play(level_id)

    def execute(self, command: Command) -> bool:
        action = {"run": self.play, "back": self._on_back, "help": self.test}.get(command.verb)
        if action is None:
            return False
        action()
        return True

    def _test(self) -> None:
        self.test()

    def _save(self) -> None:
        self.save()

    def _putter(self, row: int, column: int) -> Callable[[], None]:
        return lambda: self.put(row, column)

    def _chooser(self, tool: str) -> Callable[[], None]:
        return lambda: self.choose_tool(tool)

    def _toggler(self, kind: str) -> Callable[[], None]:
        return lambda: self.toggle_block(kind)
