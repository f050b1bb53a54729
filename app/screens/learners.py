"""The learner picker: one big card per child (an animal and a name), no typing."""
from __future__ import annotations

from kivy.lang import Builder
from kivy.uix.boxlayout import BoxLayout

from accessibility.block_pictures import avatar_picture
from accessibility.scan_model import Group, LearnerRef, Target
from app.screens.base import ModelScreen
from app.ui.picture_button import PictureButton
from app.ui.style import rgba

Builder.load_file(__file__.replace(".py", ".kv"))

AVATAR_COLOURS = {"fox": "#E65100", "owl": "#6D4C41", "cat": "#7B1FA2", "frog": "#2E7D32",
                  "bee": "#F9A825", "whale": "#1565C0", "lion": "#EF8F00", "panda": "#37474F"}


class AvatarButton(PictureButton):
    """A learner's card: their animal's picture, their name and the animal's name."""


class LearnersScreen(ModelScreen):
    def __init__(self, ctx, **kwargs) -> None:
        super().__init__(ctx, name="learners", **kwargs)

    def show_model(self, root: Group, focus: str | None) -> None:
        body: BoxLayout = self.ids.body
        body.clear_widgets()
        style = self.ctx.style
        body.add_widget(self.title(self.ctx.text("app.group.learners"), scale=1.8))
        cards = self.stack(root, size_hint_y=1, spacing=style.target / 2)
        for child in root.children:
            if isinstance(child, Target):
                card = child.payload
                avatar = card.avatar if isinstance(card, LearnerRef) else "fox"
                name = self.ctx.label_of(child)
                animal = self.ctx.text(f"app.avatar.{avatar}")
                cards.add_widget(self.button(
                    child, text=f"{name}\n{animal}", cls=AvatarButton,
                    size_hint=(None, None), size=(style.target * 4, style.target * 4.4),
                    picture=avatar_picture(avatar), placement="top", picture_size=style.target * 2.4,
                    background=rgba(AVATAR_COLOURS.get(avatar, "#777777"), 0.18)))
        body.add_widget(cards)
