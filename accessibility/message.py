"""A message as it travels to the learner or the teacher: an i18n key and its values.

Statuses, notices, narration requests and errors all carry one, instead of loose
``(key, params)`` pairs; it is translated only where it is shown or said.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Message:
    """``key`` is an i18n key; ``params`` fill its placeholders."""

    key: str
    params: Mapping[str, object] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "params", dict(self.params))  # a copy: the sender's may change

    def __hash__(self) -> int:
        return hash((self.key, tuple(sorted((k, repr(v)) for k, v in self.params.items()))))

    def as_pair(self) -> tuple[str, dict[str, object]]:
        """``(key, params)`` for the code that still takes them apart (the views)."""
        return self.key, dict(self.params)


MessageSink = Callable[[Message], None]
"""Where a message goes: said (the narrator), or said and shown (the status line)."""
