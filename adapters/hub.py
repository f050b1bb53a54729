"""One queue for every input source, drained on the app's thread in arrival order.

Device threads only enqueue (``post`` and the sinks handed to adapters); the app calls
``drain`` once per frame from a single Kivy clock trigger (``wake``). One queue keeps the
order in which things happened across sources, which per-event ``@mainthread`` calls do not.
"""
from __future__ import annotations

import logging
import threading
from collections import deque
from typing import Callable

from adapters.events import Adapter, AdapterStatus, InputEvent, StatusKind

log = logging.getLogger(__name__)

Item = InputEvent | AdapterStatus


class InputHub:
    """Merges all adapters' events and status changes into one thread-safe queue.

    ``wake`` may be called from any thread when something was enqueued; it is called at most
    once per drain cycle (the first enqueue after a drain), so a Kivy trigger is enough.
    """

    def __init__(self, wake: Callable[[], None] | None = None, max_items: int = 10_000) -> None:
        self._wake = wake
        self._lock = threading.Lock()
        self._queue: deque[Item] = deque()
        self._max_items = max_items
        self._wake_pending = False
        self._adapters: dict[str, Adapter] = {}
        self._live: dict[str, object] = {}  # name -> token of the adapter currently registered
        self._statuses: dict[str, AdapterStatus] = {}

    # -- adapters ---------------------------------------------------------------------------

    def add(self, adapter: Adapter) -> None:
        """Start ``adapter`` with the hub's sinks; an adapter of the same name is replaced."""
        name = adapter.name
        if name in self._adapters:
            self.remove(name)
        token = object()
        with self._lock:
            self._adapters[name] = adapter
            self._live[name] = token
        try:
            adapter.start(self._event_sink(name, token), self._status_sink(name, token))
        except Exception as exc:  # a broken adapter must not take the app down
            log.exception("adapter %s failed to start", name)
            self._status_sink(name, token)(AdapterStatus(
                name, StatusKind.ERROR, "adapters.common.failed", {}, detail=repr(exc)))

    def remove(self, name: str) -> None:
        """Stop the adapter called ``name``; events it sends afterwards are dropped."""
        with self._lock:
            adapter = self._adapters.pop(name, None)
        if adapter is None:
            return
        try:
            adapter.stop()
        except Exception:
            log.exception("adapter %s failed to stop", name)
        with self._lock:
            self._live.pop(name, None)
            self._statuses.pop(name, None)

    def stop_all(self) -> None:
        for name in list(self._adapters):
            self.remove(name)

    def adapter(self, name: str) -> Adapter | None:
        """The running adapter called ``name`` (its source, its device), if any."""
        with self._lock:
            return self._adapters.get(name)

    def statuses(self) -> dict[str, AdapterStatus]:
        """The latest status of every registered adapter, by adapter name."""
        with self._lock:
            return dict(self._statuses)

    # -- queue ------------------------------------------------------------------------------

    def post(self, event: InputEvent) -> None:
        """Enqueue an event (any thread). The app's keyboard and touch shim posts here."""
        self._enqueue(event)

    def drain(self, limit: int | None = None) -> list[Item]:
        """Everything enqueued so far (at most ``limit`` items), oldest first. App thread."""
        with self._lock:
            count = len(self._queue) if limit is None else min(limit, len(self._queue))
            items = [self._queue.popleft() for _ in range(count)]
            more = bool(self._queue)
            self._wake_pending = more
        if more:
            self._call_wake()  # a limited drain left work: ask for another cycle
        return items

    def _enqueue(self, item: Item) -> None:
        with self._lock:
            if len(self._queue) >= self._max_items:
                dropped = self._queue.popleft()
                log.warning("input queue full (%d), dropped %r", self._max_items, dropped)
            self._queue.append(item)
            must_wake = not self._wake_pending
            self._wake_pending = True
        if must_wake:
            self._call_wake()

    def _call_wake(self) -> None:
        if self._wake is None:
            return
        try:
            self._wake()
        except Exception:
            log.exception("wake callback failed")

    # -- sinks handed to adapters -----------------------------------------------------------

    def _event_sink(self, name: str, token: object) -> Callable[[InputEvent], None]:
        def on_event(event: InputEvent) -> None:
            if self._live.get(name) is token:
                self._enqueue(event)

        return on_event

    def _status_sink(self, name: str, token: object) -> Callable[[AdapterStatus], None]:
        def on_status(status: AdapterStatus) -> None:
            with self._lock:
                if self._live.get(name) is not token:
                    return
                self._statuses[name] = status
            log.info("adapter %s: %s %s %s", name, status.kind.value, status.message_key,
                     status.detail)
            self._enqueue(status)

        return on_status
