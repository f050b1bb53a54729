"""Real test audio for the voice commands: espeak-ng utterances, several voices, added noise.

Synthetic speech is easier than a classroom, so the corpus leans the other way where it can:
many voices and variants (male, female, British, American, Scottish, Caribbean, Klatt),
speeds from 130 to 200 words a minute, pitches from 30 to 75, white noise and babble (other
synthesised talk mixed in) at 20 and 10 dB SNR, and more out-of-grammar talk than commands.

Voices and out-of-grammar phrases come in disjoint splits: ``tune`` (where any threshold
may be chosen), ``held_out`` (where accuracy is reported), and ``confirm``, ``recheck`` and
``fresh``, each written later, before any result on it, to judge a change the earlier
splits had informed (see the note above each one's voices).

Clips are synthesised once per cache directory (one per test session, or a persistent one
named by ``CITIZENCODE_SPEECH_CORPUS``) in parallel threads; noise is mixed in memory with
a seeded generator, so every run hears exactly the same audio.
"""
from __future__ import annotations

import hashlib
import io
import os
import subprocess
import threading
import wave
from collections.abc import Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from adapters.speech.training import TrainingClip

RATE = 16_000
CORPUS_ENV = "CITIZENCODE_SPEECH_CORPUS"


@dataclass(frozen=True)
class Voice:
    """One espeak-ng voice (``-v``), speed in words a minute (``-s``) and pitch 0-99 (``-p``)."""

    name: str
    speed: int
    pitch: int

    @property
    def label(self) -> str:
        return f"{self.name}@{self.speed}wpm/p{self.pitch}"


@dataclass(frozen=True)
class Noise:
    """``floor`` is a quiet microphone (no digital silence), ``white`` broadband hiss,
    ``babble`` other children talking (synthesised sentences in other voices)."""

    kind: str
    snr_db: float

    @property
    def label(self) -> str:
        return "clean" if self.kind == "floor" else f"{self.kind} {self.snr_db:g} dB"


@dataclass(frozen=True)
class Utterance:
    """One test clip: what was said, the command it should give (None: must be rejected)."""

    text: str
    expected: str | None
    category: str  # command | near | word | sentence | chatter
    voice: Voice
    noise: Noise
    audio: bytes  # 16 kHz mono int16 little-endian

    @property
    def in_grammar(self) -> bool:
        return self.expected is not None


# -- voices ----------------------------------------------------------------------------------

TUNE_VOICES: tuple[Voice, ...] = (
    Voice("en-us", 160, 50),
    Voice("en+f3", 140, 65),
    Voice("en-gb+m3", 185, 40),
    Voice("en-us+klatt2", 150, 55),
    # two regional accents (not those of the held-out split), so the threshold is chosen on
    # talk as varied as the held-out voices': with US and southern British voices only, it
    # was chosen more lenient than accented voices need
    Voice("en-gb-x-gbclan+m2", 150, 45),
    Voice("en-gb-x-gbcwmd+f1", 165, 60),
)
HELD_OUT_VOICES: tuple[Voice, ...] = (
    Voice("en-gb", 130, 45),
    Voice("en+m3", 170, 35),
    Voice("en-us+f2", 200, 70),
    Voice("en-gb-scotland+f4", 150, 60),
    Voice("en-gb-x-rp+klatt", 175, 50),
    Voice("en-029+m1", 140, 30),
)
# Written on 2026-12-02, before any result on it, once the held-out split had been used to
# judge voice training (``speech_training``): voices, accents and talk used nowhere else.
# Only reported by ``speech_tuning``; never used to choose anything.
CONFIRM_VOICES: tuple[Voice, ...] = (
    Voice("en-us-nyc+m6", 160, 40),
    Voice("en-us+anika", 145, 65),
    Voice("en-gb-x-gbclan+f4", 175, 70),
    Voice("en-029+Annie", 165, 55),
    Voice("en+grandpa", 135, 35),
    Voice("en-gb-x-rp+m7", 190, 45),
)
# Written on 2026-12-02 (a later session), before any result on it, once the confirm split
# had been read at other thresholds than the one chosen (to re-choose how the trained
# threshold is chosen): voices and talk used nowhere else. Only reported, never used to
# choose anything.
RECHECK_VOICES: tuple[Voice, ...] = (
    Voice("en-us+linda", 155, 60),
    Voice("en-gb-x-gbcwmd+m5", 145, 40),
    Voice("en-gb-scotland+david", 170, 45),
    Voice("en-029+belinda", 150, 60),
    Voice("en+steph", 140, 75),
    Voice("en-gb+aunty", 185, 55),
)
# Written on 2026-12-02, before any result on it, once the recheck split had been read to
# choose a second rejection check for trained voices (the last word's own margin): voices
# and talk used nowhere else. Only reported, never used to choose anything.
FRESH_VOICES: tuple[Voice, ...] = (
    Voice("en-us+shelby", 150, 65),
    Voice("en-gb-x-gbclan+john", 165, 40),
    Voice("en-029+Andrea", 140, 60),
    Voice("en-gb-scotland+edward", 155, 45),
    Voice("en+grandma", 130, 55),
    Voice("en-gb-x-rp+travis", 180, 50),
)
VOICES_OF_SPLIT = {"tune": TUNE_VOICES, "held_out": HELD_OUT_VOICES, "confirm": CONFIRM_VOICES,
                   "recheck": RECHECK_VOICES, "fresh": FRESH_VOICES}
BABBLE_VOICES: tuple[Voice, ...] = (
    Voice("en-us+f1", 170, 60),
    Voice("en-gb+m2", 160, 45),
    Voice("en+f5", 180, 75),
    Voice("en-us+m4", 150, 40),
)

CLEAN = Noise("floor", 45.0)
NOISES: tuple[Noise, ...] = (
    CLEAN,
    Noise("white", 20.0),
    Noise("white", 10.0),
    Noise("babble", 20.0),
    Noise("babble", 10.0),
)
# The conditions the 90 % / 90 % target is stated over: what a child's close-talk or
# headset microphone gives (clean, or noise 20 dB below the speech). At 10 dB SNR (a noisy
# classroom, where people mishear too) the figures are reported and floored separately; the
# rejection threshold is chosen on the tuning split's target conditions only.
TARGET_NOISES: tuple[Noise, ...] = (CLEAN, Noise("white", 20.0), Noise("babble", 20.0))

# -- out-of-grammar talk (English) -----------------------------------------------------------
# ``near``: words and phrases that sound like commands or contain one but are not a whole
# command (the whole utterance must be the command); ``word``: single classroom words;
# ``sentence``/``chatter``: what a microphone mostly hears in a classroom.

OUT_OF_GRAMMAR: dict[str, dict[str, tuple[str, ...]]] = {
    "tune": {
        "near": ("neck", "next door", "text", "top", "shop", "pain", "yelp", "left",
                 "turn the page", "run to the door", "go outside", "stop talking",
                 "help him", "undone", "correct", "paint it red",
                 # near the phrases as chosen in 2026-12 (one per command): a word short,
                 # or a word changed
                 "take me home", "again", "pick up the car", "my program", "help me",
                 "repeat", "paint brush", "one step", "choose", "move it", "redo",
                 "previous"),
        "word": ("hello", "yes", "okay", "water", "pencil", "teacher", "lunch", "robot",
                 "seven", "banana"),
        "sentence": ("can I have a pencil please", "where is my bag",
                     "it is raining outside", "the cat is sleeping on the mat",
                     "I want to go home now"),
        "chatter": ("that's not fair", "look at my robot", "it's my turn", "oh no",
                    "I finished", "come here", "wow that is cool"),
    },
    "held_out": {
        "near": ("necks", "nest", "stopped", "plane", "right", "run away", "turn around",
                 "next time", "go home", "help her", "a step", "reset the clock",
                 "undo my shoe", "collecting", "forward it", "painting",
                 "bring me back", "begin", "look at the star", "run my bath",
                 "tell me please", "add a bead", "pink block", "do one more", "choose a book",
                 "remove your coat", "do that", "the previous page", "stop the music"),
        "word": ("no", "thank you", "table", "window", "green", "football", "mummy",
                 "twelve", "sandwich", "maybe"),
        "sentence": ("can I go to the toilet", "what are we doing today",
                     "my brother has a new bike", "we are going to the park after school",
                     "I don't know how to do this"),
        "chatter": ("be quiet please", "give it back", "I'm first", "good morning",
                    "I like this game", "miss I need help with my shoes", "sit down"),
    },
    "confirm": {
        "near": ("next one please", "the last one", "choose the red one", "take me home now",
                 "run my race", "stop the bus", "do the dishes", "begin now", "undo this",
                 "redo it", "remove that", "move back", "turn up", "turn it off",
                 "pick up the pen", "add a friend", "paint the wall", "help me up", "left",
                 "program"),
        "word": ("apple", "chair", "yellow", "friday", "garden", "sorry", "twenty", "monkey",
                 "please", "crayon"),
        "sentence": ("may I have some water", "the bus is late today",
                     "my sister plays the piano", "we had pizza for lunch",
                     "I can see a big red truck"),
        "chatter": ("stop it", "that's mine", "you're it", "not fair", "hurry up",
                    "look at this", "can you help me"),
    },
    "recheck": {
        "near": ("the next page", "previous day", "choose that one", "take me out",
                 "run my code", "stop the car", "do one more step", "begin the game",
                 "undo that", "redo the sum", "remove the lid", "move faster",
                 "turn the wheel", "turn it right", "pick up the stick", "add a pea",
                 "paint a flower", "help me now", "stop", "forward"),
        "word": ("orange", "pillow", "tuesday", "scissors", "thirty", "rabbit", "carpet",
                 "bottle", "kitchen", "blue"),
        "sentence": ("can we play outside now", "my dog is called max",
                     "the teacher is reading a book", "I lost my other glove",
                     "it is time for lunch"),
        "chatter": ("move over", "my go", "give me that", "look out", "that's funny",
                    "I did it", "where is it"),
    },
    "fresh": {
        "near": ("the next step", "previous turn", "choose this card", "take me there",
                 "run my engine", "stop the game", "do one thing", "begin at once",
                 "undo the knot", "redo my hair", "remove my hat", "move forward fast",
                 "turn off", "turn light", "pick up the toys", "add a rope", "paint box",
                 "help me find it", "back", "start again"),
        "word": ("purple", "cushion", "monday", "marble", "forty", "tiger", "puzzle", "basket",
                 "ruler", "snow"),
        "sentence": ("I want the blue one please", "the dog ran across the field",
                     "my grandma lives by the sea", "can I sit next to you",
                     "we are learning about planets"),
        "chatter": ("my turn now", "ha ha", "leave it", "I'm hungry", "stop pushing",
                    "where's my pencil", "that's too hard"),
    },
}

BABBLE_TEXTS: tuple[str, ...] = (
    "and then we went to the beach and my dad bought an ice cream",
    "no it's mine you had it yesterday give it to me",
    "look at the dinosaur it has got really big teeth",
    "my favourite colour is purple because it is pretty",
    "we are building a castle with the blue blocks over there",
    "she said we could play outside if it stops raining",
)


# -- synthesis -------------------------------------------------------------------------------

def _cache_key(text: str, voice: Voice) -> str:
    raw = f"{text}|{voice.name}|{voice.speed}|{voice.pitch}|{RATE}".encode()
    return hashlib.sha1(raw).hexdigest()[:20]


def _resample(samples: np.ndarray, rate_in: int) -> np.ndarray:
    """Band-limited resampling by FFT (espeak-ng speaks at 22 050 Hz; the recogniser wants
    16 kHz); cutting the spectrum at the new Nyquist avoids aliasing."""
    if rate_in == RATE:
        return samples.astype(np.float64)
    n_out = int(round(len(samples) * RATE / rate_in))
    spectrum = np.fft.rfft(samples.astype(np.float64))
    keep = n_out // 2 + 1
    spectrum = spectrum[:keep]
    if len(spectrum) < keep:
        spectrum = np.pad(spectrum, (0, keep - len(spectrum)))
    return np.fft.irfft(spectrum, n_out) * (n_out / len(samples))


def synthesise(text: str, voice: Voice, cache_dir: Path) -> np.ndarray:
    """The utterance as 16 kHz float samples (int16 scale), synthesised once per cache."""
    path = cache_dir / f"{_cache_key(text, voice)}.npy"
    if path.exists():
        return np.load(path)
    cache_dir.mkdir(parents=True, exist_ok=True)
    if path.exists():
        return np.load(path)
    result = subprocess.run(
        ["espeak-ng", "-v", voice.name, "-s", str(voice.speed), "-p", str(voice.pitch),
         "--stdout", text],
        capture_output=True, check=True)
    with wave.open(io.BytesIO(result.stdout)) as wav:
        rate = wav.getframerate()
        samples = np.frombuffer(wav.readframes(wav.getnframes()), dtype=np.int16)
    audio = _resample(samples, rate)
    tmp = path.with_suffix(f".{os.getpid()}-{threading.get_ident()}.tmp.npy")
    np.save(tmp, audio)
    tmp.replace(path)
    return audio


def synthesise_all(items: Iterable[tuple[str, Voice]], cache_dir: Path,
                   workers: int = 4) -> dict[tuple[str, Voice], np.ndarray]:
    """Synthesise many clips in parallel (espeak-ng runs as separate processes)."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    unique = list(dict.fromkeys(items))
    with ThreadPoolExecutor(max_workers=workers) as pool:
        audios = list(pool.map(lambda item: synthesise(item[0], item[1], cache_dir), unique))
    return dict(zip(unique, audios))


# -- noise -----------------------------------------------------------------------------------

def _speech_power(audio: np.ndarray) -> float:
    """Mean power over the 20 ms frames that carry speech (within 30 dB of the loudest)."""
    frame = RATE // 50
    usable = audio[: len(audio) // frame * frame].reshape(-1, frame)
    power = (usable**2).mean(axis=1)
    active = power[power > power.max() * 1e-3]
    return float(active.mean()) if len(active) else 1.0


def _babble(length: int, babble: Sequence[np.ndarray], rng: np.random.Generator) -> np.ndarray:
    """Several other voices talking at once, each starting at a random point and looping."""
    mix = np.zeros(length)
    for source in rng.choice(len(babble), size=min(3, len(babble)), replace=False):
        talk = babble[int(source)]
        talk = talk / np.sqrt(_speech_power(talk))
        start = int(rng.integers(0, len(talk)))
        looped = np.resize(np.roll(talk, -start), length)
        mix += looped
    return mix


def mix(speech: np.ndarray, noise: Noise, rng: np.random.Generator,
        babble: Sequence[np.ndarray] = (), lead: float = 0.4, tail: float = 0.4) -> bytes:
    """Speech with ``lead``/``tail`` seconds around it and noise at ``noise.snr_db`` dB SNR
    (speech power measured where speech is active), as int16 bytes."""
    padded = np.concatenate([np.zeros(int(lead * RATE)), speech, np.zeros(int(tail * RATE))])
    if noise.kind == "babble":
        if not babble:
            raise ValueError("babble noise needs babble clips")
        background = _babble(len(padded), babble, rng)
    else:
        background = rng.normal(0.0, 1.0, len(padded))
    background *= np.sqrt(_speech_power(speech) / 10 ** (noise.snr_db / 10)
                          / (background**2).mean())
    if noise.kind == "babble":  # a room is never digitally silent either
        background += rng.normal(0.0, 1.0, len(padded)) * np.sqrt(
            _speech_power(speech) / 10 ** (CLEAN.snr_db / 10))
    out = padded + background
    peak = np.abs(out).max()
    if peak > 32000:  # a microphone preamp would have been set lower
        out *= 32000 / peak
    return out.astype(np.int16).tobytes()


# -- sets ------------------------------------------------------------------------------------

def command_phrases(phrases: Mapping[str, Sequence[str]]) -> list[tuple[str, str]]:
    """(phrase, command) for every alternative of every command."""
    return [(phrase, command) for command, alts in phrases.items() for phrase in alts]


def out_of_grammar(split: str, locale: str = "en") -> list[tuple[str, str]]:
    """(text, category) of the out-of-grammar talk in ``split`` (``tune`` or ``held_out``),
    in ``locale`` (other languages: ``speech_languages``)."""
    if locale == "en":
        talk = OUT_OF_GRAMMAR[split]
    else:
        from tests.adapters.speech_languages import TALK
        talk = TALK[locale][split]
    return [(text, category) for category, texts in talk.items() for text in texts]


def voices_of(split: str, locale: str = "en") -> tuple[Voice, ...]:
    """The voices of ``split`` in ``locale``."""
    if locale == "en":
        return VOICES_OF_SPLIT[split]
    from tests.adapters.speech_languages import VOICES
    return VOICES[locale][split]


def build(phrases: Mapping[str, Sequence[str]], split: str, cache_dir: Path,
          noises: Sequence[Noise] = NOISES, voices: Sequence[Voice] | None = None,
          seed: int = 1, locale: str = "en") -> list[Utterance]:
    """Every command phrase and every out-of-grammar text of ``split`` in every voice of the
    split, under every noise condition (babble: English classroom talk in every locale)."""
    voices = tuple(voices or voices_of(split, locale))
    texts: list[tuple[str, str | None, str]] = [
        (phrase, command, "command") for phrase, command in command_phrases(phrases)]
    texts += [(text, None, category) for text, category in out_of_grammar(split, locale)]
    wanted = [(text, voice) for text, _, _ in texts for voice in voices]
    wanted += [(text, voice) for text in BABBLE_TEXTS for voice in BABBLE_VOICES]
    clips = synthesise_all(wanted, cache_dir)
    babble = [clips[(text, voice)] for text in BABBLE_TEXTS for voice in BABBLE_VOICES]
    rng = np.random.default_rng(seed)
    utterances = []
    for noise in noises:
        for voice in voices:
            for text, expected, category in texts:
                audio = mix(clips[(text, voice)], noise, rng, babble)
                utterances.append(Utterance(text, expected, category, voice, noise, audio))
    return utterances


def training_clips(voice: Voice, phrases: Mapping[str, Sequence[str]], cache_dir: Path,
                   seed: int = 7) -> list[TrainingClip]:
    """What a learner says to train the recogniser (``adapters.speech.training``): every
    command phrase twice, in ``voice`` but slower and higher, then faster and lower (0.85x
    speed, pitch +10; 1.15x, pitch -10) than its test clips, in a quiet room. espeak-ng says
    the same text the same way every time, so training on the test clips' own audio would
    measure memory, not adaptation."""
    renditions = (Voice(voice.name, round(voice.speed * 0.85), min(voice.pitch + 10, 99)),
                  Voice(voice.name, round(voice.speed * 1.15), max(voice.pitch - 10, 0)))
    texts = [phrase for phrase, _ in command_phrases(phrases)]
    clips = synthesise_all([(text, v) for v in renditions for text in texts], cache_dir)
    rng = np.random.default_rng(seed)
    return [TrainingClip(text, mix(clips[(text, v)], CLEAN, rng))
            for v in renditions for text in texts]


def corpus_dir(default: Path) -> Path:
    """The persistent cache named by ``CITIZENCODE_SPEECH_CORPUS``, else ``default``."""
    named = os.environ.get(CORPUS_ENV)
    return Path(named) if named else default


def write_wav(path: Path, audio: bytes) -> Path:
    """Save a clip, for listening to a failure or for the WAV-file benchmark API."""
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(RATE)
        wav.writeframes(audio)
    return path
