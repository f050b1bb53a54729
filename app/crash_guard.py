"""The app's last line of defence: a bug in a frame's work never closes the game on a child.

Two doors, one policy. ``run`` wraps each item of the per-frame input drain; ``install``
registers the same policy with Kivy's ``ExceptionManager`` for everything else a frame runs
(touches, clock callbacks). An error is logged with its traceback, the child's program is
saved as a draft, and a friendly spoken and shown message says the game goes on. Errors
that keep coming (more than ``LIMIT`` within ``WINDOW_S``) are a loop the guard cannot
break: it lets Kivy stop, after the draft was saved.
"""
from __future__ import annotations

import logging
import time
from collections import deque
from collections.abc import Callable
from typing import Any

from kivy.base import ExceptionHandler, ExceptionManager

from app.storage.notices import OOPS

log = logging.getLogger(__name__)

LIMIT = 10
WINDOW_S = 5.0


def save_work(controller: Any) -> None:
    """Keep the open level's program as its draft, as an edit would have."""
    from levels.program import to_solution

    session, learner = getattr(controller, "session", None), getattr(controller, "learner", None)
    if session is None or learner is None:
        return
    controller.store.save_draft(learner.id, session.level.id,
                                to_solution(session.editor.blocks()))


class CrashGuard(ExceptionHandler):
    """Keeps the game going after an unexpected error (see the module docstring)."""

    def __init__(self, controller: Any, clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__()
        self._controller = controller
        self._clock = clock
        self._recent: deque[float] = deque(maxlen=LIMIT + 1)
        self.errors = 0

    def run(self, function: Callable[..., object], *args: object) -> None:
        """Call ``function``; an error in it is handled here instead of ending the frame."""
        try:
            function(*args)
        except Exception as error:
            if not self._recover(error):
                raise

    def handle_exception(self, inst: BaseException) -> int:
        """Kivy's hook: PASS carries on with the next frame, RAISE stops the app."""
        if not isinstance(inst, Exception):  # KeyboardInterrupt, SystemExit: really stop
            return ExceptionManager.RAISE
        return ExceptionManager.PASS if self._recover(inst) else ExceptionManager.RAISE

    def _recover(self, error: Exception) -> bool:
        """Log, save, tell; False when errors come too fast to go on."""
        self.errors += 1
        log.error("unexpected error, the game goes on", exc_info=error)
        now = self._clock()
        self._recent.append(now)
        for step, action in (("save the draft", save_work), ("tell", self._tell)):
            try:
                action(self._controller)
            except Exception:
                log.exception("after an unexpected error, could not %s", step)
        return len(self._recent) <= LIMIT or now - self._recent[0] > WINDOW_S

    @staticmethod
    def _tell(controller: Any) -> None:
        controller.notice(OOPS, {})


def install(guard: CrashGuard) -> Callable[[], None]:
    """Register ``guard`` with Kivy; returns the function that removes it again."""
    ExceptionManager.add_handler(guard)
    return lambda: ExceptionManager.remove_handler(guard)
