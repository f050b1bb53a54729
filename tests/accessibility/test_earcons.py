"""Earcons are played to a file through the narrator's sink and checked as audio."""
from __future__ import annotations

import itertools

import pytest

from accessibility.earcons import EARCONS, EarconPlayer, EarconSettings, earcon_path
from accessibility.audio_sink import STATUS_NO_AUDIO, FileSink, SpeechUnavailable, describe_wav


def player_to(sink: FileSink, **settings: object) -> EarconPlayer:
    return EarconPlayer(EarconSettings(**settings), sink_factory=lambda: sink)


def test_every_earcon_plays_to_a_short_audible_file(tmp_path) -> None:
    sink = FileSink(tmp_path)
    player = player_to(sink, volume=1.0)
    for name in EARCONS:
        player.play(name, wait=True)
    assert len(sink.files) == len(EARCONS)
    for name, path in zip(EARCONS, sink.files):
        info = describe_wav(path)
        assert 0.05 <= info.duration <= 1.0, (name, info)  # an earcon, not a tune
        assert info.rms > 0.05 and info.speech_seconds > 0.02, (name, info)
    recorded = [path.read_bytes()[44:] for path in sink.files]
    assert all(a != b for a, b in itertools.combinations(recorded, 2))


def test_volume_scales_the_sound_and_off_is_silent(tmp_path) -> None:
    sink = FileSink(tmp_path)
    player_to(sink, volume=1.0).play("goal", wait=True)
    player_to(sink, volume=0.25).play("goal", wait=True)
    loud, soft = (describe_wav(path).rms for path in sink.files)
    assert soft == pytest.approx(loud * 0.25, rel=0.05)
    assert player_to(sink, enabled=False).play("goal") is None
    assert player_to(sink, volume=0.0).play("star") is None
    assert len(sink.files) == 2


class NoDevice(FileSink):
    def open(self) -> None:
        raise SpeechUnavailable(STATUS_NO_AUDIO, "no card")


def test_a_missing_sound_device_silences_earcons_without_an_error(tmp_path) -> None:
    player = EarconPlayer(sink_factory=lambda: NoDevice(tmp_path))
    player.play("bump", wait=True)
    assert not player.unavailable  # one refusal: the device may only be busy
    for _ in range(EarconPlayer.GIVE_UP_AFTER - 1):
        player.play("bump", wait=True)
    assert player.unavailable and player.play("bump") is None


def test_unknown_earcons_are_named() -> None:
    with pytest.raises(KeyError, match="whistle"):
        earcon_path("whistle")


def test_world_steps_choose_one_earcon() -> None:
    from accessibility.earcons import world_earcon
    from app.workspace_session import WorldState
    from levels.world import Heading

    start = WorldState((1, 1), Heading.EAST)
    assert world_earcon(start, WorldState((1, 2), Heading.EAST), goal=(3, 3)) is None
    assert world_earcon(start, WorldState((1, 1), Heading.EAST, bumped=True), (3, 3)) == "bump"
    star = WorldState((1, 2), Heading.EAST, collected=frozenset({(1, 2)}))
    assert world_earcon(start, star, (3, 3)) == "star"
    assert world_earcon(start, WorldState((3, 3), Heading.EAST), (3, 3)) == "goal"


def test_sounds_are_read_only_when_first_played(tmp_path) -> None:
    from accessibility import earcons

    earcons._pcm.cache_clear()
    player = player_to(FileSink(tmp_path))
    assert earcons._pcm.cache_info().currsize == 0
    player.play("add", wait=True)
    assert earcons._pcm.cache_info().currsize == 1
