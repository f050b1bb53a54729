"""Command words of fr, nl, de, it, es in the English model's phones: the IPA table, the
shipped dictionaries (complete and up to date), and a French phrase decoded with them."""
from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
import yaml

from adapters.speech.decoder import CommandDecoder, DecoderSettings, Thresholds, _phones_of
from adapters.speech.grammar import CommandGrammar, load_phrases
from adapters.speech.models import CROSS_TRAINED, find_model
from adapters.speech.pronounce import (TABLE, PhoneTable, UnknownSound, command_words,
                                       dictionary_lines, dictionary_path)
from tests.adapters import speech_corpus as corpus
from tests.adapters.speech_eval import english_model
from tests.adapters.speech_languages import LOCALES, VOICES

ENGLISH_PHONES = set(_phones_of(english_model().dictionary))


def test_ipa_becomes_english_phones_longest_sound_first() -> None:
    french = PhoneTable.load("fr")
    assert french.phones("ʁəkɔmˈɑ̃s") == ("R", "AH", "K", "AO", "M", "AA", "S")
    assert PhoneTable.load("de").phones("t‍suːrˈyk") == ("T", "S", "UW", "R", "UW", "K")
    assert PhoneTable.load("nl").phones("ɣˈaː") == ("HH", "AA")  # Dutch g: its own entry
    assert PhoneTable.load("es").phones("siɣjˈɛnte")[:3] == ("S", "IY", "G")
    with pytest.raises(UnknownSound, match=r"U\+0298"):
        french.phones("ʘa")  # a click: no English phone is near it, so none is guessed


def test_every_phone_of_the_table_is_one_the_english_model_has() -> None:
    data = yaml.safe_load(TABLE.read_text(encoding="utf-8"))
    used = {phone for section in ("common", *LOCALES) for phones in (data[section] or {})
            .values() for phone in str(phones).split()}
    assert used <= ENGLISH_PHONES, used - ENGLISH_PHONES


@pytest.mark.parametrize("locale", LOCALES)
def test_the_shipped_dictionary_knows_every_command_word(locale: str) -> None:
    lines = dictionary_path(locale).read_text(encoding="utf-8").splitlines()
    entries = dict(line.split(" ", 1) for line in lines)  # word or word(2) -> phones
    assert sorted({word.split("(")[0] for word in entries}) == command_words(locale)
    assert {p for phones in entries.values() for p in phones.split()} <= ENGLISH_PHONES


@pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng builds the files")
def test_the_shipped_dictionaries_are_what_the_script_writes_now() -> None:
    for locale in LOCALES:
        shipped = dictionary_path(locale).read_text(encoding="utf-8").splitlines()
        assert shipped == dictionary_lines(locale, command_words(locale)), \
            f"run scripts/make_voice_dicts.py {locale}"


def test_a_french_command_is_heard_with_the_english_model(tmp_path: Path) -> None:
    model = find_model("fr")
    assert model is not None and model.cross_language and model.locale == "fr"
    decoder = CommandDecoder(model)
    grammar = CommandGrammar.build("fr", load_phrases("fr"), decoder.knows)
    assert not grammar.dropped  # every French phrase is in the shipped dictionary
    decoder.set_grammar(grammar)
    voice = VOICES["fr"]["tune"][0]
    cache = corpus.corpus_dir(tmp_path / "corpus")
    rng = np.random.default_rng(1)
    said = corpus.mix(corpus.synthesise("lance le programme", voice, cache), corpus.CLEAN, rng)
    assert decoder.decode(said).command == "run"
    talk = corpus.mix(corpus.synthesise("je veux aller dehors", voice, cache), corpus.CLEAN, rng)
    assert decoder.decode(talk).command is None


@pytest.mark.parametrize("locale", LOCALES)
def test_a_trained_voice_of_each_language_gets_that_language_s_own_thresholds(
        locale: str) -> None:
    """Each language's pair was chosen on its own tuning split (scripts/
    tune_voice_languages.py); a trained model of that language must be judged by it."""
    model = find_model(locale)
    assert model is not None and model.cross_language and locale in CROSS_TRAINED
    trained = replace(model, trained=True)
    decoder = CommandDecoder(trained)
    assert decoder.thresholds == Thresholds(*CROSS_TRAINED[locale])
    assert CommandDecoder(replace(trained, trained=False)).thresholds == \
        DecoderSettings().bundled  # untrained: the bundled model's, as in English


def test_the_settings_say_training_is_needed_where_untrained_figures_miss_the_goal() -> None:
    """docs/VOICE.md's held-out figures, untrained: German and Spanish reach 90 % of both
    (their phrases of two words), French, Dutch and Italian understand too few commands."""
    needs = {locale: model.needs_training for locale in (*LOCALES, "en")
             if (model := find_model(locale)) is not None}
    assert needs == {"fr": True, "nl": True, "de": False, "it": True, "es": False,
                     "en": False}
