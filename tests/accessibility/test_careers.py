"""Career cards: true data with a source each, at least half women, said in six languages."""
from __future__ import annotations

from pathlib import Path

import pytest

from accessibility.actions import Command
from accessibility.careers import CareerError, load_cards
from accessibility.presenters.career_presenter import CareerPresenter
from accessibility.translator import LOCALES, Translator

CARDS = load_cards()


def test_every_card_cites_a_source_page() -> None:
    for card in CARDS:
        assert card.source.startswith("https://") and len(card.source) > 12, card.id
    assert len({card.source for card in CARDS}) == len(CARDS)  # one source per person


def test_at_least_half_are_women_and_some_are_disabled() -> None:
    assert sum(card.woman for card in CARDS) * 2 >= len(CARDS)
    assert len([card for card in CARDS if card.disability]) >= 2


@pytest.mark.parametrize("locale", LOCALES)
def test_every_card_is_said_in_every_language(locale: str) -> None:
    translator = Translator(locale)
    for card in CARDS:
        keys = [card.job_key, card.what_key] + ([card.disability_key] if card.disability else [])
        for key in keys:
            assert translator.has(key, locale), f"{locale}: {key}"


def test_a_card_without_a_source_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "cards.yml"
    path.write_text("cards:\n  - {id: x, name: X, job: programmer, woman: true}\n")
    with pytest.raises(CareerError):
        load_cards(path)


def test_the_card_is_narrated_and_next_goes_round() -> None:
    said: list[tuple[str, dict[str, object]]] = []
    back: list[bool] = []
    translator = Translator("fr")
    presenter = CareerPresenter(CARDS, translate=translator.t,
                                say=lambda key, params: said.append((key, dict(params))),
                                on_back=lambda: back.append(True))
    presenter.read()
    assert said[-1][1]["name"] == CARDS[0].name
    assert said[-1][1]["what"] == translator.t(CARDS[0].what_key)
    model = presenter.model()
    assert [t.id for t in model.targets()] == ["career:next", "career:again", "career:back"]
    for _ in CARDS:
        model.find("career:next").activate()  # type: ignore[union-attr]
    assert presenter.card == CARDS[0] and len(said) == len(CARDS) + 1
    assert presenter.execute(Command("back")) and back == [True]
