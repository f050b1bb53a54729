"""xAPI statements for a learner's attempts, successes and hints: pure data, no I/O.

The actor is pseudonymous: an xAPI account whose ``homePage`` names this tablet (a random
id made once) and whose ``name`` is a random id per learner. A child's name never leaves the
tablet. Ids are uuid5 of what the statement is about (tablet, learner, level, attempt, verb),
so queueing or sending the same event twice still gives one statement in the LRS.
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

XAPI_VERSION = "1.0.3"
ACTIVITY_BASE = "https://citizencode-access.invalid/levels/"  # .invalid: an id, not a link
TABLET_BASE = "https://citizencode-access.invalid/tablets/"
PLATFORM = "CitizenCode Access"
NAMESPACE = uuid.UUID("5f1d0a3e-7b7c-4c53-9a55-2a0c6f3b9d11")  # ours; never change it

ATTEMPTED = "http://adlnet.gov/expapi/verbs/attempted"
COMPLETED = "http://adlnet.gov/expapi/verbs/completed"
ASKED = "http://adlnet.gov/expapi/verbs/asked"  # the learner was given a hint
VERB_NAMES = {ATTEMPTED: "attempted", COMPLETED: "completed", ASKED: "asked"}
MAX_STARS = 3


@dataclass(frozen=True)
class Learning:
    """Who played what, where: everything a statement needs besides the event."""

    tablet: str  # pseudonymous tablet id (uuid text)
    learner: str  # pseudonymous learner id (uuid text), never the name
    level_id: str
    level_title: str
    locale: str


@dataclass(frozen=True)
class Attempt:
    """One run of a level, numbered by the store's attempt count."""

    number: int
    solved: bool
    stars: int
    blocks: int
    seconds: float
    timestamp: str  # ISO 8601 with offset, when the run ended


def statement_id(learning: Learning, verb: str, number: int) -> str:
    """Stable id: the same event always gets the same id (the LRS keeps one)."""
    name = "/".join((learning.tablet, learning.learner, learning.level_id, str(number), verb))
    return str(uuid.uuid5(NAMESPACE, name))


def _base(learning: Learning, verb: str, number: int, timestamp: str) -> dict[str, Any]:
    return {
        "id": statement_id(learning, verb, number),
        "actor": {"objectType": "Agent",
                  "account": {"homePage": TABLET_BASE + learning.tablet,
                              "name": learning.learner}},
        "verb": {"id": verb, "display": {"en-US": VERB_NAMES[verb]}},
        "object": {"objectType": "Activity", "id": ACTIVITY_BASE + learning.level_id,
                   "definition": {"name": {learning.locale: learning.level_title},
                                  "type": "http://adlnet.gov/expapi/activities/interaction"}},
        "context": {"platform": PLATFORM, "language": learning.locale},
        "timestamp": timestamp,
    }


def _duration(seconds: float) -> str:
    return f"PT{max(0.0, seconds):.2f}S"


def attempt_statements(learning: Learning, attempt: Attempt) -> list[dict[str, Any]]:
    """``attempted`` for every run, and ``completed`` with the stars when it was solved."""
    tried = _base(learning, ATTEMPTED, attempt.number, attempt.timestamp)
    tried["result"] = {"success": attempt.solved, "completion": attempt.solved,
                       "duration": _duration(attempt.seconds)}
    if not attempt.solved:
        return [tried]
    done = _base(learning, COMPLETED, attempt.number, attempt.timestamp)
    stars = max(0, min(MAX_STARS, attempt.stars))
    done["result"] = {"success": True, "completion": True, "duration": _duration(attempt.seconds),
                      "score": {"raw": stars, "min": 0, "max": MAX_STARS,
                                "scaled": round(stars / MAX_STARS, 4)},
                      "extensions": {ACTIVITY_BASE + "blocks": attempt.blocks}}
    return [tried, done]


def hint_statement(learning: Learning, number: int, timestamp: str) -> dict[str, Any]:
    """A hint (guided prompt) given during a level; ``number`` counts hints on that level."""
    return _base(learning, ASKED, number, timestamp)
