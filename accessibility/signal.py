"""A signal: listeners connect and disconnect, and every one of them hears each emit.

It replaces the hand-rolled lists of callbacks (none of which could unsubscribe), so a
screen or a widget that goes away can stop listening.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Generic, ParamSpec

P = ParamSpec("P")


class Signal(Generic[P]):
    """Listeners called in the order they connected; one listener is connected once."""

    def __init__(self) -> None:
        self._listeners: list[Callable[P, object]] = []

    def connect(self, listener: Callable[P, object]) -> Callable[P, object]:
        """Listen from now on (a second connect of the same listener changes nothing);
        returns the listener, so it can be kept for ``disconnect``."""
        if listener not in self._listeners:
            self._listeners.append(listener)
        return listener

    def disconnect(self, listener: Callable[P, object]) -> None:
        """Stop listening; a listener that was not connected is ignored."""
        if listener in self._listeners:
            self._listeners.remove(listener)

    def emit(self, *args: P.args, **kwargs: P.kwargs) -> None:
        """Call every listener; one connected or disconnected meanwhile waits for the next."""
        for listener in list(self._listeners):
            listener(*args, **kwargs)

    def __len__(self) -> int:
        return len(self._listeners)
