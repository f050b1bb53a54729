"""The level map on a small tablet (800 x 480): the 30 junior tiles keep a readable size and
the path scrolls; the next level and the tile the scanner is on are scrolled into sight.
On a laptop (1280 x 800) the whole path fits and nothing scrolls."""
from __future__ import annotations

import pytest
from kivy.uix.scrollview import ScrollView

from accessibility.profiles import preset
from app.options import Options
from app.screens.level_map import PathGrid
from app.services import DATABASE_NAME
from app.storage.store import ProgressStore
from levels.packs import load_packs
from tests.support.driver import RunningApp, prepare_learner, use_screen

pytestmark = [pytest.mark.app]
JUNIOR = [level.id for level in load_packs().tracks["junior"]]  # level 1 is JUNIOR[0]


def in_sight(widget, view: ScrollView) -> bool:
    """``widget`` lies wholly inside the scrolling ``view``'s window."""
    _left, bottom = widget.to_window(widget.x, widget.y)
    _view_left, view_bottom = view.to_window(view.x, view.y)
    return bottom >= view_bottom - 1 and bottom + widget.height <= view_bottom + view.height + 1


@pytest.fixture
def map_on(tmp_path, request):
    """The map of a touch learner who solved junior levels 1 to 19, in a window of the
    size asked for (back to 1280 x 800 after)."""
    width, height = request.param
    use_screen(width, height)
    prepare_learner(tmp_path, preset("touch"))
    store = ProgressStore(tmp_path / DATABASE_NAME)
    learner = store.learners()[0]
    for level_id in JUNIOR[:19]:
        store.record_attempt(learner.id, level_id, solved=True, stars=3, blocks=3,
                             seconds=10.0)
    store.close()
    running = RunningApp(tmp_path, Options(data_dir=tmp_path, locale="de", speech=False,
                                           voice_input=False))
    try:
        running.controller.activate(f"learner:{learner.id}")
        running.settle()
        running.wait(0.3)
        yield running
    finally:
        running.close()
        use_screen(1280, 800)


def path_of(running: RunningApp) -> tuple[PathGrid, ScrollView]:
    path = next(w for w in running.app.screens["map"].walk() if isinstance(w, PathGrid))
    assert isinstance(path.parent, ScrollView)
    return path, path.parent


@pytest.mark.parametrize("map_on", [(800, 480)], indirect=True)
def test_a_small_tablet_scrolls_to_the_next_level_and_to_the_scanned_tile(map_on) -> None:
    running = map_on
    path, view = path_of(running)
    tiles = {level_id: running.app.highlighter.widgets[f"level:{level_id}"]
             for level_id in JUNIOR}
    first, twentieth, last = JUNIOR[0], JUNIOR[19], JUNIOR[-1]
    assert path.height > view.height  # 30 tiles of a readable size: the path scrolls
    assert view.height >= 480 / 3
    smallest_width, smallest_height = path.smallest
    assert all(tile.width >= smallest_width - 1 and tile.height >= smallest_height - 1
               for tile in path.stops)
    assert in_sight(tiles[twentieth], view)  # the next level, scrolled to
    assert not in_sight(tiles[first], view)
    model = running.controller.model
    running.app.highlighter.show(model.find(f"level:{first}"))  # the scanner goes there
    running.frames(3)
    assert in_sight(tiles[first], view)
    running.app.highlighter.show(model.find(f"level:{last}"))
    running.frames(3)
    assert in_sight(tiles[last], view)
    assert not in_sight(tiles[first], view)


@pytest.mark.parametrize("map_on", [(1280, 800)], indirect=True)
def test_a_laptop_shows_the_whole_path(map_on) -> None:
    path, view = path_of(map_on)
    assert path.height == view.height
    assert all(in_sight(tile, view) for tile in path.stops)
