"""Voice training as a screen: the learner says each command phrase, twice, then the app
adapts the recogniser to that voice (``adapters.speech.training``, run by the controller).

A teacher sits beside the learner. The screen shows one phrase at a time, large; the
narrator reads it; what the microphone hears next is kept for it (``heard``). A phrase the
learner cannot say is skipped; leaving keeps nothing (an earlier training stays as it was).
The root group's ``params`` carry what the screen shows besides its buttons, and the
narrator says the prompts and the ``message()`` of each later step.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from accessibility.message import Message, MessageSink
from accessibility.presenters.base import ScreenPresenter
from accessibility.presenters.commands import CommandTable, ScreenCommand
from accessibility.scan_model import Group, Target

ROOT_ID = "voice_training"
ROUNDS = 2  # each phrase twice: about a minute of speech for the 18 English phrases
LISTENING, LEARNING, DONE, FAILED = "listening", "learning", "done", "failed"


@dataclass(frozen=True)
class Recording:
    """One phrase as the learner said it (16 kHz mono int16 bytes)."""

    phrase: str
    audio: bytes


class VoiceTrainingPresenter(ScreenPresenter):
    def __init__(self, phrases: list[str], learner: str, *,
                 on_say: MessageSink,
                 on_finish: Callable[[list[Recording]], None],
                 on_leave: Callable[[], None]) -> None:
        super().__init__()
        self._queue = [phrase for _ in range(ROUNDS) for phrase in phrases]
        self.learner = learner  # the name, as the screen and the narrator say it
        self._on_say = on_say  # said aloud by the narrator
        self._on_finish = on_finish
        self._on_leave = on_leave
        self.recordings: list[Recording] = []
        self.index = 0
        self.state = LISTENING
        self._outcome = Message("")  # once done or failed

    @property
    def phrase(self) -> str | None:
        return self._queue[self.index] if self.index < len(self._queue) else None

    def model(self) -> Group:
        listening = self.state == LISTENING
        return Group(ROOT_ID, "voice.training.title_for", [
            Target("training:skip", "voice.training.skip", self.skip, enabled=listening),
            Target("training:leave",
                   "voice.training.finish" if self.state in (DONE, FAILED)
                   else "voice.training.leave", self._on_leave,
                   enabled=self.state != LEARNING),  # a few seconds: then it is saved
        ], params={"name": self.learner, "phrase": self.phrase if listening else None,
                   "progress": self._progress() if listening else None,
                   "message": self.message()})

    def message(self) -> Message:
        """What the screen says under the phrase."""
        if self.state == LEARNING:
            return Message("voice.training.learning", {"count": len(self.recordings)})
        if self.state in (DONE, FAILED):
            return self._outcome
        return Message("voice.training.say_now")

    def _progress(self) -> Message:
        return Message("voice.training.progress",
                       {"count": self.index + 1, "total": len(self._queue)})

    def commands(self) -> CommandTable:
        """"Back" leaves (not while the voice is being learnt: a few seconds)."""
        return CommandTable([ScreenCommand("back", self._on_leave, "voice.training.leave",
                                           enabled=lambda: self.state != LEARNING,
                                           in_help=False)])

    def start(self) -> None:
        self._prompt()

    def heard(self, audio: bytes) -> None:
        """What the microphone heard next: the learner saying the current phrase."""
        if self.state != LISTENING or self.phrase is None:
            return
        self.recordings.append(Recording(self.phrase, audio))
        self._next()

    def skip(self) -> None:
        if self.state == LISTENING:
            self._next()

    def finished(self, phrases: int, seconds: float) -> None:
        self._end(DONE, "voice.training.done_now",
                  {"name": self.learner, "clips": phrases, "seconds": f"{seconds:.0f}"})

    def failed(self, key: str, params: dict[str, object]) -> None:
        """Training could not be done: ``key`` says why (``TrainingError.key``)."""
        self._end(FAILED, key, params)

    def _end(self, state: str, key: str, params: dict[str, object]) -> None:
        self.state, self._outcome = state, Message(key, params)
        self._publish(focus="training:leave")
        self._on_say(self.message())

    def _next(self) -> None:
        self.index += 1
        if self.phrase is None:
            self.state = LEARNING
            self._publish(focus=None)
            self._on_say(self.message())
            self._on_finish(list(self.recordings))
            return
        self._prompt()

    def _prompt(self) -> None:
        self._publish(focus=None)
        self._on_say(Message("voice.training.say",
                             {"phrase": self.phrase, **self._progress().params}))
