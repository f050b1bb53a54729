"""Signal (connect, disconnect, order) and Message (a value)."""
from __future__ import annotations

from accessibility.message import Message
from accessibility.signal import Signal


def test_signal_calls_listeners_in_order_and_disconnect_stops_one() -> None:
    heard: list[str] = []
    signal: Signal[[int]] = Signal()
    first = signal.connect(lambda n: heard.append(f"a{n}"))
    signal.connect(lambda n: heard.append(f"b{n}"))
    signal.emit(1)
    signal.disconnect(first)
    signal.emit(2)
    assert heard == ["a1", "b1", "b2"]


def test_signal_connects_a_listener_once_and_ignores_unknown_disconnects() -> None:
    heard: list[int] = []
    signal: Signal[[int]] = Signal()
    signal.connect(heard.append)
    signal.connect(heard.append)
    signal.disconnect(print)  # never connected: nothing happens
    signal.emit(3)
    assert heard == [3] and len(signal) == 1


def test_a_listener_disconnecting_during_emit_does_not_skip_the_others() -> None:
    heard: list[str] = []
    signal: Signal[[]] = Signal()

    def once() -> None:
        heard.append("once")
        signal.disconnect(once)

    signal.connect(once)
    signal.connect(lambda: heard.append("always"))
    signal.emit()
    signal.emit()
    assert heard == ["once", "always", "always"]


def test_message_is_a_frozen_value_with_its_own_params() -> None:
    params: dict[str, object] = {"name": "Sam"}
    message = Message("app.learner.hello", params)
    params["name"] = "Alex"  # the sender's dict changing does not change the message
    assert message == Message("app.learner.hello", {"name": "Sam"})
    assert message.as_pair() == ("app.learner.hello", {"name": "Sam"})
    assert len({message, Message("app.learner.hello", {"name": "Sam"})}) == 1
    assert Message("app.status.no_voice").params == {}
