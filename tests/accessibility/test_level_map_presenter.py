"""The level map's model carries each track's stars and the shown track's total (the map
draws them as star pictures; a child hears them through the track buttons' group)."""
from __future__ import annotations

from accessibility.presenters.level_map_presenter import (LEVELS_ID, TRACKS_ID,
                                                          LevelMapPresenter, TileState)
from levels.packs import load_packs


def test_every_track_counts_its_stars_and_the_map_shows_the_total() -> None:
    packs = load_packs()
    junior, teens = packs.tracks["junior"], packs.tracks["teens"]
    progress = {junior[0].id: TileState(3, True), junior[1].id: TileState(2, True),
                teens[0].id: TileState(1, True)}
    presenter = LevelMapPresenter(packs.tracks, progress, track="junior", title=str,
                                  on_open=lambda _id: None, on_back=lambda: None)
    model = presenter.model()
    levels = model.find_group(LEVELS_ID)
    assert (levels.params["earned"], levels.params["possible"]) == (5, 3 * len(junior))
    tracks = {t.id: t.params for t in model.find_group(TRACKS_ID).children}
    assert tracks["track:junior"]["earned"] == 5
    assert tracks["track:teens"]["earned"] == 1
    assert tracks["track:teens"]["possible"] == 3 * len(teens)
    assert levels.children[0].id == f"level:{junior[2].id}"  # the next level comes first
