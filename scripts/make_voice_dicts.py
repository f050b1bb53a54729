"""Write adapters/speech/dicts/<locale>.dict: each language's command words in the English
model's phones (espeak-ng's IPA through adapters/speech/phones.yml). Run it after editing
the phrases of i18n/voice.<locale>.yml or the phone table; it needs espeak-ng, the app does not.

    .venv/bin/python scripts/make_voice_dicts.py [fr nl de it es]
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from adapters.speech.pronounce import (  # noqa: E402
    command_words,
    dictionary_lines,
    dictionary_path,
)

LOCALES = ("fr", "nl", "de", "it", "es")  # English has the model's own dictionary


def main(locales: list[str]) -> None:
    for locale in locales or LOCALES:
        path = dictionary_path(locale)
        path.parent.mkdir(parents=True, exist_ok=True)
        lines = dictionary_lines(locale, command_words(locale))
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"{path}: {len(lines)} words")


if __name__ == "__main__":
    main(sys.argv[1:])
