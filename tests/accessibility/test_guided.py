"""Guided mode on a fake clock: steps from a solution, few choices, escalation, fading."""
from __future__ import annotations

from typing import Mapping

import pytest

from accessibility.clock import FakeClock
from accessibility.guided_mode import (
    PRAISE_KEYS,
    REDIRECT_KEYS,
    GuidedConfig,
    GuidedSession,
    Help,
    Independence,
)
from accessibility.guided_presenter import HEAR_AGAIN_ID, GuidedPresenter, target_id
from accessibility.guided_steps import GuidedStep, steps_from_solution
from accessibility.narrator import Narrator, Priority
from accessibility.speech_output import RecordingServer
from accessibility.translator import Translator

SOLUTION = [
    "move_forward",
    {"block": "repeat", "params": {"times": 2}, "body": ["move_forward", "turn_left"]},
    "paint",
]
PALETTE = ["move_forward", "turn_left", "turn_right", "repeat", "paint"]


class Speaker:
    """Records what guided mode asks the narrator to say."""

    def __init__(self) -> None:
        self.said: list[tuple[str, dict[str, object]]] = []
        self.silenced = 0

    def say(self, key: str, params: Mapping[str, object] | None = None, *,
            priority: Priority = Priority.NORMAL, on_done=None) -> int:
        self.said.append((key, dict(params or {})))
        return len(self.said)

    def silence(self) -> None:
        self.silenced += 1

    def keys(self) -> list[str]:
        return [k for k, _ in self.said]


def make(config: GuidedConfig | None = None, independence: Independence | None = None,
         translator: Translator | None = None, speaker=None):
    clock = FakeClock()
    speaker = speaker or Speaker()
    placed: list[GuidedStep] = []
    session = GuidedSession(steps_from_solution(SOLUTION), PALETTE, placed.append, speaker,
                            translator or Translator("en"), clock, config=config,
                            independence=independence, seed=7)
    return session, speaker, placed, clock


def test_steps_follow_reading_order_with_paths() -> None:
    steps = steps_from_solution(SOLUTION)
    assert [(s.block, s.parent, s.position) for s in steps] == [
        ("move_forward", (), 0), ("repeat", (), 1), ("move_forward", (1,), 0),
        ("turn_left", (1,), 1), ("paint", (), 2)]
    assert steps[1].params == {"times": 2}
    assert steps[0].label_key == "blocks.move_forward.label"
    with pytest.raises(ValueError):
        steps_from_solution([{"params": {}}])
    with pytest.raises(ValueError):
        steps_from_solution([{"block": "repeat", "body": "move_forward"}])


def test_a_learner_choosing_right_builds_the_program_with_praise() -> None:
    session, speaker, placed, _ = make()
    session.start()
    while not session.finished:
        state = session.state
        assert state is not None
        assert [c.block for c in state.choices].count(state.step.block) == 1
        assert 2 <= len(state.choices) <= 3  # the right block and at most two distractors
        assert {c.block for c in state.choices} <= set(PALETTE)
        session.choose(state.step.block)
    assert [s.block for s in placed] == ["move_forward", "repeat", "move_forward", "turn_left",
                                         "paint"]
    assert all(r.placed_by_learner and r.errors == 0 for r in session.results)
    assert sum(k in PRAISE_KEYS for k in speaker.keys()) == 5
    assert speaker.keys()[-1] == "guided.done"
    assert session.state is None


def test_inactivity_escalates_reminder_highlight_then_the_block_places_itself() -> None:
    session, speaker, placed, clock = make(GuidedConfig(reminder_after=8, show_for=3),
                                           Independence(Help.NONE))
    session.start()
    assert session.state is not None and session.state.help is Help.NONE
    assert speaker.keys()[-1] == "guided.prompt.what_next"
    clock.advance(7.9)
    assert session.state.help is Help.NONE and not placed
    clock.advance(0.2)
    assert session.state.help is Help.VERBAL and speaker.keys()[-1] == "guided.prompt.choose"
    assert speaker.said[-1][1]["block"]  # the block is named
    clock.advance(8)
    assert session.state.help is Help.HIGHLIGHT
    assert session.state.highlighted == "move_forward"
    assert speaker.keys()[-1] == "guided.prompt.highlight"
    clock.advance(8)
    assert session.state.help is Help.MODEL and speaker.keys()[-1] == "guided.prompt.watch"
    assert not placed  # shown first, placed after show_for
    clock.advance(3)
    assert [s.block for s in placed] == ["move_forward"]
    result = session.results[0]
    assert result.needed is Help.MODEL and not result.placed_by_learner
    assert session.state.step.index == 1


def test_a_wrong_choice_is_redirected_gently_and_taken_away() -> None:
    session, speaker, placed, _ = make(GuidedConfig(max_distractors=2))
    session.start()
    state = session.state
    assert state is not None
    wrong = next(c.block for c in state.choices if not c.right)
    session.choose(wrong)
    assert not placed
    assert speaker.keys()[-1] in REDIRECT_KEYS
    assert speaker.said[-1][1]["block"]
    assert wrong not in [c.block for c in state.choices]
    assert state.help >= Help.HIGHLIGHT and state.highlighted == state.step.block
    assert not any("wrong" in k or "error" in k for k in speaker.keys())
    session.choose(state.step.block)
    assert placed and session.results[0].errors == 1


def test_help_fades_after_successes_and_rises_after_misses() -> None:
    config = GuidedConfig(fade_after=2, raise_after=2, reminder_after=5, show_for=1)
    session, _, _, clock = make(config, Independence(Help.VERBAL))
    session.start()
    for _ in range(2):
        session.choose(session.state.step.block)
    assert session.independence.start is Help.NONE
    # now two steps in a row the learner waits until the block is shown
    for _ in range(2):
        clock.advance(5)  # NONE -> VERBAL
        clock.advance(5)  # -> HIGHLIGHT
        session.choose(session.state.step.block)
    assert session.independence.start is Help.VERBAL
    assert session.state.help is Help.VERBAL  # the next step already starts there


def test_choices_shrink_when_more_help_is_needed() -> None:
    session, _, _, _ = make(GuidedConfig(max_distractors=3), Independence(Help.MODEL))
    session.start()
    assert len(session.state.choices) == 2  # the right block and one distractor
    session2, _, _, _ = make(GuidedConfig(max_distractors=3), Independence(Help.NONE))
    session2.start()
    assert len(session2.state.choices) == 4


def test_independence_is_saved_and_restored() -> None:
    value = Independence(Help.HIGHLIGHT, streak=1, misses=0)
    assert Independence.from_dict(value.to_dict()) == value
    assert Independence.from_dict(None) == Independence()
    assert Independence.from_dict({"start": 9}) == Independence()
    assert Independence.from_dict({"start": "x"}) == Independence()
    assert Independence(Help.NONE).score == 1.0 and Independence(Help.MODEL).score == 0.0
    session, _, _, _ = make(independence=Independence.from_dict({"start": 2}))
    session.start()
    assert session.state.help is Help.HIGHLIGHT
    assert session.state.highlighted == "move_forward"


@pytest.mark.parametrize("kwargs", [{"max_distractors": 6}, {"max_distractors": -1},
                                    {"reminder_after": 1}, {"show_for": 0},
                                    {"fade_after": 0}])
def test_out_of_range_settings_are_refused(kwargs) -> None:
    with pytest.raises(ValueError):
        GuidedConfig(**kwargs)


def test_presenter_offers_the_choices_as_a_scan_group() -> None:
    session, speaker, placed, clock = make()
    presenter = GuidedPresenter(session)
    models = []
    presenter.on_model_changed(models.append)
    session.start()
    group = presenter.group()
    ids = [t.id for t in group.targets()]
    assert ids[-1] == HEAR_AGAIN_ID
    assert target_id("move_forward") in ids
    assert all(t.enabled for t in group.targets())
    assert group.params == {"step": 1, "total": 5}
    # hearing it again repeats the prompt and does not escalate
    before = session.state.help
    group.find(HEAR_AGAIN_ID).activate()
    assert session.state.help is before and speaker.keys()[-1] == "guided.prompt.choose"
    # a touch (or a switch selection) on the right target places the block
    group.find(target_id("move_forward")).activate()
    assert [s.block for s in placed] == ["move_forward"]
    assert models and models[-1].params == {"step": 2, "total": 5}
    assert target_id("repeat") in [t.id for t in models[-1].targets()]
    assert presenter.highlighted_target() is None
    clock.advance(8)
    clock.advance(8)
    assert presenter.highlighted_target() == target_id("repeat")


def test_guided_mode_speaks_real_sentences_through_the_narrator() -> None:
    server = RecordingServer()
    translator = Translator("fr")
    narrator = Narrator(translator, server)
    session, _, _, clock = make(translator=translator, speaker=narrator,
                                independence=Independence(Help.VERBAL))
    session.start()
    assert narrator.wait_idle()  # the child listens to the first prompt
    wrong = next(c.block for c in session.state.choices if not c.right)
    session.choose(wrong)
    assert narrator.wait_idle()  # the child hears the redirection before choosing again
    session.choose(session.state.step.block)
    assert narrator.wait_idle()
    narrator.close()
    translator.set_locale("en")
    texts = server.texts()
    assert texts[0] == "Construisons le programme ensemble, un bloc à la fois."
    assert any(t.startswith("Choisis ") for t in texts)
    assert any(t.startswith(("Essayons ", "Presque")) for t in texts)
    assert any(t in ("Super !", "Oui, c'est ça !", "Bon choix !") for t in texts)
