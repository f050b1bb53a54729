"""Voice training: one command phrase at a time, large, for the learner to say; the teacher
can skip a phrase or leave (``accessibility.presenters.voice_training_presenter``)."""
from __future__ import annotations

from kivy.lang import Builder

from accessibility.presenters.voice_training_presenter import DONE, FAILED, LEARNING
from accessibility.scan_model import Group, Target
from app.screens.base import ModelScreen

Builder.load_file(__file__.replace(".py", ".kv"))

MESSAGES = {LEARNING: "voice.training.learning", DONE: "voice.training.done_now",
            FAILED: "voice.training.failed"}  # else: listening


class VoiceTrainingScreen(ModelScreen):
    def __init__(self, ctx, learner_name, **kwargs) -> None:
        super().__init__(ctx, name="voice_training", **kwargs)
        self._learner_name = learner_name  # () -> the name of the learner being trained

    def show_model(self, root: Group, focus: str | None) -> None:
        text, params = self.ctx.text, root.params
        state = str(params["state"])
        listening = state not in MESSAGES
        self.ids.title.text = text("voice.training.title_for", name=self._learner_name())
        self.ids.progress.text = text("voice.training.progress", count=params["position"],
                                      total=params["total"]) if listening else ""
        self.ids.phrase.text = text("voice.hint.say", phrase=params["phrase"]) if listening else ""
        self.ids.message.text = text(
            MESSAGES.get(state, "voice.training.say_now"), name=self._learner_name(),
            count=params["recorded"], clips=params.get("clips", ""),
            seconds=params.get("seconds", ""), reason=params.get("reason", ""))
        choices = self.ids.choices
        choices.clear_widgets()
        row = self.grid(root, cols=2, size_hint_y=1)
        for target in root.children:
            if isinstance(target, Target):
                row.add_widget(self.button(target))
        choices.add_widget(row)
