"""A simulated switch user for the real app: watches the scanner's highlight and presses
keyboard switches through the hub at the right time (see ``tests.support.driver`` for the app)."""
from __future__ import annotations

import time

from accessibility.profiles import AccessProfile, edited, preset
from accessibility.scanner import BACK_ID, ScanMode
from tests.support.simulated_user import goal_path
from tests.support.driver import RunningApp, prepare_learner

__all__ = ["FAST", "LiveSwitchUser", "RunningApp", "fast", "prepare_learner"]

FAST = {"scan_interval": 0.5, "first_item_delay": 0.2, "post_acceptance": 0.15,
        "acceptance": 0.05, "auditory_scanning": False, "wait_for_cue": False}


def fast(name: str) -> AccessProfile:
    return edited(preset(name), **FAST)


class LiveSwitchUser:
    """Watches the real scanner's highlight and presses keyboard switches at the right time,
    as a child watching the screen does (it never calls the scanner or the editor)."""

    def __init__(self, running: RunningApp) -> None:
        self.running = running
        self.activated: list[str] = []
        self.presses = 0
        self._watched = None
        self._seen_at = time.monotonic()
        self._changes = 0

    @property
    def scanner(self):
        scanner = self.running.controller.access.scanner
        assert scanner is not None, "this profile does not scan"
        if scanner is not self._watched:
            scanner.on_select(lambda node: self.activated.append(node.id))
            scanner.on_highlight(self._seen)
            self._watched = scanner
        return scanner

    def _seen(self, _node: object) -> None:
        self._seen_at = time.monotonic()
        self._changes += 1

    def _wait_for_move(self) -> None:
        seen = self._changes
        self.running.wait_for(lambda: self._changes != seen, 5.0)

    def _in_time(self, grace: float) -> float | None:
        """Auto-scan: when this child's switch goes down for the lit stop, the grace after
        its move (a press in it means the stop before) and a moment; ``None`` if the stop
        moves on first. The app judges a press by that time, however late a busy frame
        hands it over, so the press is stamped with it rather than raced against frames."""
        until = self.scanner.lit_until  # when the stop moves on (KivyClock: monotonic)
        at = self._seen_at + grace + 0.05
        if until is None or at > until - 0.05:
            return None
        time.sleep(max(0.0, at - time.monotonic()))  # never a press stamped in the future
        return at

    def wanted(self, goal: str) -> str:
        items = [n.id for n in self.scanner.items()]
        if goal in items:
            return goal
        for step in goal_path(self.scanner.group, goal) or []:
            if step in items:
                return step
        return BACK_ID

    def _key(self, action: str) -> str | None:
        bindings = self.running.controller.profile.bindings
        return next((c.split(":", 1)[1] for c, a in bindings.items()
                     if a == action and c.startswith("kb:")), None)

    def _press(self, action: str, at: float | None = None) -> None:
        """Press and let go, then watch the press take effect before anything else: on a
        busy tablet the screen answers late, and a child waits for it (a second press
        sent before the first was decided would land on whatever the first one lit)."""
        key = self._key(action)
        assert key is not None, f"no key does {action}"
        stats = self.running.controller.access.filter.stats
        before = stats.emitted + stats.locked_out + stats.too_short
        self.presses += 1
        self.running.post("kb", key, at=at)
        assert self.running.wait_for(
            lambda: stats.emitted + stats.locked_out + stats.too_short > before, 10.0), \
            f"the {action} press was never decided"
        self.running.wait(self.running.controller.profile.post_acceptance + 0.05)

    def choose(self, goal: str, timeout: float = 90.0) -> None:
        scanner = self.scanner
        start = len(self.activated)
        end = time.monotonic() + timeout
        while goal not in self.activated[start:]:
            assert time.monotonic() < end, f"could not reach {goal}"
            if self.running.controller.model.find(goal) is None:
                raise AssertionError(f"{goal} is not on the screen")
            scanner = self.scanner
            node = scanner.highlighted
            if node is None:  # not started, or paused: a press wakes it
                self._press("next" if scanner.settings.mode is ScanMode.STEP else "select")
            elif node.id == self.wanted(goal):
                settings = scanner.settings
                at = self._in_time(settings.grace) if settings.mode is ScanMode.AUTO else None
                if settings.mode is ScanMode.AUTO and at is None:
                    self._wait_for_move()
                    continue
                self._press("select", at=at)
            elif scanner.settings.mode is ScanMode.STEP:
                self._press("next")
            else:
                self._wait_for_move()
