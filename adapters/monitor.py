"""The switch tester: every normalised event and status change as one JSON line.

A teacher runs it before a lesson to see that a switch works and what its id is (the id
goes into an access profile). The tests run it too, as a subprocess over a real pty.
Events carry the ``InputEvent`` fields plus ``id`` and, for devices, ``port``/``path``;
statuses carry ``status``, the ``message`` in the chosen language and its ``message_key``.
"""
from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass
from typing import Callable, TextIO

from adapters.events import Adapter, AdapterStatus, EventSink, InputEvent, StatusKind, StatusSink
from adapters.hub import InputHub

Translate = Callable[[str, dict[str, str]], str]


def event_json(event: InputEvent, extra: dict[str, str] | None = None) -> dict[str, object]:
    line: dict[str, object] = {"source": event.source, "control": event.control,
                               "pressed": event.pressed, "t": round(event.t, 6), "id": event.id}
    line.update(extra or {})
    return line


def status_json(status: AdapterStatus, translate: Translate, t: float) -> dict[str, object]:
    line: dict[str, object] = {
        "adapter": status.adapter, "status": status.kind.value,
        "message": translate(status.message_key, status.params),
        "message_key": status.message_key, "params": status.params, "t": round(t, 6)}
    if status.detail:
        line["detail"] = status.detail
    return line


class UnavailableAdapter:
    """Stands in for an input that cannot be loaded here (voice without its libraries): it
    only says so, in the same way as every other adapter."""

    def __init__(self, name: str, message_key: str, detail: str = "") -> None:
        self.name = name
        self._status = AdapterStatus(name, StatusKind.ERROR, message_key, {}, detail)

    def start(self, on_event: EventSink, on_status: StatusSink) -> None:
        on_status(self._status)

    def stop(self) -> None:
        pass

    @property
    def status(self) -> AdapterStatus:
        return self._status


class _WhereFrom:
    """Wraps an adapter to remember which port or path its events came from."""

    def __init__(self, inner: Adapter, places: dict[str, dict[str, str]]) -> None:
        self._inner = inner
        self._places = places
        self.name = inner.name

    @property
    def status(self) -> AdapterStatus:
        return self._inner.status

    def start(self, on_event: EventSink, on_status: StatusSink) -> None:
        def tagged(event: InputEvent) -> None:
            where = getattr(self._inner, "device_path", None)
            if where:
                field = "path" if event.source.startswith("evdev(") else "port"
                self._places[event.source] = {field: str(where)}
            on_event(event)

        self._inner.start(tagged, on_status)

    def stop(self) -> None:
        self._inner.stop()


@dataclass(frozen=True)
class TalkSwitches:
    """Switches that work the microphone in push-to-talk: ``push(pressed, switch)``."""

    ids: frozenset[str]
    push: Callable[[bool, str], None]


def run_monitor(adapters: list[Adapter], out: TextIO, translate: Translate,
                stop: threading.Event, seconds: float | None = None,
                clock: Callable[[], float] = time.monotonic,
                talk: TalkSwitches | None = None) -> None:
    """Print JSON lines for ``adapters`` until ``stop`` is set or ``seconds`` have passed;
    events of ``talk`` switches are printed and also hold the microphone open."""
    wake = threading.Event()
    hub = InputHub(wake=wake.set)
    places: dict[str, dict[str, str]] = {}

    def emit(items: list[InputEvent | AdapterStatus]) -> None:
        for item in items:
            if isinstance(item, InputEvent):
                line = event_json(item, places.get(item.source))
                if talk is not None and item.id in talk.ids:
                    talk.push(item.pressed, item.id)
            else:
                line = status_json(item, translate, clock())
            out.write(json.dumps(line, ensure_ascii=False) + "\n")
        out.flush()

    deadline = None if seconds is None else clock() + seconds
    try:
        for adapter in adapters:
            hub.add(_WhereFrom(adapter, places))
        emit(hub.drain())
        while not stop.is_set():
            left = None if deadline is None else deadline - clock()
            if left is not None and left <= 0:
                break
            wake.wait(0.5 if left is None else min(0.5, left))
            wake.clear()
            emit(hub.drain())
    finally:
        hub.stop_all()
        emit(hub.drain())
