"""Command words of any language in the English model's phones (used at build time).

pocketsphinx ships one acoustic model, US English; French, Dutch, German, Italian and Spanish
models are not packaged anywhere this app can install from. A command vocabulary of a few
dozen words needs no language model, only each word's pronunciation in phones the model has:
espeak-ng says how a word of the language sounds (IPA), and ``phones.yml`` maps each IPA
sound to the nearest English phone. ``scripts/make_voice_dicts.py`` runs this once and
ships the result (``dicts/<locale>.dict``); at run time only those files are read, so a
wheel install without espeak-ng still hears every language.
"""
from __future__ import annotations

import subprocess
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import yaml

from adapters.speech.grammar import load_phrases, normalise
from adapters.speech.models import DICTS

TABLE = Path(__file__).with_name("phones.yml")


class UnknownSound(ValueError):
    """espeak-ng wrote an IPA sound the table does not map (add it to ``phones.yml``)."""


@dataclass(frozen=True)
class PhoneTable:
    """IPA sequence -> English model phones, for one locale; longest sequence first."""

    sounds: Mapping[str, tuple[str, ...]]
    ignore: str

    @classmethod
    def load(cls, locale: str, path: Path = TABLE) -> PhoneTable:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        table = {**data["common"], **(data.get(locale) or {})}
        sounds = {unicodedata.normalize("NFD", ipa): tuple(str(phones).split())
                  for ipa, phones in table.items()}
        return cls(sounds, unicodedata.normalize("NFD", data.get("ignore", "")))

    def phones(self, ipa: str) -> tuple[str, ...]:
        """``ipa`` (one word, as espeak-ng writes it) as English phones."""
        text = "".join(c for c in unicodedata.normalize("NFD", ipa)
                       if c not in self.ignore and not c.isspace())
        longest = max(map(len, self.sounds))
        out: list[str] = []
        i = 0
        while i < len(text):
            for size in range(min(longest, len(text) - i), 0, -1):
                if text[i:i + size] in self.sounds:
                    out += self.sounds[text[i:i + size]]
                    i += size
                    break
            else:
                raise UnknownSound(f"{text[i]!r} (U+{ord(text[i]):04X}) in {ipa!r}")
        return tuple(out)


def espeak_ipa(word: str, locale: str) -> str:
    """How espeak-ng's voice for ``locale`` says ``word`` on its own, in IPA."""
    result = subprocess.run(["espeak-ng", "-v", locale, "-q", "--ipa", word],
                            capture_output=True, check=True, text=True)
    return result.stdout.strip()


def command_words(locale: str) -> list[str]:
    """Every word of every command phrase of ``locale``, sorted."""
    return sorted({word for alternatives in load_phrases(locale).values()
                   for phrase in alternatives for word in normalise(phrase)})


def in_phrases(locale: str) -> dict[str, list[str]]:
    """word -> how it sounds inside the phrases of ``locale`` (IPA), where that differs from
    the word on its own: French liaison ("pas à pas": "paz a pa"), Spanish b/d/g between
    vowels. espeak-ng writes a phrase word by word, so its words line up with the phrase's."""
    found: dict[str, list[str]] = {}
    for alternatives in load_phrases(locale).values():
        for phrase in alternatives:
            words = normalise(phrase)
            sounds = espeak_ipa(" ".join(words), locale).split()
            if len(sounds) == len(words):
                for word, sound in zip(words, sounds):
                    found.setdefault(word, []).append(sound)
    return found


def dictionary_lines(locale: str, words: Iterable[str], table_path: Path = TABLE
                     ) -> list[str]:
    """pocketsphinx dictionary lines (``word PH ON ES``) for ``words`` in ``locale``: the
    word on its own, then (``word(2)`` ...) each other way the phrases say it."""
    table = PhoneTable.load(locale, table_path)
    contexts = in_phrases(locale)
    lines = []
    for word in words:
        variants = [table.phones(espeak_ipa(word, locale))]
        for sound in contexts.get(word, ()):
            phones = table.phones(sound)
            if phones not in variants:
                variants.append(phones)
        lines += [f"{word}{f'({n})' if n > 1 else ''} {' '.join(phones)}"
                  for n, phones in enumerate(variants, 1)]
    return lines


def dictionary_path(locale: str) -> Path:
    """The shipped dictionary of ``locale``'s command words (English model phones)."""
    return DICTS / f"{locale}.dict"
