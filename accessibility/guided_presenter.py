"""Guided mode as a scan model: the offered blocks and "hear it again" as one ``Group``.

Switch users scan it and touch users tap it; both end in ``Target.activate``, so both go
through ``GuidedSession.choose``. Target ids are stable (``guided:block:<id>``), so the
scanner's highlight follows a block when a wrong choice is taken away.
"""
from __future__ import annotations

from typing import Callable

from accessibility.guided_mode import GuidedSession
from accessibility.scan_model import Group, Target
from accessibility.signal import Signal

GROUP_ID = "guided"
HEAR_AGAIN_ID = "guided:hear_again"


def target_id(block: str) -> str:
    return f"guided:block:{block}"


class GuidedPresenter:
    """Builds the guided group from the session's state and rebuilds it on every change."""

    def __init__(self, session: GuidedSession) -> None:
        self.session = session
        self.model_changed: Signal[[Group]] = Signal()
        session.on_change(lambda _session: self._publish())

    def on_model_changed(self, listener: Callable[[Group], None]) -> None:
        """``listener(group)`` after each change: the scanner and the view take the new model."""
        self.model_changed.connect(listener)

    def group(self) -> Group:
        state = self.session.state
        children: list[Group | Target] = []
        if state is not None:
            for choice in state.choices:
                children.append(Target(
                    id=target_id(choice.block),
                    label_key=choice.label_key,
                    activate=self._chooser(choice.block),
                    description_key="guided.target.block",
                ))
            children.append(Target(HEAR_AGAIN_ID, "guided.target.hear_again",
                                   self.session.repeat_prompt))
        params: dict[str, object] = {}
        if state is not None:
            params = {"step": state.step.index + 1, "total": len(self.session.steps)}
        return Group(GROUP_ID, "guided.group.label", children, params)

    def highlighted_target(self) -> str | None:
        """The target the screen should highlight as a prompt (not the scan highlight)."""
        state = self.session.state
        if state is None or state.highlighted is None:
            return None
        return target_id(state.highlighted)

    def _chooser(self, block: str) -> Callable[[], None]:
        return lambda: self.session.choose(block)

    def _publish(self) -> None:
        self.model_changed.emit(self.group())
