"""The values that cross from devices into the app: input events and adapter status."""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Callable, Protocol


SPEECH_SOURCE = "speech"  # the voice adapter's source: its events are speech:<command>


@dataclass(frozen=True)
class InputEvent:
    """One press or release of one control on one source.

    ``source`` names the device family and instance (``kb``, ``touch``, ``serial(microbit)``,
    ``evdev(usb switch)``, ``speech``); ``control`` is a lower-case control name (``space``,
    ``a``, ``p0``, ``btn_0``, ``next``). ``t`` is the time of the physical event in seconds on
    the clock the app runs on (monotonic).
    """

    source: str
    control: str
    pressed: bool
    t: float

    @property
    def id(self) -> str:
        """Normalised control id, as used by access-profile bindings: ``source:control``."""
        return f"{self.source}:{self.control}"


class StatusKind(Enum):
    """Where an adapter's device stands, as a teacher needs to know it."""

    STARTING = "starting"
    CONNECTED = "connected"
    LOST = "lost"  # was there, went away; the adapter is trying to get it back
    ERROR = "error"  # cannot work until a person does something (message says what)
    STOPPED = "stopped"


@dataclass(frozen=True)
class AdapterStatus:
    """A change in an adapter's state.

    ``message_key`` is an i18n key (namespace ``adapters``) for the text a teacher reads and
    hears, with ``params`` for its placeholders; ``detail`` is English for the log only.
    """

    adapter: str
    kind: StatusKind
    message_key: str
    params: dict[str, str] = field(default_factory=dict)
    detail: str = ""


EventSink = Callable[[InputEvent], None]
StatusSink = Callable[[AdapterStatus], None]


class Adapter(Protocol):
    """Lifecycle every adapter follows. ``start`` must not block; device reading runs on the
    adapter's own thread and only calls the sinks (which only enqueue)."""

    name: str

    def start(self, on_event: EventSink, on_status: StatusSink) -> None: ...

    def stop(self) -> None: ...

    @property
    def status(self) -> AdapterStatus: ...
