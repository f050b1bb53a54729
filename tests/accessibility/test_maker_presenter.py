"""The maker's scan model: grid first, row then square; every change is said."""
from __future__ import annotations

from accessibility.actions import Command
from accessibility.presenters.maker_presenter import GRID_ID, MakerPresenter
from accessibility.translator import Translator
from levels.maker import LevelMaker


def make(saves: list[LevelMaker] | None = None):
    said: list[tuple[str, dict[str, object]]] = []
    played: list[str] = []
    presenter = MakerPresenter(
        LevelMaker(rows=5, columns=6), translate=Translator("it").t,
        say=lambda key, params: said.append((key, dict(params))),
        on_save=lambda maker: (saves.append(maker) if saves is not None else None) or "made_x",
        on_play=played.append, on_back=lambda: None)
    return presenter, said, played


def test_the_grid_is_scanned_row_then_square_before_the_tools() -> None:
    presenter, _, _ = make()
    model = presenter.model()
    grid = model.children[0]
    assert grid.id == GRID_ID and [row.id for row in grid.children] == ["row:1", "row:2", "row:3"]
    assert [t.id for t in grid.children[0].children][:2] == ["cell:1:1", "cell:1:2"]
    assert [g.id for g in model.children][1:] == ["maker_tools", "maker_blocks",
                                                   "maker_controls"]


def test_a_tool_put_on_a_square_is_said_in_the_learners_language() -> None:
    presenter, said, _ = make()
    presenter.model().find("tool:star").activate()
    presenter.model().find("cell:2:2").activate()
    assert presenter.maker.cells[(2, 2)] == "*"
    assert said[-1] == ("maker.cell", {"row": 2, "column": 2, "what": "Stella"})


def test_an_unplayable_level_says_why_and_is_not_saved() -> None:
    saves: list[LevelMaker] = []
    presenter, said, played = make(saves)
    presenter.choose_tool("wall")
    for row in (1, 2, 3):
        presenter.put(row, 2)  # a wall across: the goal cannot be reached
    presenter.execute(Command("run"))
    assert said[-1][0] == "maker.not_ready" and not saves and not played
    presenter.choose_tool("open")
    presenter.put(2, 2)
    presenter.execute(Command("run"))  # "go!": test, save, play
    assert said[-1][0] == "maker.ready" and len(saves) == 1 and played == ["made_x"]
