"""The teacher's "Class sync" page: what sync is doing, the LRS address, user name and
password fields, then sending on/off and the connection test (sync_page_presenter.py).

The fields are real text inputs (a tablet's keyboard opens on a tap; Tab or Enter goes to
the next one); each change goes to the presenter's ``set_field``. The password field is
masked and starts empty every time: a saved password is never shown back.
"""
from __future__ import annotations

from collections.abc import Callable

from kivy.uix.boxlayout import BoxLayout
from kivy.uix.textinput import TextInput

from accessibility.presenters.sync_page_presenter import FIELDS
from accessibility.scan_model import Group
from app.screens.teacher_pages import TeacherPage

LABELS = {"endpoint": "sync.settings.address", "username": "sync.settings.username",
          "password": "sync.settings.password"}
INPUT_TYPES = {"endpoint": "url", "username": "text", "password": "text"}


class SyncScreen(TeacherPage):
    def __init__(self, ctx, presenter: Callable[[], object], **kwargs) -> None:
        super().__init__(ctx, name="sync", **kwargs)
        self._presenter = presenter  # the shown presenter (a SyncPagePresenter)
        self._shown_for: object = None
        self.fields: dict[str, TextInput] = {}
        for name in FIELDS:
            field = TextInput(multiline=False, size_hint_y=None, write_tab=False,
                              password=name == "password", input_type=INPUT_TYPES[name],
                              keyboard_suggestions=False)
            field.bind(text=self._typed(name), on_text_validate=self._next(name))
            self.fields[name] = field
        for name, following in zip(FIELDS, FIELDS[1:]):
            self.fields[name].focus_next = self.fields[following]

    def buttons(self, group: Group, width: float = 0.45, height: float = 1.6):
        """Wide enough that "Sending results: off. Select to turn it on." fits in two lines."""
        return super().buttons(group, width, height)

    def _typed(self, name: str):
        def typed(_field: TextInput, text: str) -> None:
            set_field = getattr(self._presenter(), "set_field", None)
            if set_field is not None:
                set_field(name, text)
        return typed

    def _next(self, name: str):
        """Enter: on to the next field; in the last one, save what was typed."""
        def validate(field: TextInput) -> None:
            if field.focus_next is not None:
                field.focus_next.focus = True
            else:
                self.ctx.choose("sync:save")
        return validate

    def extra(self, root: Group) -> None:
        """The status, then the three fields (the same widgets across redraws: what is
        typed, and the keyboard focus, stay)."""
        params, text = root.params, self.ctx.text
        presenter = self._presenter()
        body = self.ids.body
        lines = [text(str(params["status_key"]), **dict(params["status"])),
                 text("sync.page.waiting", count=params["waiting"])]
        if params["checked"]:
            lines.append(text(f"sync.check.{params['checked']}",
                              address=self.fields["endpoint"].text.strip()))
        body.add_widget(self.title("\n".join(lines), scale=0.9))
        if presenter is not self._shown_for:  # a page just opened: what is saved
            self._shown_for = presenter
            typed = getattr(presenter, "typed", {})
            for name, field in self.fields.items():
                field.text = "" if name == "password" else typed.get(name, "")
        if not params["password_typed"]:
            self.fields["password"].text = ""  # saved: never shown back
        for name, field in self.fields.items():
            body.add_widget(self._row(text(LABELS[name]), field))
            field.hint_text = (text("sync.page.password_hint") if name == "password"
                               and params["password_saved"] else "")
        if params["password_saved"]:
            body.add_widget(self.title(text("sync.settings.password_saved"), scale=0.8))

    def _row(self, label_text: str, field: TextInput) -> BoxLayout:
        """The label beside its field; a label that wraps makes the row taller."""
        style = self.ctx.style
        row = BoxLayout(size_hint_y=None, height=style.target * 1.2, spacing=style.target / 4)
        label = self.title(label_text, scale=0.9, size_hint_x=0.35)
        label.bind(height=lambda _label, height: setattr(row, "height",
                                                         max(style.target * 1.2, height)))
        row.add_widget(label)
        focused = field.focus
        if field.parent is not None:
            field.parent.remove_widget(field)
        field.font_size, field.size_hint = style.font, (0.65, None)
        field.height = style.target * 1.2
        row.add_widget(field)
        field.focus = focused
        return row

    def on_leave(self, *args) -> None:
        for field in self.fields.values():
            field.focus = False
