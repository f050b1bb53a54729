"""The track and level map: tracks with their stars on top, then the levels as tiles along
a drawn path (a snake, row after row), each with its picture and stars, the next one lit
and marked "Next level", and the track's total of stars."""
from __future__ import annotations

import math

from kivy.clock import Clock
from kivy.core.text import Label as CoreLabel
from kivy.graphics import Color, InstructionGroup, Line, RoundedRectangle
from kivy.lang import Builder
from kivy.metrics import dp
from kivy.uix.boxlayout import BoxLayout
from kivy.uix.label import Label
from kivy.uix.scrollview import ScrollView
from kivy.uix.widget import Widget

from accessibility.presenters.level_map_presenter import LEVELS_ID, MAP_CONTROLS_ID, TRACKS_ID
from accessibility.scan_model import Group, Target
from app.screens.base import ModelScreen
from app.ui.picture_button import PictureButton
from app.ui.stars import add_tile_stars, star_picture
from app.ui.style import Style
from app.ui.widgets import GroupGrid, TargetButton
from app.ui.world_view import add_thumbnail

Builder.load_file(__file__.replace(".py", ".kv"))

TILE_ASPECT = 1.25  # a tile a little wider than tall holds a name, stars and a picture
TALL_TILE = 140  # dp: a tile at least this tall also shows its world's picture
# (text's share at the top, stars' band (bottom, height)), in shares of the tile's height
TALL = (0.34, (0.5, 0.15))
SHORT = (0.58, (0.06, 0.34))  # a small screen: the name and the stars, no picture
# the smallest tile (width, height), in body font sizes: two lines of a name and the stars;
# where the tiles would come out smaller (a small tablet, big text) the path scrolls
SMALLEST_TILE = (6.5, 5.0)


def best_columns(count: int, width: float, height: float) -> int:
    """Tiles per row so that the tiles come out biggest with the shape of ``TILE_ASPECT``
    in a ``width`` x ``height`` box: more columns on a wide, low screen."""
    if count <= 0 or width <= 0 or height <= 0:
        return max(1, min(count, 5))

    def room(cols: int) -> float:
        rows = math.ceil(count / cols)
        return min(width / cols / TILE_ASPECT, height / rows)

    return max(range(1, count + 1), key=room)


def snake(items: list, cols: int) -> list:
    """``items`` in a grid's fill order (left to right, row by row) so that they read as a
    path: every other row runs right to left; gaps (None) pad the last row."""
    rows = [items[start:start + cols] for start in range(0, len(items), cols)]
    laid: list = []
    for index, row in enumerate(rows):
        row = row + [None] * (cols - len(row)) if len(rows) > 1 else row
        laid += list(reversed(row)) if index % 2 else row
    return laid


def stars_below_when_narrow(button: PictureButton, label: str, stars: str,
                            font: float) -> None:
    """A track's name and its stars on one line where they fit at nearly the body font,
    else the stars on a second line (a small tablet: four tracks and Back in one row).
    Where the name's longest word would not fit beside the gold star, the star goes and the
    words take the whole button ("Python" was drawn as "n" with the Back stops of a voice
    learner at 800 x 600); the count stays in the words."""
    one_line, two_lines = f"{label}  {stars}", f"{label}\n{stars}"
    word = CoreLabel(text=max(label.split(), key=len, default=label), font_size=font * 0.8,
                     font_name=button.font_name)
    word.refresh()

    def choose(*_args: object) -> None:
        right = button.padding[2]
        button.show_picture(word.content_width
                            <= button.width - right - button.picture_size - dp(24))
        left = button.padding[0]
        probe = CoreLabel(text=one_line, font_size=font * 0.85, font_name=button.font_name)
        probe.refresh()
        button.text = one_line if probe.content_width <= button.width - left - right \
            else two_lines

    button.bind(width=choose)
    choose()


TWO_LINES = "\n".join(["Ag"] * 2)  # a probe two lines high (tall and deep letters), never shown


def fit_row_height(top: BoxLayout, track_row: BoxLayout, buttons: list[TargetButton],
                   style: Style) -> None:
    """The top row: taller where the stars went under the names, to hold two lines at
    0.8 of the font; else the height it always had."""
    top.height = style.target * 1.4
    if any("\n" in button.text for button in buttons):
        probe = CoreLabel(text=TWO_LINES, font_size=style.font * 0.8,
                          font_name=buttons[0].font_name)
        probe.refresh()
        frame = track_row.padding[1] + track_row.padding[3]
        top.height = max(top.height, probe.content_height + dp(8) + frame)


def tile_parts(tile: Widget) -> tuple[float, tuple[float, float]]:
    return TALL if tile.height >= dp(TALL_TILE) else SHORT


class PathGrid(GroupGrid):
    """The level tiles' group: as many columns as suit its size, the tiles in a snake, and
    the path drawn from tile to tile under them."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)
        self.stops: list[Widget] = []  # the tiles in the path's order
        self.smallest = (0.0, 0.0)  # a tile's smallest (width, height), in pixels
        self.path_colour = (0.5, 0.5, 0.5, 0.5)
        self._laid_cols = 0
        self._path = InstructionGroup()
        self.canvas.before.add(self._path)
        self._arrange_trigger = Clock.create_trigger(self.arrange)
        self.bind(pos=self.draw_path, size=self._arrange_trigger,
                  parent=self._follow_view)

    def _follow_view(self, *_args: object) -> None:
        """Shown in a scrolling view: lay out again when the view changes size."""
        if isinstance(self.parent, ScrollView):
            self.parent.bind(size=self._arrange_trigger)

    def set_stops(self, tiles: list[Widget]) -> None:
        self.stops = tiles
        self._laid_cols = 0
        self.arrange()

    def arrange(self, *_args: object) -> None:
        cols = self._columns()
        if cols != self._laid_cols:
            self._laid_cols = cols
            self.clear_widgets()
            self.cols = cols
            for tile in snake(self.stops, cols):
                self.add_widget(tile if tile is not None else Widget())
        self.draw_path()

    def _columns(self) -> int:
        """The best columns for the view the grid is shown in; if its tiles would come out
        smaller than ``smallest``, as many as hold that width, and the grid grows taller
        than the view (it scrolls)."""
        view = self.parent if isinstance(self.parent, ScrollView) else self
        width, height = view.size
        cols = best_columns(len(self.stops), width, height)
        if not isinstance(self.parent, ScrollView):
            return cols
        gap_x, gap_y = self.spacing
        left, top, right, bottom = self.padding
        tile_w, tile_h = self.smallest
        rows = math.ceil(len(self.stops) / cols) if self.stops else 1
        if ((width - left - right) / cols - gap_x < tile_w
                or (height - top - bottom) / rows - gap_y < tile_h):
            cols = max(1, int((width - left - right + gap_x) // (tile_w + gap_x)))
            rows = math.ceil(len(self.stops) / cols) if self.stops else 1
            self.height = max(height, rows * (tile_h + gap_y) - gap_y + top + bottom)
        else:
            self.height = height
        return cols

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
    def __init__(self, ctx, world_of=lambda _target: None, **kwargs) -> None:
        super().__init__(ctx, name="map", **kwargs)
        self._world_of = world_of  # level target -> its World (a picture on the tile)
        self._upcoming: TargetButton | None = None  # the lit "Next level" tile

    def show_model(self, root: Group, focus: str | None) -> None:
        body: BoxLayout = self.ids.body
        body.clear_widgets()
        self._upcoming = None
        levels = root.find_group(LEVELS_ID)
        tracks = root.find_group(TRACKS_ID)
        controls = root.find_group(MAP_CONTROLS_ID)
        assert levels is not None and tracks is not None and controls is not None
        body.add_widget(self._top_row(tracks, controls))
        body.add_widget(self._title_row(levels))
        body.add_widget(self._scrolling(self._path(levels)))

    def _top_row(self, tracks: Group, controls: Group) -> BoxLayout:
        style = self.ctx.style
        top = BoxLayout(size_hint_y=None, height=style.target * 1.4, spacing=style.target / 4)
        track_row = self.frame(tracks, orientation="horizontal")
        side = style.font * 1.4
        buttons: list[TargetButton] = []
        for target in tracks.children:
            assert isinstance(target, Target)
            # the current track is shown as chosen, not greyed (scanning skips it);
            # its stars beside its name: a gold star, "earned/possible"
            stars = f"{target.params.get('earned', 0)}/{target.params.get('possible', 0)}"
            button = self.button(
                target, text=f"{self.ctx.label_of(target)}  {stars}", cls=PictureButton,
                enabled=True, background=style.colour("surface"), picture=star_picture(True),
                picture_size=side, placement="left",
                padding=(dp(24) + side, dp(4), dp(8), dp(4)))
            stars_below_when_narrow(button, self.ctx.label_of(target), stars, style.font)
            track_row.add_widget(button)
            buttons.append(button)
        self.add_back(track_row, tracks, size_hint_y=1)
        top.add_widget(track_row)

        for button in buttons:
            button.bind(text=lambda *_a: fit_row_height(top, track_row, buttons, style))
        fit_row_height(top, track_row, buttons, style)
        back_row = self.frame(controls, size_hint_x=0.45 if self.ctx.back_stops() else 0.3)
        for target in controls.children:
            assert isinstance(target, Target)
            back_row.add_widget(self.button(target))
        self.add_back(back_row, controls, size_hint=(0.5, 1))  # "change player" keeps its room
        top.add_widget(back_row)
        return top

    def _title_row(self, levels: Group) -> BoxLayout:
        """The track's name, and its stars: "5 of 39 stars"."""
        row = BoxLayout(size_hint_y=None, spacing=dp(8))
        title = self.title(self.ctx.label_of(levels), scale=1.15, size_hint_x=0.55)
        total = self.title(self.ctx.text("look.map.total", earned=levels.params.get("earned", 0),
                                         possible=levels.params.get("possible", 0)),
                           scale=1.0, size_hint_x=0.45, halign="right")
        row.add_widget(title)
        row.add_widget(total)
        title.bind(height=lambda *_a: setattr(row, "height", max(title.height, total.height)))
        total.bind(height=lambda *_a: setattr(row, "height", max(title.height, total.height)))
        self.total_label = total
        return row

    def _scrolling(self, path: PathGrid) -> ScrollView:
        """The path in a view that scrolls when its tiles would be too small (a small tablet,
        big text); the next level, and the tile the scanner is on, scrolled into sight."""
        view = ScrollView(do_scroll_x=False, bar_width=dp(8), scroll_type=["bars", "content"])
        view.add_widget(path)
        upcoming = self._upcoming

        def show(tile: Widget) -> None:
            if path.height > view.height and tile.parent is path:
                view.scroll_to(tile, padding=dp(16), animate=False)

        def on_lit(tile: Widget, highlighted: bool) -> None:
            if highlighted:
                Clock.schedule_once(lambda _dt: show(tile))

        for tile in path.stops:
            tile.bind(highlighted=on_lit)
        if upcoming is not None:
            path.bind(height=lambda *_a: Clock.schedule_once(lambda _dt: show(upcoming)))
        return view

    def _path(self, levels: Group) -> PathGrid:
        style = self.ctx.style
        ordered = sorted((t for t in levels.children if isinstance(t, Target)),
                         key=lambda t: int(t.params["number"]))
        upcoming = levels.children[0].id if levels.children else None
        tiles = self.frame(levels, PathGrid, cols=5, size_hint_y=None,
                           spacing=(dp(16), dp(20)), padding=(dp(6), dp(14), dp(6), dp(4)))
        assert isinstance(tiles, PathGrid)
        tiles.path_colour = style.colour("text_secondary", 0.45)
        tiles.smallest = (style.font * SMALLEST_TILE[0], style.font * SMALLEST_TILE[1])
        stops = [self._tile(target, target.id == upcoming) for target in ordered]
        back = self.back_button(levels, size_hint_y=1)  # the path's last stop: out of it
        tiles.set_stops(stops + ([back] if back is not None else []))
        return tiles

    def _tile(self, target: Target, upcoming: bool) -> TargetButton:
        style = self.ctx.style
        tile = self.button(
            target, background=style.colour("accent" if upcoming else "surface"),
            color=style.colour("accent_text" if upcoming else "text"), valign="top")
        if "count" in target.params:  # a level (not making one, nor the job cards)
            add_tile_stars(tile, int(target.params["count"]), lambda t: tile_parts(t)[1])
        world = self._world_of(target)
        picture = add_thumbnail(tile, world, style, share=TALL[1][0]) if world else None

        top = dp(6) + (self.ctx.style.font * 0.5 if upcoming else 0)  # under the marker

        def fit(*_args: object) -> None:
            """The words keep to the top; the stars and (on a tall tile) the picture below."""
            text_share = tile_parts(tile)[0]
            tile.padding = (dp(4), top, dp(4), tile.height * (1 - text_share))
            if picture is not None:
                picture.opacity = 1 if text_share == TALL[0] else 0

        tile.bind(size=fit)
        fit()
        if upcoming:
            self._mark_next(tile)
            self._upcoming = tile
        return tile

    def _mark_next(self, tile: TargetButton) -> None:
        """A "Next level" label on the lit tile's top edge, in the path's gap above it."""
        style = self.ctx.style
        marker = Label(text=self.ctx.text("app.map.next"), font_size=style.font * 0.75,
                       color=style.colour("background"), size_hint=(None, None),
                       bold=True)
        marker.bind(texture_size=lambda widget, size: setattr(
            widget, "size", (size[0] + dp(14), size[1])))
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
