"""Educator settings: the learner's way of playing, language, look, help and timings, with a
live preview of the scanning and a switch test area. Reached through the lock only."""
from __future__ import annotations

from kivy.lang import Builder
from kivy.uix.boxlayout import BoxLayout
from kivy.uix.textinput import TextInput

from accessibility.clock import Clock
from accessibility.profiles import AccessProfile
from accessibility.scan_model import Group, ScanNode, Target
from accessibility.scanner import Scanner, ScanMode, ScanSettings
from adapters.events import InputEvent
from app.screens.base import ModelScreen, short_window
from app.ui.widgets import Highlighter

Builder.load_file(__file__.replace(".py", ".kv"))

PREVIEW_BLOCKS = ("move_forward", "turn_left", "turn_right")
SWITCH_ROLE_TEXT = {"talk": "app.settings.switch_talk", "bound": "app.settings.switch_bound",
                    "unbound": "app.settings.switch_unbound"}  # AccessProfile.switch_role


def _ids(group: Group) -> list[str]:
    """The group's id and every id below it."""
    return [group.id] + [node_id for child in group.children for node_id in
                         (_ids(child) if isinstance(child, Group) else [child.id])]


class SettingsScreen(ModelScreen):
    def __init__(self, ctx, clock: Clock, learner_name, on_rename, **kwargs) -> None:
        super().__init__(ctx, name="settings", **kwargs)
        self.clock = clock
        self._learner_name = learner_name  # () -> the name of the learner being set up
        self._on_rename = on_rename
        self._preview_scanner: Scanner | None = None
        self._preview_lights = Highlighter()
        self._section_of: dict[str, str] = {}  # node id -> the section tab it is in
        self._shown_section = ""

    def follow(self, node: ScanNode | None) -> None:
        """A scanning teacher's highlight entered a section not shown: show its tab."""
        section = self._section_of.get(node.id) if node is not None else None
        if section and section != self._shown_section:
            self._shown_section = section  # before: the new model highlights again
            self.ctx.choose(f"section:{section}")

    def show_model(self, root: Group, focus: str | None) -> None:
        """Save and the section tabs on top; below, only the chosen section (its tab is
        ``chosen``); the player's name field in the "player" section."""
        self.ids.title.text = self.ctx.text("app.settings.title")
        top: BoxLayout = self.ids.top
        top.clear_widgets()
        body: BoxLayout = self.ids.sections
        body.clear_widgets()
        groups = [g for g in root.children if isinstance(g, Group)]
        if short_window(self.ctx.style.target) and len(groups) > 1:
            top.add_widget(self._one_row(groups[0], groups[1]))
        else:
            for group in groups[:2]:  # save/leave, then the tabs
                top.add_widget(self._buttons(group, 0.25, 1.2))
        tabs = groups[1].children if len(groups) > 1 else []
        chosen = next((t.id.split(":", 1)[1] for t in tabs if t.params.get("chosen")), "")
        section = next((g for g in groups[2:] if g.id.endswith(f":{chosen}")), None)
        self._shown_section = section.id.rsplit(":", 1)[-1] if section is not None else ""
        self._section_of = {node_id: group.id.rsplit(":", 1)[-1] for group in groups[2:]
                            for node_id in _ids(group)}
        if section is not None and section.id.endswith(":player"):
            body.add_widget(self._name_row())
        for child in section.children if section is not None else []:
            if isinstance(child, Group) and child.id.startswith("settings:timing"):
                body.add_widget(self.title(self.ctx.label_of(child), scale=1.1))
                for stepper in child.children:
                    if isinstance(stepper, Group):
                        body.add_widget(self._stepper(stepper))
            elif isinstance(child, Group):
                body.add_widget(self.title(self.ctx.label_of(child), scale=1.1))
                body.add_widget(self._buttons(child, 0.33, 1.8))
            elif isinstance(child, Target):
                body.add_widget(self._buttons(Group(child.id + ":alone", "", [child]),
                                              0.5, 1.4))
        body.add_widget(self.title(self.ctx.text("look.credits.pictures"), scale=0.8))  # about
        self.ids.switch_test_title.text = self.ctx.text("app.settings.switch_test")
        if not self.ids.switch_test.text:
            self.ids.switch_test.text = self.ctx.text("app.settings.press_a_switch")
        self.ids.preview_title.text = self.ctx.text("app.settings.preview")

    def _buttons(self, group: Group, width: float, height: float):
        style = self.ctx.style
        stack = self.stack(group, size_hint_y=None)
        stack.bind(minimum_height=stack.setter("height"))
        for target in group.children:
            if isinstance(target, Target):
                stack.add_widget(self.button(target, text=self._text(target),
                                             size_hint=(width, None),
                                             height=style.target * height, grow=True))
        return stack

    def _one_row(self, actions: Group, tabs: Group) -> BoxLayout:
        """Save, leave and the four tabs on one row: on a small tablet two rows of them
        left the chosen section a strip at the bottom."""
        row = BoxLayout(size_hint_y=None, spacing=self.ctx.style.target / 4)
        stacks = [self._buttons(actions, 0.5, 1.2), self._buttons(tabs, 0.25, 1.2)]
        for stack, share in zip(stacks, (0.34, 0.66)):
            stack.size_hint_x = share
            stack.bind(height=lambda *_: setattr(row, "height", max(s.height for s in stacks)))
            row.add_widget(stack)
        return row

    def _stepper(self, group: Group) -> BoxLayout:
        """"Time on each item (seconds): 1.0 s" between a − and a + button."""
        style = self.ctx.style
        row = self.frame(group, orientation="horizontal", size_hint_y=None,
                         height=style.target * 1.5)
        down, up = [t for t in group.children if isinstance(t, Target)]
        row.add_widget(self.button(down, text="−", size_hint_x=0.15))
        row.add_widget(self.title(self.ctx.label_of(group), scale=1.0, size_hint_y=1,
                                  halign="center"))
        row.add_widget(self.button(up, text="+", size_hint_x=0.15))
        return row

    def _text(self, target: Target) -> str:
        text = self.ctx.label_of(target)
        if target.id.startswith("toggle:"):
            state = self.ctx.text("app.settings.on" if target.params.get("chosen")
                                  else "app.settings.off")
            text = f"{text}: {state}"
        return text

    def _name_row(self) -> BoxLayout:
        style = self.ctx.style
        row = BoxLayout(size_hint_y=None, height=style.target * 1.1, spacing=style.target / 4)
        label = self.title(self.ctx.text("app.settings.player_name"), scale=1.0,
                           size_hint_x=0.35)
        # a label that wraps (German: two lines) makes the row taller instead of spilling
        label.bind(height=lambda _label, height: setattr(row, "height",
                                                         max(style.target * 1.1, height)))
        row.add_widget(label)
        field = TextInput(text=self._learner_name(), multiline=False,
                          font_size=style.font)
        field.bind(on_text_validate=lambda widget: self._on_rename(widget.text),
                   focus=lambda widget, focused: None if focused else self._on_rename(widget.text))
        row.add_widget(field)
        return row

    # -- switch test and preview ----------------------------------------------------------

    def switch_tested(self, event: InputEvent, role: str, device_key: str | None) -> None:
        """``role``: ``AccessProfile.switch_role`` of the switch (talk, bound, unbound);
        ``device_key``: the i18n key of the device's name, if known."""
        key = "app.settings.switch_pressed" if event.pressed else "app.settings.switch_released"
        device = self.ctx.text(device_key) if device_key else event.source
        named = self.ctx.text("app.settings.switch_named", device=device, control=event.control)
        self.ids.switch_test.text = "\n".join((
            self.ctx.text(key, control=named),
            self.ctx.text(SWITCH_ROLE_TEXT[role], control=named),
            self.ctx.text("app.settings.switch_id", id=event.id)))  # for profile files

    def preview(self, profile: AccessProfile) -> None:
        """Scan three blocks with the draft's speed and look: what the learner will see."""
        self.stop_preview()
        box = self.ids.preview
        box.clear_widgets()
        self._preview_lights = Highlighter()
        style = self.ctx.style
        group = Group("preview", "app.settings.preview", [
            Target(f"preview:{kind}", f"blocks.{kind}.label", lambda: None)
            for kind in PREVIEW_BLOCKS])
        for target in group.children:
            assert isinstance(target, Target)
            button = self.button(target)
            self.ctx.highlighter.widgets.pop(target.id, None)  # not part of the screen's model
            self._preview_lights.register(button)
            box.add_widget(button)
        settings = ScanSettings(mode=ScanMode.AUTO, interval=profile.scan_interval,
                                first_item_delay=profile.first_item_delay, loops=1000)
        self._preview_scanner = Scanner(self.clock, group, settings)
        self._preview_scanner.on_highlight(self._preview_lights.show)
        self._preview_scanner.start()
        self._preview_lights.style_all(style.highlight, style.highlight_width)

    def stop_preview(self) -> None:
        if self._preview_scanner is not None:
            self._preview_scanner.stop()
            self._preview_scanner = None

    def on_leave(self, *args) -> None:
        self.stop_preview()
