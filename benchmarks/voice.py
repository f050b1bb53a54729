"""Voice commands: decoding time after the end of an utterance, accuracy and out-of-grammar
rejection on the synthesised test corpus, beside SpeechRecognition's ``recognize_sphinx``
without a grammar on the same audio.

Needs the speech adapter's decoder (``adapters/speech*.py``) and the corpus generator
(``tests/adapters/speech_corpus.py``); until both exist this reports a blocked row.
"""
from __future__ import annotations

import importlib.util

from benchmarks.report import Figure, blocked

NAME = "voice"


def missing() -> str | None:
    """Why the voice benchmark cannot run yet, or ``None``."""
    if importlib.util.find_spec("adapters.speech") is None:
        return "adapters/speech.py (the grammar decoder) is not in the repository yet"
    if importlib.util.find_spec("tests.adapters.speech_corpus") is None:
        return "tests/adapters/speech_corpus.py (the test corpus) is not in the repository yet"
    return None


def run(quick: bool = False) -> list[Figure]:
    reason = missing()
    if reason is not None:
        return [blocked(NAME, "decoding time, accuracy, rejection", reason)]
    return [blocked(NAME, "decoding time, accuracy, rejection", "not written yet")]
