"""No label is cut on any screen in the longest languages (German, French, Dutch), on a
small tablet (800 x 480), a laptop (1280 x 800) and a 4K screen (3840 x 2160, drawn at
density 2, so laid out as 1920 x 1080); the level map keeps a third of the screen; no
widget is drawn over another when the teacher's status is long."""
from __future__ import annotations

import re

import pytest
from kivy.graphics import RoundedRectangle
from kivy.uix.label import Label
from kivy.uix.scrollview import ScrollView

from accessibility.presenters.voice_training_presenter import VoiceTrainingPresenter
from accessibility.profiles import edited, preset
from adapters.events import StatusKind
from app.kivy_config import density_for
from tests.support.driver import RunningApp, prepare_learner, use_screen
from app.options import Options
from app.voice_training_flow import VOICE_TRAINING
from app.screens.level_map import PathGrid
from app.ui.picture_button import PictureButton
from app.ui.widgets import TargetButton

pytestmark = [pytest.mark.app]
SIZES = [(800, 480), (1280, 800), (3840, 2160)]


@pytest.fixture
def screen_size(request):
    """Open the app in a window of the size asked for; back to 1280 x 800 after. A 4K
    screen is drawn at density 2 (``density_for``), so it lays out as 1920 x 1080 at
    density 1: that window stands for it (software OpenGL draws 4K frames very slowly)."""
    width, height = request.param
    scale = density_for(width, height)
    use_screen(round(width / scale), round(height / scale))
    yield round(width / scale), round(height / scale)
    use_screen(1280, 800)


def test_a_4k_screen_is_drawn_twice_as_big_and_a_tablet_as_it_is() -> None:
    assert density_for(3840, 2160) == 2.0
    assert density_for(1280, 800) == density_for(800, 480) == density_for(2560, 1440) == 1.0


def scrolls(widget) -> bool:
    """In a list that scrolls: it may lie outside the window until scrolled to."""
    parent = widget.parent
    while parent is not None and parent is not widget:
        if isinstance(parent, ScrollView):
            return True
        widget, parent = parent, parent.parent
    return False


def cut_labels(running: RunningApp) -> list[str]:
    """The labels cut (even at the smallest font) or outside the window."""
    running.settle()
    running.wait(0.3)  # the fitting runs on the next frames
    screen = running.app.screens[running.controller.screen]
    width, height = running.app.root_view.size
    cut = []
    for w in screen.walk():
        if isinstance(w, TargetButton) and not w.disabled and w.get_root_window() is not None:
            left, bottom, right, top = window_box(w)
            outside = not scrolls(w) and (left < -1 or bottom < -1 or right > width + 1
                                          or top > height + 1)
            if not w.fits or outside:
                cut.append(w.text)
    return cut


# German at every size; French on the smallest screen; Dutch once (the suite stays fast)
@pytest.mark.parametrize("screen_size,locale",
                         [(size, "de") for size in SIZES] + [((800, 480), "fr"),
                                                             ((1280, 800), "nl")],
                         indirect=["screen_size"])
def test_every_screen_fits_its_words(tmp_path, screen_size, locale) -> None:
    running = RunningApp(tmp_path, Options(data_dir=tmp_path, locale=locale, speech=False,
                                           voice_input=False))
    try:
        controller = running.controller
        assert tuple(running.app.root_view.size) == screen_size
        cut = {"learners": cut_labels(running)}
        controller.activate(f"learner:{controller.store.learners()[0].id}")
        cut["map"] = cut_labels(running)
        path = next(w for w in running.app.screens["map"].walk() if isinstance(w, PathGrid))
        assert path.height >= screen_size[1] / 3  # the map keeps a third of the screen
        controller.activate("track:made")  # "Our levels": the maker and the job cards
        cut["made"] = cut_labels(running)
        for opened, back in (("map:careers", "career:back"), ("map:maker", "maker:back")):
            controller.activate(opened)
            cut[opened] = cut_labels(running)
            controller.activate(back)
        for level in ("teens_07", "python_05", "junior_13"):
            controller.open_level(level)
            cut[level] = cut_labels(running)
        controller.activate("palette:repeat")  # the parameter choices
        cut["parameters"] = cut_labels(running)
        controller.activate("param:count:4")
        controller.activate("palette:move_forward")  # inside the loop: "Continue after …"
        assert controller.model.find("palette:exit") is not None
        cut["inside a loop"] = cut_labels(running)
        controller.open_settings()
        cut["settings"] = cut_labels(running)
        assert not any(cut.values()), cut
    finally:
        running.close()


def window_box(widget) -> tuple[float, float, float, float]:
    """(left, bottom, right, top) of ``widget`` in window coordinates."""
    left, bottom = widget.to_window(widget.x, widget.y)
    return left, bottom, left + widget.width, bottom + widget.height


def overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


@pytest.fixture
def german_without_model(tmp_path):
    """A German voice learner on the map, with no German speech model: the status line says
    so at length (and that sound is off, and no switch box is found)."""
    prepare_learner(tmp_path, edited(preset("voice"), auditory_scanning=False))
    running = RunningApp(tmp_path, Options(data_dir=tmp_path, locale="de", speech=False,
                                           voice_input=True))
    try:
        controller = running.controller
        controller.choose_learner(controller.store.learners()[0].id)
        assert running.wait_for(lambda: controller.voice is not None
                                and controller.voice.status.kind is StatusKind.ERROR)
        yield running
    finally:
        running.close()


def test_the_settings_stay_apart_under_a_long_status_line(german_without_model) -> None:
    """German, a voice learner and no German speech model: the status line takes five lines
    of an 800 x 600 window. The preview's buttons used to spill over the screen's title and
    their own, and "Name des Spielers" over the row above it."""
    running = german_without_model
    running.controller.open_settings()
    running.controller.activate("section:player")  # the section with the name field
    running.settle()
    running.wait(0.3)
    assert len(running.app.status_bar.lines()) >= 2  # the long status, in the teacher's list
    screen = running.app.screens["settings"]
    ids = screen.ids
    preview = [window_box(button) for button in ids.preview.children]
    assert len(preview) == 3
    for label in (ids.title, ids.preview_title):
        assert not any(overlap(window_box(label), box) for box in preview), label.text
    name_row = ids.sections.children[-1]  # the first row: the learner's name
    for widget in name_row.children:
        assert widget.height <= name_row.height, widget
    assert not overlap(window_box(name_row), window_box(ids.title))


def test_voice_training_keeps_its_message_above_its_buttons_under_a_long_status_line(
        german_without_model) -> None:
    """German, no German speech model, and a notice just given: the status line takes six
    lines. A failed training's message (three lines) used to run into the buttons."""
    running = german_without_model
    controller = running.controller
    controller.notice("voice.training.forgotten", {"name": "Sam"})
    presenter = VoiceTrainingPresenter(["move forward"], "Sam", on_say=lambda _message: None,
                                       on_finish=lambda r: None, on_leave=lambda: None)
    controller.show(VOICE_TRAINING, presenter)
    presenter.failed("voice.training.too_few", {"used": 4, "total": 36, "needed": 6})
    running.settle()
    running.wait(0.3)
    assert len(running.app.status_bar.lines()) >= 3  # notice, sound, model: in the list
    ids = running.app.screens[VOICE_TRAINING].ids
    message = ids.message
    assert message.texture_size[1] > 2 * message.font_size  # several lines of text
    assert message.height >= message.texture_size[1]
    assert not overlap(window_box(message), window_box(ids.choices))
    assert not overlap(window_box(message), window_box(ids.title))


def test_a_long_status_line_leaves_the_child_room_for_every_word(german_without_model,
                                                                 tmp_path) -> None:
    """German, no German speech model, and a notice just given: six lines for the teacher.
    The status corner lists them (the screen used to show them and the level tiles to lose
    their names, only the stars left)."""
    running = german_without_model
    controller = running.controller
    controller.notice("app.settings.exported",
                      {"file": str(tmp_path / "progress-2026-12-02.csv"), "count": 12})
    cut = {"map": cut_labels(running)}
    assert len(running.app.status_bar.lines()) >= 3  # notice, sound, model: in the list
    controller.open_level("teens_07")
    cut["teens_07"] = cut_labels(running)
    assert not any(cut.values()), cut


def visible_box(widget) -> tuple[float, float, float, float] | None:
    """The part of ``widget`` the window shows (a list that scrolls clips it); None: none."""
    left, bottom, right, top = window_box(widget)
    parent = widget.parent
    while parent is not None and parent is not parent.parent:
        if isinstance(parent, ScrollView):
            view = window_box(parent)
            left, bottom = max(left, view[0]), max(bottom, view[1])
            right, top = min(right, view[2]), min(top, view[3])
        parent = parent.parent
    return (left, bottom, right, top) if left < right and bottom < top else None


def drawn_over(running: RunningApp) -> list[tuple[str, str]]:
    """Pairs of buttons of the screen drawn one over the other, where the window shows them."""
    running.settle()
    running.wait(0.3)
    screen = running.app.screens[running.controller.screen]
    boxes = []
    for w in screen.walk():
        if isinstance(w, TargetButton) and w.get_root_window() is not None:
            box = visible_box(w)
            if box is not None:  # a pixel less each side: neighbours may touch
                boxes.append((w.text, (box[0] + 1, box[1] + 1, box[2] - 1, box[3] - 1)))
    return [(a, b) for i, (a, box_a) in enumerate(boxes) for b, box_b in boxes[i + 1:]
            if overlap(box_a, box_b)]


@pytest.mark.parametrize("screen_size,locale",
                         [((800, 480), "de"), ((800, 480), "fr"), ((3840, 2160), "de")],
                         indirect=["screen_size"])
def test_the_made_levels_pages_and_the_player_pages_fit(tmp_path, screen_size, locale) -> None:
    """Issue 20: on a small tablet the level maker drew its tools over the map and its blocks
    under its controls, and a career card's name, job and sentence ran over each other."""
    running = RunningApp(tmp_path, Options(data_dir=tmp_path, locale=locale, speech=False,
                                           voice_input=False))
    try:
        controller = running.controller
        learner = controller.store.learners()[0].id
        controller.activate(f"learner:{learner}")
        controller.activate("track:made")
        controller.activate("map:careers")
        career = running.app.screens["career"]
        problems: dict[str, object] = {}
        for card in range(1, 5):  # the third (Chieko Asakawa) is the longest in German
            running.settle()
            if not running.wait_for(career.words_fit, 5.0):  # the font shrinks frame by frame
                problems[f"card {card}"] = career.ids.name.text
            controller.activate("career:next")
        controller.activate("career:back")
        controller.activate("map:maker")
        problems["maker cut"] = cut_labels(running)
        problems["maker over"] = drawn_over(running)
        controller.activate("maker:back")
        controller.open_settings()
        controller.activate("settings:add_learner")
        problems["new player"] = cut_labels(running) + drawn_over(running)
        controller.activate("player:cancel")
        controller.activate("settings:class")
        controller.activate(f"class:remove:{learner}")
        assert controller.screen == "confirm"
        problems["remove player"] = cut_labels(running) + drawn_over(running)
        assert not any(problems.values()), problems
    finally:
        running.close()


# -- the workspace of every track at every size ------------------------------------------

# (level, what the child has done there): a program long enough to scroll, a running line
WORKSPACES = {
    "junior": ("junior_10", ["palette:move_forward", "palette:repeat", "param:count:4",
                             "palette:move_forward", "palette:turn_left"]),
    "teens": ("teens_07", ["palette:repeat_until_goal", "palette:if_path",
                           "param:direction:ahead", "palette:move_forward"]),
    "python": ("python_05", ["palette:repeat", "param:count:4", "palette:paint",
                             "param:colour:yellow", "palette:move_forward", "control:step"]),
    "data": ("junior_data_03", ["palette:repeat", "param:count:3", "palette:move_forward",
                                "palette:collect"]),
    "sorting": ("junior_data_sort_01", ["palette:move_forward", "palette:collect",
                                        "palette:move_forward", "palette:drop"]),
}


def shown(widget) -> bool:
    """Drawn and in the window's tree (a zero-opacity or empty widget is not seen)."""
    while widget is not None and widget.parent is not widget:  # the window is its own parent
        if widget.opacity == 0:
            return False
        widget = widget.parent
    return True


def seen_box(widget) -> tuple[float, float, float, float] | None:
    """``widget``'s box in the window, cut to the ScrollViews it sits in (``None``: it is
    scrolled out of sight)."""
    box = window_box(widget)
    parent = widget.parent
    while parent is not None and parent is not parent.parent:
        if isinstance(parent, ScrollView):
            view = window_box(parent)
            box = (max(box[0], view[0]), max(box[1], view[1]), min(box[2], view[2]),
                   min(box[3], view[3]))
            if box[0] >= box[2] or box[1] >= box[3]:
                return None
        parent = parent.parent
    return box


def label_fits(label) -> bool:
    """The label's whole text fits inside it less its padding, no word broken."""
    from kivy.core.text import Label as CoreLabel
    from kivy.core.text.markup import MarkupLabel
    padding = label.padding if len(label.padding) == 4 else [label.padding[0],
                                                           label.padding[1]] * 2
    left, top, right, bottom = padding
    width, height = label.width - left - right, label.height - top - bottom
    measure = MarkupLabel if label.markup else CoreLabel
    probe = measure(text=label.text, font_size=label.font_size, font_name=label.font_name,
                    text_size=(width, None), bold=label.bold)
    probe.refresh()
    plain = re.sub(r"\[[^\]]*\]", "", label.text) if label.markup else label.text
    longest = max(plain.split(), key=len, default="")
    word = CoreLabel(text=longest, font_size=label.font_size, font_name=label.font_name,
                     bold=label.bold)
    word.refresh()
    return probe.content_height <= height + 1 and word.content_width <= width + 1


def workspace_faults(running: RunningApp) -> list[str]:
    """What a child would meet on the workspace shown: a world under a third of the window's
    height, targets over each other or outside the window, a tap on a target that a
    disabled (hidden) widget would swallow, a word cut."""
    running.settle()
    running.wait(0.3)  # the fitting runs on the next frames
    screen = running.app.screens[running.controller.screen]
    width, height = running.app.root_view.size
    faults = []
    world = screen.world_view
    if world.height < height / 3:
        faults.append(f"world {world.height:.0f} high < {height / 3:.0f}")
    widgets = [w for w in screen.walk() if w.get_root_window() is not None and shown(w)]
    targets = [(w, seen_box(w)) for w in widgets
               if isinstance(w, TargetButton) and not w.disabled and w.width > 1]
    targets = [(w, box) for w, box in targets if box is not None]
    for index, (w, box) in enumerate(targets):
        if box[0] < -1 or box[1] < -1 or box[2] > width + 1 or box[3] > height + 1:
            faults.append(f"{w.node_id} outside the window")
        for other, other_box in targets[index + 1:]:
            if overlap(box, other_box):
                faults.append(f"{w.node_id} over {other.node_id}")
    covers = [w for w in widgets if w.disabled and w.width > 1 and w.height > 1
              and not isinstance(w, ScrollView)]
    for w, box in targets:
        centre = ((box[0] + box[2]) / 2, (box[1] + box[3]) / 2)
        for cover in covers:
            left, bottom, right, top = window_box(cover)
            if left <= centre[0] <= right and bottom <= centre[1] <= top \
                    and cover not in w.walk_reverse() and w not in cover.walk():
                faults.append(f"{w.node_id} under a disabled {type(cover).__name__}")
                break
    for w in widgets:
        if isinstance(w, Label) and w.text and not w.disabled and seen_box(w) is not None \
                and not label_fits(w):
            faults.append(f"cut: {w.text[:30]!r}")
        if isinstance(w, PictureButton) and w.picture and seen_box(w) is not None:
            plate = next(i for i in w._art.children if isinstance(i, RoundedRectangle))
            x, y, side = w.picture_box()
            if abs(plate.pos[1] - y) > 1 or x < w.x - 1 or x + side > w.right + 1:
                faults.append(f"{w.node_id}: its picture is not where its words leave room")
    return faults


# German (the longest words) with Back stops (the most targets) at each size; a touch
# learner's workspace is the same less its Back stops (the suite stays fast)
@pytest.mark.parametrize("screen_size,locale,profile",
                         [(size, "de", "two_switch_step") for size in SIZES],
                         indirect=["screen_size"])
def test_every_workspace_holds_at_every_size(tmp_path, screen_size, locale, profile) -> None:
    """Junior, teens, Python, data and sorting workspaces, the repeat dialog and a hint: the
    world keeps a third of the window, every target can be tapped, no word is cut."""
    prepare_learner(tmp_path, edited(preset(profile), auditory_scanning=False))
    running = RunningApp(tmp_path, Options(data_dir=tmp_path, locale=locale, speech=False,
                                           voice_input=False))
    try:
        controller = running.controller
        controller.activate(f"learner:{controller.store.learners()[0].id}")
        faults = {}
        for kind, (level, steps) in WORKSPACES.items():
            controller.open_level(level)
            for step in steps:
                running.settle()
                assert controller.activate(step), (kind, step)
            faults[kind] = workspace_faults(running)
        controller.open_level("junior_09")
        controller.activate("control:hint")
        faults["hint"] = workspace_faults(running)
        controller.activate("palette:repeat")
        faults["repeat dialog"] = workspace_faults(running)
        assert not any(faults.values()), faults
    finally:
        running.close()
