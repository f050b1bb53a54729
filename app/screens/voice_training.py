"""Voice training: one command phrase at a time, large, for the learner to say; the teacher
can skip a phrase or leave (``accessibility.presenters.voice_training_presenter``)."""
from __future__ import annotations

from kivy.lang import Builder

from accessibility.message import Message
from accessibility.scan_model import Group, Target
from app.screens.base import ModelScreen

Builder.load_file(__file__.replace(".py", ".kv"))


class VoiceTrainingScreen(ModelScreen):
    def __init__(self, ctx, **kwargs) -> None:
        super().__init__(ctx, name="voice_training", **kwargs)

    def show_model(self, root: Group, focus: str | None) -> None:
        """Texts as the presenter gives them (``VoiceTrainingPresenter.model``)."""
        text, params = self.ctx.text, root.params
        self.ids.title.text = self.ctx.label_of(root)
        progress, phrase = params["progress"], params["phrase"]
        self.ids.progress.text = (text(progress.key, **progress.params)
                                  if isinstance(progress, Message) else "")
        self.ids.phrase.text = text("voice.hint.say", phrase=phrase) if phrase else ""
        message = params["message"]
        self.ids.message.text = (text(message.key, **message.params)
                                 if isinstance(message, Message) else "")
        choices = self.ids.choices
        choices.clear_widgets()
        row = self.grid(root, cols=2, size_hint_y=1)
        for target in root.children:
            if isinstance(target, Target):
                row.add_widget(self.button(target))
        choices.add_widget(row)
