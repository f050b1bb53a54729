"""The teacher's pages, behind the educator's lock: the class view (a row per child with a
small independence chart), a child's levels, their report, a new player, a yes-or-no.

Each draws its presenter's scan model: the leave/save group stays on top, outside the
scroll, so it is always in sight; the rest scrolls.
"""
from __future__ import annotations

from collections.abc import Callable

from kivy.lang import Builder
from kivy.uix.boxlayout import BoxLayout
from kivy.uix.gridlayout import GridLayout
from kivy.uix.label import Label
from kivy.uix.textinput import TextInput

from accessibility.block_pictures import avatar_picture
from accessibility.scan_model import Group, Target
from app.screens.base import ModelScreen, short_window
from app.teacher.progress_data import HELP_NAMES, ChildReport, skill_key
from app.ui.chart import IndependenceChart
from app.ui.picture_button import PictureButton

Builder.load_file(__file__.replace(".py", ".kv"))


class TeacherPage(ModelScreen):
    """Groups of buttons under their titles; the first group (leave, save) on top."""

    extra_first = True  # the page's own part (a field, a preview) before its other groups

    def show_model(self, root: Group, focus: str | None) -> None:
        self.ids.title.text = self.ctx.label_of(root)
        self.ids.top.clear_widgets()
        self.ids.body.clear_widgets()
        groups = [g for g in root.children if isinstance(g, Group)]
        if groups:
            self.ids.top.add_widget(self.buttons(groups[0], width=0.3, height=self.top_height()))
        if self.extra_first:
            self.extra(root)
        for group in groups[1:]:
            self.draw_group(group)
        if not self.extra_first:
            self.extra(root)

    def extra(self, root: Group) -> None:
        """What a page shows beside its buttons (a text field, a preview)."""

    def draw_group(self, group: Group) -> None:
        body = self.ids.body
        body.add_widget(self.title(self.ctx.label_of(group), scale=1.1))
        body.add_widget(self.buttons(group))

    def top_height(self) -> float:
        """The buttons on top, lower on a small tablet: the page below keeps room."""
        return 1.1 if short_window(self.ctx.style.target) else 1.6

    def buttons(self, group: Group, width: float = 0.25, height: float = 1.6):
        style = self.ctx.style
        stack = self.stack(group, size_hint_y=None)
        stack.bind(minimum_height=stack.setter("height"))
        for target in group.children:
            if isinstance(target, Target):
                stack.add_widget(self.button(target, size_hint=(width, None),
                                             height=style.target * height, grow=True))
        return stack

    def label(self, text: str, scale: float = 1.0, **kwargs: object) -> Label:
        return self.title(text, scale=scale, **kwargs)


class ClassViewScreen(TeacherPage):
    def __init__(self, ctx, **kwargs) -> None:
        super().__init__(ctx, name="class", **kwargs)

    def draw_group(self, group: Group) -> None:
        body = self.ids.body
        body.add_widget(self.title(self.ctx.label_of(group), scale=1.1))
        for row in group.children:
            if isinstance(row, Group):
                body.add_widget(self._row(row))

    def _row(self, row: Group) -> BoxLayout:
        style, p, text = self.ctx.style, row.params, self.ctx.text
        box = BoxLayout(size_hint_y=None, height=style.target * 3.4, spacing=style.target / 4)
        about = BoxLayout(orientation="vertical", size_hint_x=0.45)
        about.add_widget(self.label(str(p["name"]), scale=1.2))
        about.add_widget(self.label(text(
            "teacher.class.line", track=text(f"levels.track.{p['track']}.title"),
            stars=p["stars"], solved=p["solved"], levels=p["levels"], attempts=p["attempts"],
            last=p["last"] or text("teacher.class.never")), scale=0.8))
        box.add_widget(about)
        scores: tuple[float, ...] = tuple(p.get("independence") or ())  # type: ignore[arg-type]
        chart_box = BoxLayout(orientation="vertical", size_hint_x=0.25)
        chart_box.add_widget(self.label(text("teacher.class.chart" if scores
                                             else "teacher.class.no_chart"), scale=0.7))
        chart_box.add_widget(IndependenceChart(scores, style.highlight,
                                               style.colour("surface")))
        box.add_widget(chart_box)
        actions = self.frame(row, orientation="vertical", size_hint_x=0.3)
        for target in row.children:
            if isinstance(target, Target):
                actions.add_widget(self.button(target))
        box.add_widget(actions)
        return box


class AssignScreen(TeacherPage):
    def __init__(self, ctx, **kwargs) -> None:
        super().__init__(ctx, name="assign", **kwargs)

    def buttons(self, group: Group, width: float = 0.2, height: float = 1.6):
        return super().buttons(group, width, height)


class ReportScreen(TeacherPage):
    extra_first = False  # where to save first, then the preview
    def __init__(self, ctx, preview: Callable[[], object], **kwargs) -> None:
        super().__init__(ctx, name="report", **kwargs)
        self._preview = preview  # the shown presenter's ChildReport

    def buttons(self, group: Group, width: float = 0.5, height: float = 1.6):
        return super().buttons(group, width, height)

    def extra(self, root: Group) -> None:
        report = self._preview()
        if not isinstance(report, ChildReport):
            return
        text, body, style = self.ctx.text, self.ids.body, self.ctx.style
        body.add_widget(self.title(text("teacher.report.by_skill"), scale=1.1))
        head = [text("teacher.report.skill"), text("teacher.report.levels_solved"),
                text("teacher.report.stars"), text("teacher.report.attempts"),
                *[text(f"teacher.help.{name}") for name in HELP_NAMES]]
        grid = GridLayout(cols=len(head), size_hint_y=None, spacing=4)
        grid.bind(minimum_height=grid.setter("height"))
        for line in [head] + [[self._skill(s.skill), s.levels_solved, s.stars, s.attempts,
                               *s.help] for s in report.skills]:
            for cell in line:
                grid.add_widget(self.label(str(cell), scale=0.75))
        body.add_widget(grid)
        body.add_widget(self.title(text("teacher.report.independence"), scale=1.1))
        body.add_widget(IndependenceChart(report.independence, style.highlight,
                                          style.colour("surface"), size_hint_y=None,
                                          height=style.target * 2))

    def _skill(self, skill: str) -> str:
        return self.ctx.text(skill_key(skill, self.ctx.translator.has))


class NewPlayerScreen(TeacherPage):
    def __init__(self, ctx, on_name: Callable[[str], None], **kwargs) -> None:
        super().__init__(ctx, name="new_player", **kwargs)
        self._on_name = on_name
        self._field: TextInput | None = None

    def extra(self, root: Group) -> None:
        """The same field across redraws: what is typed, and the keyboard focus, stay."""
        style = self.ctx.style
        body = self.ids.body
        body.add_widget(self.title(self.ctx.text("teacher.player.name"), scale=1.1))
        field = self._field
        if field is None:
            field = self._field = TextInput(multiline=False, size_hint_y=None)
            field.bind(text=lambda _widget, value: self._on_name(value))
        focused = field.focus
        if field.parent is not None:
            field.parent.remove_widget(field)
        field.font_size, field.height = style.font, style.target * 1.2
        body.add_widget(field)
        field.focus = focused

    def draw_group(self, group: Group) -> None:
        """The animals as their pictures, as on the learner's card: a child choosing their
        own animal need not read its name."""
        if group.id != "player:avatars":
            super().draw_group(group)
            return
        style, body = self.ctx.style, self.ids.body
        body.add_widget(self.title(self.ctx.label_of(group), scale=1.1))
        stack = self.stack(group, size_hint_y=None)
        stack.bind(minimum_height=stack.setter("height"))
        for target in group.children:
            if not isinstance(target, Target):
                continue
            stack.add_widget(self.button(
                target, cls=PictureButton, size_hint=(0.25, None), height=style.target * 1.6,
                grow=True, picture=avatar_picture(getattr(target.payload, "avatar", "")),
                picture_size=style.target * 1.2))
        body.add_widget(stack)

    def on_pre_enter(self, *args) -> None:
        if self._field is not None:
            self._field.text = ""  # a new player each time

    def on_enter(self, *args) -> None:
        if self._field is not None:
            self._field.focus = True


class ConfirmScreen(TeacherPage):
    def __init__(self, ctx, **kwargs) -> None:
        super().__init__(ctx, name="confirm", **kwargs)

    def show_model(self, root: Group, focus: str | None) -> None:
        self.ids.title.text = self.ctx.label_of(root)
        self.ids.top.clear_widgets()
        self.ids.body.clear_widgets()
        self.ids.top.add_widget(self.buttons(root, width=0.45, height=self.top_height()))
