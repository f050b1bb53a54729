"""The hub: one ordered queue, woken once per drain cycle, fed from many threads."""
from __future__ import annotations

import threading

from adapters.events import AdapterStatus, EventSink, InputEvent, StatusKind, StatusSink
from adapters.hub import InputHub


class ScriptedAdapter:
    """An adapter driven by the test: it keeps the sinks the hub hands it."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.sinks: tuple[EventSink, StatusSink] | None = None
        self.stopped = False
        self._status = AdapterStatus(name, StatusKind.STOPPED, "adapters.common.stopped")

    def start(self, on_event: EventSink, on_status: StatusSink) -> None:
        self.sinks = (on_event, on_status)
        self.say(StatusKind.CONNECTED)

    def stop(self) -> None:
        self.stopped = True
        self.say(StatusKind.STOPPED)

    def say(self, kind: StatusKind) -> None:
        assert self.sinks is not None
        self._status = AdapterStatus(self.name, kind, "adapters.common.stopped")
        self.sinks[1](self._status)

    def press(self, control: str, t: float) -> None:
        assert self.sinks is not None
        self.sinks[0](InputEvent(self.name, control, True, t))

    @property
    def status(self) -> AdapterStatus:
        return self._status


def test_events_and_statuses_come_out_in_arrival_order_with_their_own_times() -> None:
    hub = InputHub()
    a, b = ScriptedAdapter("a"), ScriptedAdapter("b")
    hub.add(a)
    hub.add(b)
    b.press("x", 5.0)
    a.press("y", 3.0)  # arrived later, happened earlier: order is arrival, t is kept
    hub.post(InputEvent("kb", "space", True, 4.0))
    items = hub.drain()
    assert [type(i).__name__ for i in items] == ["AdapterStatus", "AdapterStatus",
                                                 "InputEvent", "InputEvent", "InputEvent"]
    assert [(i.source, i.t) for i in items[2:]] == [("b", 5.0), ("a", 3.0), ("kb", 4.0)]
    assert hub.drain() == []
    assert set(hub.statuses()) == {"a", "b"}


def test_wake_is_called_once_per_drain_cycle() -> None:
    calls = []
    hub = InputHub(wake=lambda: calls.append(1))
    for i in range(5):
        hub.post(InputEvent("kb", "space", i % 2 == 0, float(i)))
    assert len(calls) == 1
    assert len(hub.drain()) == 5
    hub.post(InputEvent("kb", "space", True, 9.0))
    assert len(calls) == 2


def test_a_limited_drain_asks_for_another_cycle() -> None:
    calls = []
    hub = InputHub(wake=lambda: calls.append(1))
    for i in range(5):
        hub.post(InputEvent("kb", "1", True, float(i)))
    assert [e.t for e in hub.drain(limit=3)] == [0.0, 1.0, 2.0]  # type: ignore[union-attr]
    assert len(calls) == 2
    hub.post(InputEvent("kb", "1", True, 5.0))
    assert len(calls) == 2  # still pending: the wake already asked
    assert [e.t for e in hub.drain()] == [3.0, 4.0, 5.0]  # type: ignore[union-attr]


def test_posts_from_many_threads_are_all_delivered_in_each_threads_order() -> None:
    wakes = threading.Semaphore(0)
    hub = InputHub(wake=wakes.release)
    threads = [threading.Thread(target=lambda n=n: [hub.post(InputEvent(f"s{n}", "a", True, float(i)))
                                                     for i in range(2000)]) for n in range(4)]
    for thread in threads:
        thread.start()
    got: list[InputEvent] = []
    while len(got) < 8000:
        assert wakes.acquire(timeout=5)
        got += hub.drain()  # type: ignore[arg-type]
    for thread in threads:
        thread.join()
    for n in range(4):
        assert [e.t for e in got if e.source == f"s{n}"] == [float(i) for i in range(2000)]


def test_remove_stops_the_adapter_and_drops_what_it_sends_afterwards() -> None:
    hub = InputHub()
    a = ScriptedAdapter("a")
    hub.add(a)
    hub.remove("a")
    assert a.stopped
    assert hub.statuses() == {}
    a.press("late", 1.0)
    assert [i.kind for i in hub.drain()] == [StatusKind.CONNECTED, StatusKind.STOPPED]  # type: ignore[union-attr]


def test_adding_a_name_again_replaces_the_old_adapter() -> None:
    hub = InputHub()
    old, new = ScriptedAdapter("serial"), ScriptedAdapter("serial")
    hub.add(old)
    hub.add(new)
    assert old.stopped and not new.stopped
    old.press("ghost", 1.0)
    new.press("real", 2.0)
    events = [i for i in hub.drain() if isinstance(i, InputEvent)]
    assert [e.control for e in events] == ["real"]
    hub.stop_all()
    assert new.stopped and hub.statuses() == {}


def test_an_adapter_that_fails_to_start_becomes_an_error_status() -> None:
    class Broken(ScriptedAdapter):
        def start(self, on_event: EventSink, on_status: StatusSink) -> None:
            raise RuntimeError("no")

    hub = InputHub()
    hub.add(Broken("broken"))
    status = hub.statuses()["broken"]
    assert status.kind is StatusKind.ERROR and status.message_key == "adapters.common.failed"
    assert "no" in status.detail


def test_a_failing_wake_does_not_break_posting() -> None:
    def wake() -> None:
        raise RuntimeError("clock gone")

    hub = InputHub(wake=wake)
    hub.post(InputEvent("kb", "1", True, 0.0))
    assert len(hub.drain()) == 1
