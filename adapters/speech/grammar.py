"""Command phrases from the ``voice`` i18n files, turned into a JSGF grammar.

The phrases live with the translations (``i18n/voice.<locale>.yml``, key ``command.<name>``,
alternatives separated by ``|``) so that translators choose what a child of that language
says. This module only reads that data (the adapters room does not import the translator)
and keeps a phrase -> command map, because the decoder returns the words it heard.
"""
from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from adapters.i18n_files import I18N_DIR

log = logging.getLogger(__name__)

NAMESPACE = "voice"

# The control names the adapter emits (``speech:<name>``); the access profile maps them.
COMMANDS: tuple[str, ...] = (
    "next", "previous", "select", "back", "run", "stop", "step", "reset", "undo", "redo",
    "delete", "move_forward", "turn_left", "turn_right", "collect", "repeat", "paint", "help",
)

_SPLIT = re.compile(r"[\s\-–—]+")
_STRIP = re.compile(r"[^\w']+")


def normalise(phrase: str) -> tuple[str, ...]:
    """The words of ``phrase`` as a dictionary spells them: lower case, NFC, no punctuation;
    hyphens split words ("aide-moi" -> "aide moi"), apostrophes stay ("d'avant")."""
    text = unicodedata.normalize("NFC", phrase).lower().replace("’", "'")
    words = (_STRIP.sub("", word).strip("'") for word in _SPLIT.split(text))
    return tuple(word for word in words if word)


def load_phrases(locale: str, directory: Path = I18N_DIR) -> dict[str, tuple[str, ...]]:
    """command -> its phrases in ``locale``, read from ``voice.<locale>.yml``."""
    path = directory / f"{NAMESPACE}.{locale}.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    table = data.get("command") or {}
    phrases: dict[str, tuple[str, ...]] = {}
    for command in COMMANDS:
        raw = table.get(command)
        if not raw:
            log.warning("%s has no phrase for %s", path.name, command)
            continue
        phrases[command] = tuple(alt.strip() for alt in str(raw).split("|") if alt.strip())
    return phrases


def every_phrase(locale: str) -> list[str]:
    """Every phrase of every command in ``locale``, in file order (what voice training asks
    a learner to say)."""
    return [phrase for alternatives in load_phrases(locale).values() for phrase in alternatives]


@dataclass(frozen=True)
class CommandGrammar:
    """The phrases the decoder may hear, as word tuples, and the command each one means."""

    locale: str
    commands: dict[tuple[str, ...], str]  # words -> command
    dropped: tuple[str, ...] = field(default=())  # phrases with a word the model lacks

    @classmethod
    def build(cls, locale: str, phrases: Mapping[str, tuple[str, ...]],
              known: Callable[[str], bool] = lambda word: True) -> CommandGrammar:
        """Keep each phrase whose words are all ``known`` (in the pronunciation dictionary);
        the first command to claim a phrase keeps it (a phrase must mean one thing)."""
        commands: dict[tuple[str, ...], str] = {}
        dropped: list[str] = []
        for command, alternatives in phrases.items():
            for phrase in alternatives:
                words = normalise(phrase)
                if not words:
                    continue
                if not all(known(word) for word in words):
                    dropped.append(phrase)
                    continue
                if words in commands and commands[words] != command:
                    log.warning("phrase %r is both %s and %s; keeping %s", phrase,
                                commands[words], command, commands[words])
                    continue
                commands[words] = command
        if dropped:
            log.warning("%s: %d phrase(s) use words the speech model does not know: %s",
                        locale, len(dropped), ", ".join(dropped))
        return cls(locale, commands, tuple(dropped))

    @property
    def words(self) -> set[str]:
        return {word for phrase in self.commands for word in phrase}

    def command_for(self, hypothesis: str) -> str | None:
        """The command whose phrase is the whole hypothesis, else None (never a part)."""
        return self.commands.get(tuple(hypothesis.split()))

    def jsgf(self, name: str = "commands",
             token: Callable[[str], str] = lambda word: word) -> str:
        """One public rule: exactly one phrase, nothing before or after it. ``token`` names
        words pocketsphinx's JSGF parser cannot read (see ``jsgf_safe``)."""
        alternatives = " | ".join(
            "( " + " ".join(token(word) for word in phrase) + " )" for phrase in self.commands)
        return (f"#JSGF V1.0;\ngrammar {name};\n"
                f"public <{name}> = {alternatives or '<VOID>'} ;\n")


_JSGF_UNSAFE = re.compile(r"[\s'\"<>;|*+()\[\]{}/=!#\\]")


def jsgf_safe(word: str) -> bool:
    """pocketsphinx 5 reads UTF-8 words ("à", "précédent") in JSGF but not apostrophes
    ("d'avant") or quoted tokens; such words get an alias with the same pronunciation."""
    return not _JSGF_UNSAFE.search(word)
