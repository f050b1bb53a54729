"""Career cards: real people in digital jobs, read from ``career_cards.yml`` (data, with sources).

A card's words are i18n keys (``careers.job.<job>``, ``careers.card.<id>.what``,
``careers.disability.<value>``); the name, years and source are data, never translated.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from levels.safe_yaml import load_file

CARDS_FILE = Path(__file__).resolve().parent / "career_cards.yml"
JOBS: tuple[str, ...] = ("programmer", "game_developer", "data_scientist",
                         "accessibility_engineer", "roboticist", "designer",
                         "security_engineer", "scientist")


class CareerError(ValueError):
    """The cards file is wrong (a developer's mistake: said in English)."""


@dataclass(frozen=True)
class CareerCard:
    id: str
    name: str
    job: str
    source: str
    woman: bool
    years: str = ""
    disability: str = ""

    @property
    def job_key(self) -> str:
        return f"careers.job.{self.job}"

    @property
    def what_key(self) -> str:
        return f"careers.card.{self.id}.what"

    @property
    def disability_key(self) -> str:
        return f"careers.disability.{self.disability}" if self.disability else ""


def load_cards(path: Path = CARDS_FILE) -> list[CareerCard]:
    """Every card in file order; ``CareerError`` names the first card that is wrong."""
    data = load_file(path)
    cards: list[CareerCard] = []
    for raw in data.get("cards", []) if isinstance(data, dict) else []:
        try:
            card = CareerCard(id=str(raw["id"]), name=str(raw["name"]), job=str(raw["job"]),
                              source=str(raw["source"]), woman=raw["woman"] is True,
                              years=str(raw.get("years", "") or ""),
                              disability=str(raw.get("disability", "") or ""))
        except (KeyError, TypeError) as error:
            raise CareerError(f"card {raw!r} lacks {error}") from None
        if card.job not in JOBS or not card.source.startswith("https://"):
            raise CareerError(f"card {card.id}: job {card.job!r} or source {card.source!r}")
        cards.append(card)
    if not cards or len({card.id for card in cards}) != len(cards):
        raise CareerError(f"{path}: no cards, or two cards with one id")
    return cards
