"""The track and level map: tracks with their stars on top, then the levels as tiles along
a drawn path (a snake, row after row), each with its picture and stars, the next one lit
and marked "Next level", and the track's total of stars."""
from __future__ import annotations

import math

from kivy.graphics import Color, InstructionGroup, Line, RoundedRectangle
from kivy.lang import Builder
from kivy.metrics import dp
from kivy.uix.boxlayout import BoxLayout
from kivy.uix.label import Label
from kivy.uix.widget import Widget

from accessibility.presenters.level_map_presenter import LEVELS_ID, MAP_CONTROLS_ID, TRACKS_ID
from accessibility.scan_model import Group, Target
from app.screens.base import ModelScreen
from app.ui.picture_button import PictureButton
from app.ui.stars import add_tile_stars, star_picture
from app.ui.widgets import GroupGrid, TargetButton
from app.ui.world_view import add_thumbnail

Builder.load_file(__file__.replace(".py", ".kv"))

THUMBNAIL_SHARE = 0.5  # of a tile: its world's picture; the stars sit just above it
TEXT_SHARE = 0.36  # of a tile: its number and name, at the top


def columns(count: int) -> int:
    """Tiles per row: five for a short track, more for a long one (at most four rows)."""
    return max(5, math.ceil(count / 4))


def snake(items: list, cols: int) -> list:
    """``items`` in a grid's fill order (left to right, row by row) so that they read as a
    path: every other row runs right to left; gaps (None) pad the last row."""
    rows = [items[start:start + cols] for start in range(0, len(items), cols)]
    laid: list = []
    for index, row in enumerate(rows):
        row = row + [None] * (cols - len(row)) if len(rows) > 1 else row
        laid += list(reversed(row)) if index % 2 else row
    return laid


class PathGrid(GroupGrid):
    """The level tiles' group, with the path drawn from tile to tile under them."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)
        self.stops: list[Widget] = []  # the tiles in the path's order
        self.path_colour = (0.5, 0.5, 0.5, 0.5)
        self._path = InstructionGroup()
        self.canvas.before.add(self._path)
        self.bind(pos=self.draw_path, size=self.draw_path)

    def do_layout(self, *args: object) -> None:
        super().do_layout(*args)
        self.draw_path()

    def draw_path(self, *_args: object) -> None:
        self._path.clear()
        if len(self.stops) < 2:
            return
        points: list[float] = []
        for tile in self.stops:
            points += [tile.center_x, tile.center_y]
        self._path.add(Color(*self.path_colour))
        self._path.add(Line(points=points, width=dp(7), joint="round", cap="round"))


class LevelMapScreen(ModelScreen):
    def __init__(self, ctx, world_of=lambda _target_id: None, **kwargs) -> None:
        super().__init__(ctx, name="map", **kwargs)
        self._world_of = world_of  # level target id -> its World (a picture on the tile)

    def show_model(self, root: Group, focus: str | None) -> None:
        body: BoxLayout = self.ids.body
        body.clear_widgets()
        levels = root.find_group(LEVELS_ID)
        tracks = root.find_group(TRACKS_ID)
        controls = root.find_group(MAP_CONTROLS_ID)
        assert levels is not None and tracks is not None and controls is not None
        body.add_widget(self._top_row(tracks, controls))
        body.add_widget(self._title_row(levels))
        body.add_widget(self._path(levels))

    def _top_row(self, tracks: Group, controls: Group) -> BoxLayout:
        style = self.ctx.style
        top = BoxLayout(size_hint_y=None, height=style.target * 1.4, spacing=style.target / 4)
        track_row = self.frame(tracks, orientation="horizontal")
        side = style.font * 1.4
        for target in tracks.children:
            assert isinstance(target, Target)
            # the current track is shown as chosen, not greyed (scanning skips it);
            # its stars beside its name: a gold star, "earned/possible"
            stars = f"{target.params.get('earned', 0)}/{target.params.get('possible', 0)}"
            track_row.add_widget(self.button(
                target, text=f"{self.ctx.label_of(target)}  {stars}", cls=PictureButton,
                enabled=True, background=style.colour("surface"), picture=star_picture(True),
                picture_size=side, placement="left",
                padding=(dp(24) + side, dp(4), dp(8), dp(4))))
        top.add_widget(track_row)
        back_row = self.frame(controls, size_hint_x=0.3)
        for target in controls.children:
            assert isinstance(target, Target)
            back_row.add_widget(self.button(target))
        top.add_widget(back_row)
        return top

    def _title_row(self, levels: Group) -> BoxLayout:
        """The track's name, and its stars: "5 of 39 stars"."""
        row = BoxLayout(size_hint_y=None, spacing=dp(8))
        title = self.title(self.ctx.label_of(levels), size_hint_x=0.55)
        total = self.title(self.ctx.text("look.map.total", earned=levels.params.get("earned", 0),
                                         possible=levels.params.get("possible", 0)),
                           scale=1.1, size_hint_x=0.45, halign="right")
        row.add_widget(title)
        row.add_widget(total)
        title.bind(height=lambda *_a: setattr(row, "height", max(title.height, total.height)))
        total.bind(height=lambda *_a: setattr(row, "height", max(title.height, total.height)))
        self.total_label = total
        return row

    def _path(self, levels: Group) -> PathGrid:
        style = self.ctx.style
        ordered = sorted((t for t in levels.children if isinstance(t, Target)),
                         key=lambda t: int(t.params["number"]))
        upcoming = levels.children[0].id if levels.children else None
        cols = columns(len(ordered))
        tiles = self.frame(levels, PathGrid, cols=cols, size_hint_y=1,
                           spacing=(dp(20), dp(26)), padding=(dp(8), dp(22), dp(8), dp(8)))
        assert isinstance(tiles, PathGrid)
        tiles.path_colour = style.colour("text_secondary", 0.45)
        made = {target.id: self._tile(target, target.id == upcoming) for target in ordered}
        for target in snake(ordered, cols):
            tiles.add_widget(made[target.id] if target is not None else Widget())
        tiles.stops = [made[target.id] for target in ordered]
        return tiles

    def _tile(self, target: Target, upcoming: bool) -> TargetButton:
        style = self.ctx.style
        tile = self.button(
            target, background=style.colour("accent" if upcoming else "surface"),
            color=style.colour("accent_text" if upcoming else "text"), valign="top")
        # the words keep to the top of the tile: the stars and the picture are below them
        tile.bind(height=lambda widget, height: setattr(
            widget, "padding", (dp(6), dp(6), dp(6), height * (1 - TEXT_SHARE))))
        tile.padding = (dp(6), dp(6), dp(6), tile.height * (1 - TEXT_SHARE))
        add_tile_stars(tile, int(target.params.get("count", 0)), above=THUMBNAIL_SHARE)
        world = self._world_of(target.id)
        if world is not None:
            add_thumbnail(tile, world, style, share=THUMBNAIL_SHARE)
        if upcoming:
            self._mark_next(tile)
        return tile

    def _mark_next(self, tile: TargetButton) -> None:
        """A "Next level" label on the lit tile's top edge, in the path's gap above it."""
        style = self.ctx.style
        marker = Label(text=self.ctx.text("app.map.next"), font_size=style.font * 0.8,
                       color=style.colour("background"), size_hint=(None, None),
                       bold=True)
        marker.bind(texture_size=lambda widget, size: setattr(
            widget, "size", (size[0] + dp(16), size[1] + dp(4))))
        with marker.canvas.before:
            Color(*style.colour("text"))
            pill = RoundedRectangle(radius=[dp(10)])

        def place(*_args: object) -> None:
            marker.center_x = tile.center_x
            marker.y = tile.top - marker.height / 2
            pill.pos, pill.size = marker.pos, marker.size

        tile.bind(pos=place, size=place)
        marker.bind(size=place)
        tile.add_widget(marker)
        place()
