"""Pointer dwell in the window: an eye tracker or a head mouse (both move the mouse pointer,
some drivers send touches) chooses a target by resting on it (``accessibility.pointer_dwell``).

The hit test asks the drawn widgets, registered by target id in the ``Highlighter``, where
they are; what a target does and which targets exist still come from the screen's scan model.
A choice goes through ``choose``, the path of a touch. The ring fills over the target.
"""
from __future__ import annotations

from typing import Callable

from kivy.clock import Clock
from kivy.core.window import Window
from kivy.metrics import dp
from kivy.uix.stencilview import StencilView
from kivy.uix.widget import Widget

from accessibility.clock import Clock as InjectedClock
from accessibility.pointer_dwell import DwellSettings, DwellState, PointerDwell
from accessibility.profiles import AccessProfile
from accessibility.scan_model import Group
from app.ui.dwell_ring import DwellRing
from app.ui.widgets import Highlighter


def shown_at(widget: Widget, x: float, y: float) -> bool:
    """``widget`` is on the window and (x, y) (window coordinates) is on its visible part:
    not scrolled away out of a ScrollView, not on a screen that is not shown."""
    if widget.get_root_window() is None or not widget.collide_point(*widget.to_parent(
            *widget.to_widget(x, y))):
        return False
    parent = widget.parent
    while parent is not None and parent is not parent.parent:
        if isinstance(parent, StencilView) and not parent.collide_point(
                *parent.to_parent(*parent.to_widget(x, y))):
            return False
        parent = parent.parent
    return True


class PointerInput:
    """Feeds window pointer samples to the learner's ``PointerDwell`` while the profile asks
    for it (input ``pointer``), and keeps the ring over the target being dwelt on."""

    def __init__(self, clock: InjectedClock, highlighter: Highlighter,
                 model: Callable[[], Group], active: Callable[[], bool],
                 choose: Callable[[str], None], ring: DwellRing) -> None:
        """``model``: the shown scan model; ``active``: dwell may choose on this screen."""
        self.highlighter = highlighter
        self._model = model
        self._active = active
        self.ring = ring
        self.dwell = PointerDwell(clock, DwellSettings(), self.hit, choose)
        self.dwell.changed.connect(self._changed)
        self.enabled = False
        self._ticking = Clock.create_trigger(self._tick, 0, interval=True)

    def apply(self, profile: AccessProfile) -> None:
        """The learner's profile: on (with its time and dead zone) or off."""
        settings = profile.dwell_settings(scale=dp(1))
        if settings is None:
            if self.enabled:
                Window.unbind(mouse_pos=self._mouse, on_touch_move=self._touch_move)
                self.enabled = False
                self.dwell.leave()
            return
        if settings != self.dwell.settings:
            self.dwell.set_settings(settings)
        if not self.enabled:
            Window.bind(mouse_pos=self._mouse, on_touch_move=self._touch_move)
            self.enabled = True

    def close(self) -> None:
        if self.enabled:
            Window.unbind(mouse_pos=self._mouse, on_touch_move=self._touch_move)
            self.enabled = False
        self._ticking.cancel()

    def hit(self, x: float, y: float) -> str | None:
        """The enabled target of the shown model whose widget is under (x, y), or None."""
        if not self._active():
            return None
        enabled = {target.id for target in self._model().targets() if target.enabled}
        return next((target_id for target_id, widget in list(self.highlighter.widgets.items())
                     if target_id in enabled and shown_at(widget, x, y)), None)

    def _mouse(self, _window: object, pos: tuple[float, float]) -> None:
        self.dwell.move(*pos)

    def _touch_move(self, _window: object, touch) -> bool:
        self.dwell.move(*touch.pos)  # a head mouse that emulates a finger
        return False

    def _changed(self, state: DwellState) -> None:
        if state.target is None:
            self.ring.hide()
            self._ticking.cancel()
        else:
            self._tick()
            self._ticking()

    def _tick(self, *_args: object) -> None:
        target = self.dwell.target
        widget = self.highlighter.widgets.get(target) if target is not None else None
        if widget is None or widget.get_root_window() is None:
            self.ring.hide()
            return
        self.ring.show_at(widget.to_window(*widget.center), self.dwell.progress())
