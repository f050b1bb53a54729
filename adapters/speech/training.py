"""Voice training: adapt the acoustic model to one learner from a minute of their commands.

The bundled model was trained on adult American speech; a child, an accent or a speech
difference sits far from it, and the decoder then cannot tell "paint block" from "pink
block" (see ``decoder``). Training asks the learner to say each command phrase a
couple of times, then moves the model's Gaussians towards that voice:

1. each clip is prepared as the decoder prepares audio (``decoder.prepared``),
   aligned to its phrase's phones by pocketsphinx, and turned into the model's own features
   by ``sphinx_fe`` (sphinxbase's front end: the same code and parameters as pocketsphinx's,
   so the features are what decoding computes);
2. MLLR: one affine transform per feature stream, estimated twice (the second time aligned
   with the first transform), moves every Gaussian, also of sounds the learner never said;
3. MAP: Gaussians the learner's clips did use move further towards them, by how much audio
   they saw (``TrainingSettings.map_weight`` frames of prior).

The result is a model folder: the adapted ``means`` plus links to the base model's other
files (copies where the disk has no links), and ``training.json`` (what it was trained
from). It stays on the device.

Only phonetically-tied models (the bundled English one: one codebook per base phone, and the
``1s_c_d_dd`` features) are supported; another model gives ``TrainingError``. Measured on
the test corpus (``tests/adapters/speech_tuning.py``), training with the 18 English phrases
said twice at another speed and pitch than the test clips lets the decoder reject far more
talk and understand more commands (clean and 20 dB noise; held-out voices: 93.2 % of
commands and 94.6 % of other talk rejected, against 91.7 % / 84.9 % untrained; voices and
talk of a split written after everything was chosen: 90.7 % / 92.3 %, against
65.4 % / 85.4 %); see ``DecoderSettings.trained``.
"""
from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from adapters.speech.decoder import PHONE_PREFIX, SAMPLE_RATE, DecoderSettings, prepared
from adapters.speech.gaussians import (Gaussians, accumulate, mllr, read_gaussians, transformed,
                                      write_gaussians)
from adapters.speech.models import SpeechModel

FRONT_END = "sphinx_fe"
SILENCE = "SIL"
VOICE_FILE = "training.json"
MEANS = "means"


CANNOT_RUN = "voice.training.cannot_run"  # i18n keys of what a teacher is told
TOO_FEW = "voice.training.too_few"


class TrainingError(RuntimeError):
    """Training cannot run or produced nothing usable: ``str()`` for the log, ``key`` and
    ``params`` (``detail`` is the log's text) for the teacher."""

    def __init__(self, detail: str, key: str = CANNOT_RUN, **params: object) -> None:
        super().__init__(detail)
        self.key = key
        self.params: dict[str, object] = {"detail": detail, **params}


@dataclass(frozen=True)
class TrainingClip:
    """One phrase as the learner said it (16 kHz mono int16 little-endian)."""

    phrase: str
    audio: bytes


@dataclass(frozen=True)
class TrainingSettings:
    """Knobs of the adaptation (not tuned on the test corpus: textbook values)."""

    mllr_passes: int = 2  # the second pass aligns with the first transform
    map_weight: float = 10.0  # frames of prior before a Gaussian follows the learner's audio
    min_clips: int = 6  # fewer usable clips than this is too little to adapt to


@dataclass(frozen=True)
class TrainingReport:
    """What training used: clips aligned, clips skipped (phrase, reason) and speech frames."""

    model: SpeechModel
    used: int
    skipped: tuple[tuple[str, str], ...]
    frames: int


# -- the model's files -------------------------------------------------------------------------

def _feature_params(acoustic: Path) -> dict[str, str]:
    params: dict[str, str] = {}
    path = acoustic / "feat.params"
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            parts = line.split()
            if len(parts) == 2 and parts[0].startswith("-"):
                params[parts[0]] = parts[1]
    return params


def _base_phones(acoustic: Path) -> list[str]:
    """The model's base phones in codebook order, from the binary ``mdef``: after its text
    description (padded to 32 bits) come ten int32 counts, then the names, NUL-terminated."""
    raw = (acoustic / "mdef").read_bytes()
    end = b"END FILE FORMAT DESCRIPTION\n"
    if not raw.startswith(b"BMDF") or end not in raw:
        raise TrainingError(f"{acoustic}/mdef is not a binary model definition")
    start = raw.index(end) + len(end)
    start += (-start) % 4
    n_ciphone = int(np.frombuffer(raw[start:start + 4], "<i4")[0])
    names = raw[start + 40:].split(b"\0")[:n_ciphone]
    return [name.decode("ascii") for name in names]


# -- features and alignment --------------------------------------------------------------------

def _cepstra(pcm: bytes, params: dict[str, str]) -> np.ndarray:
    """13 cepstra per 10 ms frame, from sphinxbase's front end with the model's parameters."""
    if shutil.which(FRONT_END) is None:
        raise TrainingError(f"{FRONT_END} is missing: run scripts/setup.sh "
                            "(Debian package sphinxbase-utils)")
    args = [FRONT_END, "-raw", "yes", "-input_endian", "little", "-samprate", str(SAMPLE_RATE),
            "-nfft", "512", "-remove_silence", "no"]
    for name in ("-lowerf", "-upperf", "-nfilt", "-transform", "-lifter", "-remove_noise"):
        if name in params:
            args += [name, params[name]]
    with tempfile.TemporaryDirectory(prefix="citizencode-voice-") as folder:
        raw, cep = Path(folder, "clip.raw"), Path(folder, "clip.mfc")
        raw.write_bytes(pcm)
        done = subprocess.run(args + ["-i", str(raw), "-o", str(cep)], capture_output=True)
        if done.returncode != 0 or not cep.exists():
            why = done.stderr.decode(errors="replace")[-300:]
            raise TrainingError(f"{FRONT_END} failed: {why}")
        data = cep.read_bytes()
    return np.frombuffer(data[4:], "<f4").astype(np.float64).reshape(-1, 13)


def features(cepstra: np.ndarray) -> np.ndarray:
    """``1s_c_d_dd`` with batch CMN, as pocketsphinx computes them: frames x 3 streams x 13
    (cepstra, their 2-frame deltas, and the deltas' deltas)."""
    c = cepstra - cepstra.mean(axis=0)
    padded = np.concatenate([c[:1].repeat(3, axis=0), c, c[-1:].repeat(3, axis=0)])
    n = len(c)

    def shifted(k: int) -> np.ndarray:
        return padded[3 + k: 3 + k + n]

    delta = shifted(2) - shifted(-2)
    delta2 = (shifted(3) - shifted(-1)) - (shifted(1) - shifted(-3))
    return np.stack([c, delta, delta2], axis=1)


def _phone_words(decoder, phrase: str) -> list[str]:
    words = []
    for word in phrase.split():
        phones = decoder.lookup_word(word)
        if phones is None:
            raise TrainingError(f"{word!r} is not in the dictionary")
        for phone in phones.split():
            name = PHONE_PREFIX + phone.lower()
            if decoder.lookup_word(name) is None:
                decoder.add_word(name, phone, True)
            words.append(name)
    return words


def _phones_per_frame(decoder, pcm: bytes, phrase: str, index: dict[str, int]
                      ) -> np.ndarray | None:
    """The base phone (codebook) of every frame, or None when the audio cannot be that phrase.

    The phrase is aligned as a string of one-phone words: the codebook depends only on the
    base phone in this kind of model, and pocketsphinx's state alignment fails on a frame
    count it disagrees with itself about."""
    words = _phone_words(decoder, phrase)
    try:
        decoder.set_align_text(" ".join(words))
        decoder.start_utt()
        decoder.process_raw(pcm, False, True)
        decoder.end_utt()
    except RuntimeError:
        return None
    if decoder.hyp() is None:
        return None
    frames = np.full(decoder.n_frames(), index[SILENCE])
    for seg in decoder.seg():
        if seg.word.startswith(PHONE_PREFIX):
            frames[seg.start_frame:seg.end_frame + 1] = index[seg.word[len(PHONE_PREFIX):].upper()]
    return frames


# -- estimation --------------------------------------------------------------------------------

# -- the trained model -------------------------------------------------------------------------

def _link_base(folder: Path, base: Path) -> None:
    """Every base model file but ``means`` in ``folder``: a link (renewed if the base moved),
    or a copy where the disk has no links (a FAT-formatted USB stick as the data folder)."""
    for source in base.iterdir():
        if source.name == MEANS:
            continue
        link = folder / source.name
        if link.is_symlink():
            if link.resolve() == source.resolve():
                continue
            link.unlink()
        elif link.exists():
            continue  # a copy, made where links cannot be
        try:
            link.symlink_to(source.resolve())
        except OSError:
            shutil.copyfile(source, link)


def _fingerprint(base: SpeechModel) -> str:
    """Which base model a voice was trained from: its name and a hash of its means."""
    digest = hashlib.sha1((base.acoustic / MEANS).read_bytes()).hexdigest()[:16]
    return f"{base.acoustic.name}:{digest}"


def trained_model(folder: Path, base: SpeechModel) -> SpeechModel | None:
    """The learner's trained model in ``folder`` for ``base``, or None if there is none (or
    it was trained from another model: the learner then trains again)."""
    try:
        voice = json.loads((folder / VOICE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if voice.get("base") != _fingerprint(base) or not (folder / MEANS).exists():
        return None  # none, or trained from another model (pocketsphinx was upgraded, say)
    try:
        _link_base(folder, base.acoustic)
    except OSError:
        return None
    return replace(base, acoustic=folder, bundled=False, trained=True)


def _trainable(base: SpeechModel) -> tuple[dict[str, str], Gaussians, list[str]]:
    """The model's feature parameters, means and base phones; ``TrainingError`` if it is
    not a kind this module can adapt."""
    params = _feature_params(base.acoustic)
    if params.get("-feat", "1s_c_d_dd") != "1s_c_d_dd":
        raise TrainingError(f"features {params['-feat']} are not supported for voice training")
    try:
        means = read_gaussians(base.acoustic / MEANS)
        phones = _base_phones(base.acoustic)
    except (OSError, ValueError) as error:
        raise TrainingError(f"{base.acoustic} cannot be read for voice training: {error}") from error
    if len(phones) != means.values.shape[0] or SILENCE not in phones:
        raise TrainingError(f"{base.acoustic} is not a model with one codebook per phone")
    return params, means, phones


def can_train(base: SpeechModel) -> bool:
    """Whether ``train`` can adapt this model (ask before a learner says 36 phrases)."""
    try:
        _trainable(base)
    except TrainingError:
        return False
    return True


def forget(folder: Path) -> None:
    """Remove the trained voice in ``folder`` (the learner goes back to the base model);
    ``OSError`` if the disk refuses."""
    if folder.exists():
        shutil.rmtree(folder)


def train(base: SpeechModel, clips: Sequence[TrainingClip], folder: Path,
          settings: TrainingSettings | None = None,
          decoder_settings: DecoderSettings | None = None) -> TrainingReport:
    """Adapt ``base`` to the voice in ``clips``; the model is written to ``folder`` (replacing
    an earlier one only once the new one is complete)."""
    from pocketsphinx import Decoder

    settings = settings or TrainingSettings()
    decoder_settings = decoder_settings or DecoderSettings()
    params, means, phones = _trainable(base)
    try:
        variances = np.maximum(read_gaussians(base.acoustic / "variances").values, 1e-4)
    except (OSError, ValueError) as error:
        raise TrainingError(f"{base.acoustic} cannot be read for voice training: {error}") from error
    index = {phone: i for i, phone in enumerate(phones)}

    prepared_clips, too_short = [], []
    for clip in clips:
        samples, pcm = prepared(clip.audio, decoder_settings)
        if len(samples) < decoder_settings.min_seconds * SAMPLE_RATE:  # a click, or nothing
            too_short.append((clip.phrase, "too_short"))
            continue
        prepared_clips.append((clip.phrase, pcm, features(_cepstra(pcm, params))))

    folder.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".training-", dir=folder))
    try:
        current = means.values
        skipped: list[tuple[str, str]] = []
        aligned: list[tuple[np.ndarray, np.ndarray]] = []
        for attempt in range(settings.mllr_passes + 1):
            hmm = base.acoustic
            if attempt:
                _link_base(work, base.acoustic)
                write_gaussians(work / MEANS, means, current)
                hmm = work
            decoder = Decoder(hmm=str(hmm), dict=str(base.dictionary), lm=None,
                              loglevel="FATAL", beam=decoder_settings.beam,
                              pbeam=decoder_settings.beam, wbeam=decoder_settings.word_beam)
            skipped, aligned = list(too_short), []
            for phrase, pcm, feats in prepared_clips:
                try:
                    frames = _phones_per_frame(decoder, pcm, phrase, index)
                except TrainingError:  # a word the dictionary does not know
                    skipped.append((phrase, "unknown_word"))
                    continue
                if frames is None:
                    skipped.append((phrase, "not_aligned"))
                else:
                    aligned.append((frames, feats))
            if len(aligned) < settings.min_clips:
                raise TrainingError(f"only {len(aligned)} of {len(clips)} clips could be "
                                    f"used; at least {settings.min_clips} are needed",
                                    TOO_FEW, used=len(aligned), total=len(clips),
                                    needed=settings.min_clips)
            stats = accumulate(aligned, current, variances)
            if attempt < settings.mllr_passes:
                a, b = mllr(stats, means.values, variances)
                current = transformed(means.values, a, b)
        occupancy = stats.occupancy[..., None]
        adapted = (settings.map_weight * current + stats.first) / (settings.map_weight + occupancy)
        write_gaussians(work / MEANS, means, adapted)
        speech_frames = int(sum(int((f != index[SILENCE]).sum()) for f, _ in aligned))
        (work / VOICE_FILE).write_text(json.dumps({
            "base": _fingerprint(base), "locale": base.locale, "clips": len(aligned),
            "speech_seconds": speech_frames / 100, "map_weight": settings.map_weight}),
            encoding="utf-8")
        (work / MEANS).replace(folder / MEANS)
        (work / VOICE_FILE).replace(folder / VOICE_FILE)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    model = trained_model(folder, base)
    if model is None:
        raise TrainingError(f"the trained model in {folder} cannot be read back")
    return TrainingReport(model, len(aligned), tuple(skipped), speech_frames)


