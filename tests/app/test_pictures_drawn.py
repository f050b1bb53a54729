"""Blocks are drawn with their pictures in the real window, in every block look."""
from __future__ import annotations

import pytest
from PIL import Image

from accessibility.profiles import edited, preset
from tests.support.driver import RunningApp, prepare_learner, use_screen
from app.options import Options
from app.screens.workspace import BlockButton
from app.ui.picture_button import PictureButton

pytestmark = [pytest.mark.app]


def open_workspace(tmp_path, **changes) -> RunningApp:
    prepare_learner(tmp_path, edited(preset("touch"), **changes), name="Zoë")
    running = RunningApp(tmp_path, Options(data_dir=tmp_path, locale="en", speech=False,
                                           voice_input=False))
    controller = running.controller
    controller.activate(f"learner:{controller.store.learners()[0].id}")
    controller.open_level("junior_10")
    running.settle()
    return running


def blocks(running: RunningApp) -> dict[str, BlockButton]:
    screen = running.app.screens[running.controller.screen]
    return {w.node_id: w for w in screen.walk() if isinstance(w, BlockButton)}


def test_palette_blocks_show_their_picture_and_word(tmp_path) -> None:
    running = open_workspace(tmp_path)
    try:
        running.wait(0.3)
        shown = blocks(running)
        forward = shown["palette:move_forward"]
        assert forward.picture.endswith("block_move_forward.png") and forward.text
        assert shown["palette:turn_left"].picture != shown["palette:turn_right"].picture
        shot = Image.open(running.screenshot(tmp_path / "shot.png")).convert("RGB")
        x, y, side = forward.picture_box()
        x, y = forward.to_window(x, y)
        height = shot.height
        plate = shot.crop((int(x), int(height - y - side), int(x + side), int(height - y)))
        colours = plate.getcolors(maxcolors=100_000) or []
        light = sum(n for n, c in colours if min(c) > 230)
        dark = sum(n for n, c in colours if max(c) < 80)
        total = plate.width * plate.height
        assert light > total * 0.3, "the white plate is drawn"
        assert dark > total * 0.03, "the arrow is drawn on it"
    finally:
        running.close()


@pytest.mark.parametrize("look, has_picture, has_word", [("pictures", True, False),
                                                         ("words", False, True)])
def test_the_block_look_chooses_pictures_or_words(tmp_path, look, has_picture,
                                                  has_word) -> None:
    running = open_workspace(tmp_path, block_look=look)
    try:
        forward = blocks(running)["palette:move_forward"]
        assert bool(forward.picture) is has_picture and bool(forward.text) is has_word
    finally:
        running.close()


def controls(running: RunningApp) -> dict[str, PictureButton]:
    screen = running.app.screens[running.controller.screen]
    return {w.node_id: w for w in screen.walk()
            if isinstance(w, PictureButton) and w.node_id.startswith("control:")}


@pytest.mark.parametrize("look", ["pictures_words", "pictures", "words"])
def test_the_controls_show_their_pictures_in_the_learners_look(tmp_path, look) -> None:
    """Run, Undo, the hint ... a child who cannot read finds them by their picture; on a
    1280 x 800 tablet the pictures fit beside the words."""
    use_screen(1280, 800)
    running = open_workspace(tmp_path, block_look=look)
    try:
        running.wait(0.3)
        shown = controls(running)
        run, hint = shown["control:run"], shown["control:hint"]
        assert bool(run.picture) is (look != "words")
        assert bool(run.text) is (look != "pictures")
        if look != "words":
            assert run.picture.endswith("control_run.png")
            assert hint.picture.endswith("control_hint.png")
            assert len({w.picture for w in shown.values()}) == len(shown)  # all differ
        if look == "pictures_words":
            x, _y, side = run.picture_box()
            assert x + side <= run.x + run.padding[0]  # the word starts after the picture
    finally:
        running.close()


def test_a_new_players_animals_are_shown_as_their_pictures(tmp_path) -> None:
    """The teacher's new-player page offers each animal with the picture the learner card
    will show, so a child can choose their own without reading."""
    running = RunningApp(tmp_path, Options(data_dir=tmp_path, locale="fr", speech=False,
                                           voice_input=False))
    try:
        controller = running.controller
        controller.activate(f"learner:{controller.store.learners()[0].id}")
        controller.open_settings()
        controller.activate("settings:add_learner")
        running.settle()
        screen = running.app.screens[controller.screen]
        animals = {w.node_id: w.picture for w in screen.walk()
                   if isinstance(w, PictureButton) and w.node_id.startswith("player:avatar:")}
        assert len(animals) == 8 and len(set(animals.values())) == 8, animals
        assert animals["player:avatar:fox"].endswith("avatar_fox.png")
    finally:
        running.close()
