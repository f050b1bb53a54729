"""Voice training on real audio: espeak-ng clips, sphinxbase's front end, pocketsphinx."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from adapters.speech.adapter import SpeechAdapter
from adapters.speech.decoder import DecoderSettings, Segment, prepared, word_margin
from adapters.speech.grammar import load_phrases
from adapters.speech.models import SpeechModel
from adapters.speech.gaussians import read_gaussians, write_gaussians
from adapters.speech.training import (MEANS, VOICE_FILE, TrainingClip, TrainingError,
                                      TrainingSettings, _cepstra, _feature_params, can_train,
                                      forget, train, trained_model)
from tests.adapters import speech_corpus as corpus
from tests.adapters.speech_eval import OPEN, english_decoder, english_model, with_thresholds

VOICE = corpus.HELD_OUT_VOICES[0]  # en-gb at 130 words a minute: far from the US model


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return corpus.corpus_dir(tmp_path_factory.getbasetemp() / "speech-corpus")


@pytest.fixture(scope="module")
def clips(cache: Path) -> list[TrainingClip]:
    return corpus.training_clips(VOICE, load_phrases("en"), cache)


@pytest.fixture(scope="module")
def trained(clips, tmp_path_factory: pytest.TempPathFactory):
    return train(english_model(), clips, tmp_path_factory.mktemp("voices") / "en")


def test_a_rewritten_parameter_file_is_byte_for_byte_the_original(tmp_path: Path) -> None:
    """Header, values and sphinx's checksum: pocketsphinx refuses a file whose sum is off."""
    original = english_model().acoustic / MEANS
    gaussians = read_gaussians(original)
    assert gaussians.values.shape == (42, 3, 128, 13)
    write_gaussians(tmp_path / MEANS, gaussians, gaussians.values)
    assert (tmp_path / MEANS).read_bytes() == original.read_bytes()


def test_the_front_end_computes_what_pocketsphinx_computes(cache: Path) -> None:
    """Cepstra from sphinx_fe, decoded with process_cep, score exactly as the raw audio."""
    base = english_model()
    _, pcm = prepared(corpus.mix(corpus.synthesise("move forward", VOICE, cache), corpus.CLEAN,
                                 np.random.default_rng(0)), DecoderSettings())
    cepstra = _cepstra(pcm, _feature_params(base.acoustic))
    decoder = english_decoder()._decoder
    scores = []
    for feed in (lambda: decoder.process_raw(pcm, False, True),
                 lambda: decoder.process_cep(cepstra.astype(np.float32).tobytes(), False, True)):
        decoder.set_align_text("move forward")
        decoder.start_utt()
        feed()
        decoder.end_utt()
        scores.append(decoder.hyp().score)
    assert scores[0] == pytest.approx(scores[1], rel=1e-6)


def test_training_writes_a_model_that_loads_and_says_what_it_used(trained) -> None:
    assert trained.used == 36 and trained.skipped == ()
    assert 2000 < trained.frames < 6000  # about 20-60 s of speech, silence not counted
    model = trained.model
    assert model.trained and (model.acoustic / VOICE_FILE).exists()
    assert trained_model(model.acoustic, english_model()) == model
    decoder = english_decoder(model=model)
    assert decoder.thresholds == DecoderSettings().trained


def test_a_trained_voice_with_another_last_word_is_not_a_command(trained, cache: Path) -> None:
    """"Run my bath" fits "run my program" so well in its first two words that the whole
    phrase's margin passes; the last word's own margin against the phone loop does not."""
    utterances = corpus.build(load_phrases("en"), "held_out", cache, [corpus.CLEAN], [VOICE])
    talk = next(u for u in utterances if u.text == "run my bath")
    command = next(u for u in utterances if u.text == "run my program")
    decoder = english_decoder(model=trained.model)
    heard = decoder.decode(talk.audio)
    assert heard.text == "run my program" and heard.margin >= decoder.thresholds.margin, heard
    assert heard.reason == "low_last_word" and heard.command is None, heard
    said = decoder.decode(command.audio)
    assert said.command == "run" and said.last_word >= decoder.thresholds.last_word, said


def test_a_word_is_scored_against_the_phone_loop_over_its_own_frames() -> None:
    word = Segment("program", 10, 19, -1000.0)
    phones = [Segment("phone_p", 5, 14, -800.0),  # half of its 10 frames inside the word
              Segment("phone_r", 15, 19, -300.0), Segment("phone_ah", 20, 29, -900.0)]
    assert word_margin(word, phones) == pytest.approx((-1000.0 - (-400.0 - 300.0)) / 10)


@pytest.mark.slow  # decodes the corpus twice: a minute on a busy machine
def test_training_makes_the_voice_clearer(trained, cache: Path) -> None:
    """The voice's own test clips (other speed and pitch than its training clips), clean:
    with its trained model at its threshold, as many commands understood and more of its
    classroom talk rejected than with the bundled model at the bundled threshold."""
    utterances = corpus.build(load_phrases("en"), "held_out", cache, [corpus.CLEAN], [VOICE])
    outcome = {}
    for name, model, thresholds in (("bundled", english_model(), DecoderSettings().bundled),
                                    ("trained", trained.model, DecoderSettings().trained)):
        decoder = english_decoder(OPEN, model)
        results = with_thresholds([decoder.decode(u.audio) for u in utterances], thresholds)
        commands = np.mean([r.command == u.expected for u, r in zip(utterances, results)
                            if u.in_grammar])
        rejected = np.mean([r.command is None for u, r in zip(utterances, results)
                            if not u.in_grammar])
        outcome[name] = (commands, rejected)
    print(outcome)
    assert outcome["trained"][0] >= outcome["bundled"][0]
    assert outcome["trained"][1] >= outcome["bundled"][1] + 0.05


def test_bad_clips_are_skipped_and_too_few_keep_the_earlier_voice(clips, tmp_path: Path
                                                                   ) -> None:
    folder = tmp_path / "en"
    click = bytes(800 * 2)  # 50 ms
    silence = bytes(16_000 * 2)  # a second of nothing: no phrase can be aligned to it
    nonsense = TrainingClip("xyzzy plugh", clips[0].audio)
    report = train(english_model(), [TrainingClip("turn left", click),
                                     TrainingClip("move forward", silence), nonsense]
                   + clips[:8], folder)
    assert set(report.skipped) == {("turn left", "too_short"), ("move forward", "not_aligned"),
                                   ("xyzzy plugh", "unknown_word")}
    assert report.used == 8
    before = (folder / MEANS).read_bytes()
    with pytest.raises(TrainingError, match="at least 6") as failure:
        train(english_model(), clips[:3], folder, TrainingSettings())
    assert failure.value.key == "voice.training.too_few"  # what the teacher is told
    assert failure.value.params["used"] == 3 and failure.value.params["needed"] == 6
    assert (folder / MEANS).read_bytes() == before  # the earlier training is kept
    assert trained_model(folder, english_model()) is not None
    assert not list(folder.glob(".training-*"))  # no half-written model left behind


def test_the_adapter_uses_the_learners_trained_voice(trained) -> None:
    voice_dir = trained.model.acoustic.parent  # <voices>/<locale>
    adapter = SpeechAdapter(locale="en", voice_dir=voice_dir)
    decoder = adapter._load("en", None)
    assert decoder is not None and decoder.model == trained.model
    untrained = SpeechAdapter(locale="en", voice_dir=voice_dir / "nobody")._load("en", None)
    assert untrained is not None and not untrained.model.trained


def test_only_models_it_can_adapt_are_offered_for_training(tmp_path: Path) -> None:
    base = english_model()
    assert can_train(base)
    for source in base.acoustic.iterdir():
        (tmp_path / source.name).symlink_to(source)
    (tmp_path / "feat.params").unlink()
    (tmp_path / "feat.params").write_text("-feat s2_4x\n-cmn current\n")
    other = SpeechModel("en", tmp_path, base.dictionary)
    assert not can_train(other)
    with pytest.raises(TrainingError, match="s2_4x"):
        train(other, [], tmp_path / "voice")


def test_a_voice_trained_from_another_model_is_not_used(trained, tmp_path: Path) -> None:
    """After an upgrade of pocketsphinx's model, adapted means would not fit its mdef."""
    base = english_model()
    other = tmp_path / "en-us"
    other.mkdir()
    for source in base.acoustic.iterdir():
        if source.name != MEANS:
            (other / source.name).symlink_to(source)
    gaussians = read_gaussians(base.acoustic / MEANS)
    write_gaussians(other / MEANS, gaussians, gaussians.values * 1.01)
    upgraded = SpeechModel("en", other, base.dictionary)
    assert trained_model(trained.model.acoustic, base) is not None
    assert trained_model(trained.model.acoustic, upgraded) is None


def test_a_disk_without_links_gets_copies(trained, tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """A FAT-formatted USB stick as the data folder cannot hold symbolic links."""
    def no_links(self, target, target_is_directory=False):
        raise OSError("operation not permitted")

    folder = tmp_path / "en"
    folder.mkdir()
    for name in (MEANS, VOICE_FILE):
        (folder / name).write_bytes((trained.model.acoustic / name).read_bytes())
    monkeypatch.setattr(Path, "symlink_to", no_links)
    model = trained_model(folder, english_model())
    assert model is not None and not (folder / "mdef").is_symlink()
    assert (folder / "mdef").read_bytes() == (english_model().acoustic / "mdef").read_bytes()
    assert english_decoder(model=model).model.trained  # pocketsphinx loads the copies


def test_forgetting_removes_the_trained_voice(trained, tmp_path: Path) -> None:
    folder = tmp_path / "en"
    folder.mkdir()
    for name in (MEANS, VOICE_FILE):
        (folder / name).write_bytes((trained.model.acoustic / name).read_bytes())
    assert trained_model(folder, english_model()) is not None
    forget(folder)
    assert not folder.exists() and trained_model(folder, english_model()) is None
    forget(folder)  # nothing to forget: no error
