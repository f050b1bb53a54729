"""The track and level map: tracks on top, big level tiles with stars, the next one lit."""
from __future__ import annotations

from kivy.lang import Builder
from kivy.uix.boxlayout import BoxLayout

from accessibility.presenters.level_map_presenter import LEVELS_ID, MAP_CONTROLS_ID, TRACKS_ID
from accessibility.scan_model import Group, Target
from app.screens.base import ModelScreen
from app.ui.style import with_symbols
from app.ui.world_view import add_thumbnail

Builder.load_file(__file__.replace(".py", ".kv"))

STAR, NO_STAR = "\u2605", "\u2606"


class LevelMapScreen(ModelScreen):
    def __init__(self, ctx, world_of=lambda _target: None, **kwargs) -> None:
        super().__init__(ctx, name="map", **kwargs)
        self._world_of = world_of  # level target -> its World (a picture on the tile)

    def show_model(self, root: Group, focus: str | None) -> None:
        body: BoxLayout = self.ids.body
        body.clear_widgets()
        style = self.ctx.style
        levels = root.find_group(LEVELS_ID)
        tracks = root.find_group(TRACKS_ID)
        controls = root.find_group(MAP_CONTROLS_ID)
        assert levels is not None and tracks is not None and controls is not None
        top = BoxLayout(size_hint_y=None, height=style.target * 1.4, spacing=style.target / 4)
        track_row = self.frame(tracks, orientation="horizontal")
        for target in tracks.children:
            assert isinstance(target, Target)
            # the current track is shown as chosen, not greyed (scanning skips it)
            track_row.add_widget(self.button(target, enabled=True,
                                             background=style.colour("surface")))
        self.add_back(track_row, tracks, size_hint_y=1)
        top.add_widget(track_row)
        back_row = self.frame(controls, size_hint_x=0.45 if self.ctx.back_stops() else 0.3)
        for target in controls.children:
            assert isinstance(target, Target)
            back_row.add_widget(self.button(target))
        self.add_back(back_row, controls, size_hint=(0.5, 1))  # "change player" keeps its room
        top.add_widget(back_row)
        body.add_widget(top)
        body.add_widget(self.title(self.ctx.label_of(levels)))
        tiles = self.grid(levels, cols=5, size_hint_y=1)
        upcoming = levels.children[0].id if levels.children else None
        for target in sorted((t for t in levels.children if isinstance(t, Target)),
                             key=lambda t: int(t.params["number"])):
            count = int(target.params.get("count", 0))
            stars = STAR * count + NO_STAR * (3 - count)
            tile = self.button(
                target, text=with_symbols(self.ctx.label_of(target), stars),
                markup=True,
                background=style.colour("accent") if target.id == upcoming
                else style.colour("surface"),
                color=style.colour("accent_text") if target.id == upcoming
                else style.colour("text"))
            world = self._world_of(target)
            if world is not None:
                tile.valign = "top"
                add_thumbnail(tile, world, style)
            tiles.add_widget(tile)
        self.add_back(tiles, levels, size_hint_y=1)
        body.add_widget(tiles)
