"""The level maker: the grid as big squares (each a scan target), tools, blocks, controls."""
from __future__ import annotations

from math import ceil

from kivy.clock import Clock
from kivy.lang import Builder
from kivy.metrics import dp
from kivy.properties import NumericProperty
from kivy.uix.widget import Widget

from accessibility.presenters.maker_presenter import BLOCKS_ID, CONTROLS_ID, GRID_ID, TOOLS_ID
from accessibility.scan_model import Group, Target
from app.screens.base import ModelScreen
from app.ui.style import rgba
from app.ui.world_view import PAINT

Builder.load_file(__file__.replace(".py", ".kv"))

# what a square shows: its colour and a letter, so it is not told by colour alone
CELL_LOOK = {"wall": ("#37474F", "#", "#FFFFFF"), "open": ("#F5F5F5", "", "#000000"),
             "start": ("#81C784", "S", "#000000"), "goal": ("#FFB74D", "G", "#000000"),
             "star": ("#FFF59D", "*", "#000000")}


COLS = 4  # tools and blocks per row


class MakerScreen(ModelScreen):
    side_needed = NumericProperty(0)  # the tools' and blocks' height at the smallest targets

    def __init__(self, ctx, **kwargs) -> None:
        super().__init__(ctx, name="maker", **kwargs)

    def _into_sight(self, widget: Widget, lit: bool) -> None:
        """The scanner lit a tool or block scrolled out of sight: scroll it in."""
        view = self.ids.side_view
        if lit and self.ids.side.height > view.height:
            Clock.schedule_once(lambda _dt: view.scroll_to(widget, padding=dp(8),
                                                           animate=False))

    def _cell_look(self, what_tool: str) -> tuple[tuple[float, ...], str, tuple[float, ...]]:
        if what_tool.startswith("paint:"):
            return rgba(PAINT[what_tool.split(":", 1)[1]]), "", rgba("#FFFFFF")
        background, letter, ink = CELL_LOOK[what_tool]
        return rgba(background), letter, rgba(ink)

    def show_model(self, root: Group, focus: str | None) -> None:
        style = self.ctx.style
        grid_group = root.find_group(GRID_ID)
        tools = root.find_group(TOOLS_ID)
        blocks = root.find_group(BLOCKS_ID)
        controls = root.find_group(CONTROLS_ID)
        assert grid_group and tools and blocks and controls
        box = self.ids.grid_box
        box.clear_widgets()
        outer = self.frame(grid_group, orientation="vertical")
        for row in grid_group.children:
            assert isinstance(row, Group)
            line = self.frame(row, orientation="horizontal", padding=0,
                              spacing=style.highlight_width)
            for cell in row.children:
                assert isinstance(cell, Target)
                background, letter, ink = self._cell_look(str(cell.params["tool"]))
                line.add_widget(self.button(cell, text=letter, background=background,
                                            color=ink, chosen=False))
            outer.add_widget(line)
        box.add_widget(outer)
        side = self.ids.side
        side.clear_widgets()
        side.add_widget(self.title(self.ctx.label_of(tools), scale=1.0))
        tool_grid = self.grid(tools, cols=COLS, size_hint_y=ceil(len(tools.children) / COLS))
        for target in tools.children:
            assert isinstance(target, Target)
            tool_grid.add_widget(self.button(target, font_size=style.font * 0.8))
        side.add_widget(tool_grid)
        side.add_widget(self.title(self.ctx.label_of(blocks), scale=1.0))
        block_grid = self.grid(blocks, cols=COLS,
                               size_hint_y=ceil(len(blocks.children) / COLS))
        for target in blocks.children:
            assert isinstance(target, Target)
            block_grid.add_widget(self.button(target, font_size=style.font * 0.8))
        side.add_widget(block_grid)
        rows = tool_grid.size_hint_y + block_grid.size_hint_y
        frame = style.highlight_width * 1.5  # a grid's padding and spacing
        self.side_needed = (rows * (style.target + frame) + 4 * frame
                            + 2 * (style.font * 1.5 + 8) + side.spacing * 3)
        for widget in (tool_grid, block_grid, *tool_grid.children, *block_grid.children):
            widget.bind(highlighted=self._into_sight)
        bar = self.ids.controls
        bar.clear_widgets()
        row = self.grid(controls, cols=len(controls.children), size_hint_y=1)
        for target in controls.children:
            assert isinstance(target, Target)
            primary = target.id == "maker:play"
            row.add_widget(self.button(
                target, background=style.colour("accent" if primary else "surface"),
                color=style.colour("accent_text" if primary else "text")))
        bar.add_widget(row)
