"""The Kivy application: builds the services, the controller and the screens, and feeds
the controller from the hub once per frame (one trigger; device threads only enqueue)."""
from __future__ import annotations

import logging
import os

from kivy.app import App
from kivy.clock import Clock
from kivy.core.window import Keyboard, Window
from kivy.lang import Builder
from kivy.metrics import dp
from kivy.properties import ColorProperty, NumericProperty
from kivy.uix.floatlayout import FloatLayout
from kivy.uix.textinput import TextInput

from accessibility.earcons import EarconPlayer, settings_of
from accessibility.message import Message
from accessibility.narrator import Caption
from accessibility.scan_model import LevelRef, ScanNode, Target
from adapters.keyboard import KeyboardSwitch, ScreenSwitch
from app.controller import COMPLETE, EDUCATOR_SCREENS, SETTINGS, WORKSPACE, AppController
from app.crash_guard import CrashGuard, install
from app.kivy_clock import KivyClock
from app.options import Options
from app.pointer_input import PointerInput
from app.screens.base import ModelScreen, UiContext
from app.screens.career import CareerScreen
from app.screens.complete import CompleteScreen
from app.screens.learners import LearnersScreen
from app.screens.level_map import LevelMapScreen
from app.screens.maker import MakerScreen
from app.screens.settings import SettingsScreen
from app.screens.sync_page import SyncScreen
from app.screens.teacher_pages import (AssignScreen, ClassViewScreen, ConfirmScreen,
                                       NewPlayerScreen, ReportScreen)
from app.screens.voice_training import VoiceTrainingScreen
from app.screens.workspace import WorkspaceScreen
from app.services import Services, build_services
from app.ui.caption_bar import CaptionBar  # noqa: F401  (a widget of root.kv)
from app.ui.dwell_ring import DwellRing
from app.ui.lock_button import LockButton
from app.ui.scan_prompt import ScanPrompt
from app.ui.status_corner import StatusBar, StatusCorner
from app.ui.style import Style, register_readable_font
from app.ui.widgets import Highlighter
from levels.world import World

log = logging.getLogger(__name__)
HERE = os.path.dirname(__file__)
KEY_NAMES = {code: name for name, code in Keyboard.keycodes.items()}
ESCAPE = Keyboard.keycodes["escape"]
Builder.load_file(os.path.join(HERE, "root.kv"))


class RootView(FloatLayout):
    background = ColorProperty((1, 1, 1, 1))
    secondary = ColorProperty((0.3, 0.3, 0.3, 1))
    caption_text = ColorProperty((1, 1, 1, 1))
    caption_background = ColorProperty((0.1, 0.1, 0.1, 1))
    font_size = NumericProperty(20)

    def __init__(self, app: "CitizenCodeApp", **kwargs: object) -> None:
        self.app = app
        super().__init__(**kwargs)

    def on_touch_down(self, touch) -> bool:
        app = self.app
        if app.lock.collide_point(*touch.pos) or app.status_corner.collide_point(*touch.pos) \
                or not app.controller.touch_is_switch:
            return super().on_touch_down(touch)
        event = app.screen_switch.touch_down(touch.uid, touch.x / max(1, self.width))
        if event is not None:
            app.services.hub.post(event)
        touch.grab(self)
        return True

    def on_touch_up(self, touch) -> bool:
        if touch.grab_current is self:
            touch.ungrab(self)
            event = self.app.screen_switch.touch_up(touch.uid)
            if event is not None:
                self.app.services.hub.post(event)
            return True
        return super().on_touch_up(touch)


class CitizenCodeApp(App):
    title = "CitizenCode Access"

    def __init__(self, options: Options, **kwargs: object) -> None:
        super().__init__(**kwargs)
        self.options = options
        self.frames_drained = 0

    # -- building -------------------------------------------------------------------------

    def build(self) -> RootView:
        register_readable_font()
        self.clock = KivyClock()
        self._drain_trigger = Clock.create_trigger(self._drain)
        self._pump_trigger = Clock.create_trigger(self._pump)
        self.services: Services = build_services(self.options, wake_hub=self._drain_trigger,
                                                 wake_narrator=self._pump_trigger)
        self.controller = AppController(self.services, self.clock)
        self.guard = CrashGuard(self.controller)  # a bug never closes the game on a child
        self._unguard = install(self.guard)
        self.keyboard = KeyboardSwitch()
        self.screen_switch = ScreenSwitch()
        self.highlighter = Highlighter()
        self.earcons = EarconPlayer() if self.options.speech else None  # sounds go with speech
        self.ctx = UiContext(self.services.translator, Style.of(self.controller.profile),
                             self.highlighter, self.choose, self.controller.say_label,
                             self._earcon, self._back_stops)
        self.root_view = RootView(self)
        self.screens: dict[str, ModelScreen] = {}
        for screen in (LearnersScreen(self.ctx), LevelMapScreen(self.ctx, self._world_of),
                       WorkspaceScreen(self.ctx), CompleteScreen(self.ctx),
                       SettingsScreen(self.ctx, self.clock, self._learner_name,
                                      self.controller.rename_learner),
                       VoiceTrainingScreen(self.ctx), CareerScreen(self.ctx),
                       MakerScreen(self.ctx), ClassViewScreen(self.ctx),
                       AssignScreen(self.ctx), ConfirmScreen(self.ctx),
                       ReportScreen(self.ctx, lambda: getattr(self.controller.presenter,
                                                              "preview", None)),
                       NewPlayerScreen(self.ctx, self._new_player_name),
                       SyncScreen(self.ctx, lambda: self.controller.presenter)):
            self.screens[screen.name] = screen
            self.root_view.ids.screens.add_widget(screen)
        self.lock = LockButton(self._open_settings, size_hint=(None, None),
                               size=(dp(44), dp(44)), pos_hint={"right": 0.995, "top": 0.995},
                               text="\u2699", font_name="DejaVuSans", font_size=dp(26))
        self.root_view.add_widget(self.lock)
        self.status_corner = StatusCorner(lambda: self.status_bar.open_list(),
                                          size_hint=(None, None), size=(dp(44), dp(44)),
                                          pos_hint={"top": 1})
        self.root_view.ids.top_bar.add_widget(self.status_corner)
        self.status_bar = StatusBar(self.status_corner, self.root_view.ids.notice, self.clock,
                                    self.services.translator.t, lambda: self.ctx.style)
        self.scan_prompt = ScanPrompt()
        self.root_view.add_widget(self.scan_prompt)
        self.root_view.add_widget(ring := DwellRing())  # pointer dwell (eye tracker, head mouse)
        self.pointer = PointerInput(self.clock, self.highlighter, lambda: self.controller.model,
                                    lambda: self.controller.screen != SETTINGS, self.choose, ring)
        self._listen()
        self._restyle(self.controller.profile)
        Window.bind(on_key_down=self._key_down, on_key_up=self._key_up)
        Clock.schedule_once(lambda _dt: self.controller.start(), 0)
        return self.root_view

    def _listen(self) -> None:
        listeners = self.controller.listeners
        listeners.screen.connect(self._screen_changed)
        listeners.model.connect(self._model_changed)
        listeners.highlight.connect(self._highlight)
        listeners.look.connect(self._restyle)
        listeners.status_line.connect(self._show_status)
        listeners.switch_test.connect(self._switch_tested)
        self.services.narrator.on_caption(self._caption)
        self.controller.caption_hold.changed.connect(self._hold_caption)

    def on_stop(self) -> None:
        self._unguard()
        self.pointer.close()
        Window.unbind(on_key_down=self._key_down, on_key_up=self._key_up)
        self.services.close()

    # -- what the controller says ---------------------------------------------------------

    def _screen_changed(self, name: str) -> None:
        self.highlighter.clear()
        screen = self.screens[name]
        if name == WORKSPACE and self.controller.session is not None:
            screen.set_session(self.controller.session)
        if name == COMPLETE and self.controller.session is not None:
            session = self.controller.session
            stars = session.outcome.stars if session.outcome else 0
            python = session.python_text().text if session.level.track == "python" else ""
            screen.show_result(stars, python)
        if name == SETTINGS:
            screen.preview(self.controller.profile)
        if name in EDUCATOR_SCREENS:  # the child's last caption is not for the teacher
            self.root_view.ids.caption.text = ""
        manager = self.root_view.ids.screens
        manager.transition.duration = 0 if self.ctx.style.reduced_motion else 0.25
        manager.current = name

    def _model_changed(self, root, focus) -> None:
        self.highlighter.clear()
        self.screens[self.controller.screen].show_model(root, focus)
        scanner = self.controller.access.scanner
        self._highlight(scanner.highlighted if scanner else None)

    def _earcon(self, name: str) -> None:
        if self.earcons is not None:
            self.earcons.settings = settings_of(self.controller.profile)
            self.earcons.play(name)

    def _highlight(self, node: ScanNode | None) -> None:
        scanner = self.controller.access.scanner
        self.highlighter.show(node, scanner.group.id if scanner is not None else None)
        if self.controller.screen == SETTINGS:
            self.screens[SETTINGS].follow(node)
        prompt = scanner.prompt if scanner is not None and self.controller.touch_is_switch \
            else None
        self.scan_prompt.show(self.services.translator.t(prompt) if prompt else None)

    def _restyle(self, profile) -> None:
        style = self.ctx.style = Style.of(profile)
        view = self.root_view
        view.background = style.colour("background")
        view.secondary = style.colour("text_secondary")
        view.caption_text = style.colour("text")
        view.caption_background = style.colour("surface")
        view.font_size = style.font
        self.lock.ring_colour = style.colour("text_secondary")
        self.lock.color = style.colour("text_secondary")
        self.scan_prompt.restyle(style)
        self.pointer.ring.colour = style.highlight
        self.pointer.apply(self.controller.profile)
        self.status_corner.show(self.status_bar.view.attention, style.colour("text_secondary"))
        Window.clearcolor = style.colour("background")
        for each in self.screens.values():
            each.restyle_rules(self.ctx)
        if self.controller.screen:
            screen = self.screens[self.controller.screen]
            screen.restyle()
            if self.controller.screen == SETTINGS:
                screen.preview(profile)
            self._model_changed(self.controller.model, None)

    def _caption(self, caption: Caption) -> None:
        if self.controller.caption_hold.shows(caption):
            self.root_view.ids.caption.text = caption.text

    def _hold_caption(self, message: Message | None) -> None:
        if message is not None:
            self.root_view.ids.caption.text = self.services.translator.t(
                message.key, **message.params)

    def _show_status(self) -> None:
        self.status_bar.update(self.controller.status_line(), self.controller.shown_statuses())

    def _switch_tested(self, event, role: str, device_key: str | None) -> None:
        screen = self.screens.get(SETTINGS)
        if screen is not None:
            screen.switch_tested(event, role, device_key)

    # -- what the learner does ------------------------------------------------------------

    def choose(self, target_id: str) -> None:
        """A touch on a target's widget (not a switch: those come through the hub)."""
        if not self.controller.touch_is_switch:
            self.controller.activate(target_id)

    def _back_stops(self) -> bool:
        """Whether the screens draw each group's Back stop: the learner scans groups."""
        scanner = self.controller.access.scanner
        return scanner is not None and scanner.settings.grouping == "group"

    def _open_settings(self) -> None:
        self.controller.open_settings()

    def _new_player_name(self, text: str) -> None:
        """The name typed for a new player, kept by its presenter."""
        set_name = getattr(self.controller.presenter, "set_name", None)
        if set_name is not None:
            set_name(text)

    def _learner_name(self) -> str:
        learner = self.controller.learner
        return learner.name if learner else ""

    def _world_of(self, target: Target) -> World | None:
        """The world of a level tile, drawn small on it."""
        if not isinstance(target.payload, LevelRef):
            return None
        level = self.services.packs.level(target.payload.level_id)
        return level.world if level is not None else None

    def _typing(self) -> bool:
        return any(isinstance(widget, TextInput) and widget.focus
                   for widget in self.root_view.walk())

    def _key_down(self, _window, keycode, _scancode, _codepoint, _modifiers) -> bool:
        if self._typing():
            return False
        if self._key(keycode, self.keyboard.key_down):
            return True
        screen = self.screens.get(self.controller.screen)  # Escape, when not a switch key
        return keycode == ESCAPE and screen is not None and screen.escape()

    def _key_up(self, _window, keycode, _scancode) -> bool:
        return self._key(keycode, self.keyboard.key_up)

    def _key(self, keycode: int, edge) -> bool:
        """A switch key becomes an event for the hub (and no other widget sees it)."""
        name = KEY_NAMES.get(keycode, "")
        event = edge(name) if name else None
        if event is not None:
            self.services.hub.post(event)
        return event is not None

    # -- the per-frame drain --------------------------------------------------------------

    def _drain(self, _dt: float = 0.0) -> None:
        for item in self.services.hub.drain():
            self.guard.run(self.controller.handle, item)
        self.frames_drained += 1

    def _pump(self, _dt: float = 0.0) -> None:
        self.services.narrator.pump()
