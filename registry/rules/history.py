"""A country's participation in one instrument, derived from its actions.

The actions are the facts; periods of participation and the status on any
date are computed from them here, and nowhere else. These functions are pure
(no database), so the rules can be checked exhaustively by property tests.
"""

from dataclasses import dataclass
from datetime import date

from registry.rules.errors import RegistryError
from registry.rules.terms import JOINING_ACTIONS


@dataclass(frozen=True)
class Step:
    """The part of an action that the history rules look at."""

    kind: str
    date: date
    id: int = 0


@dataclass(frozen=True)
class Period:
    """An unbroken stretch of participation; `ended` is the withdrawal date."""

    began: date
    kind: str
    ended: date | None = None

    def covers(self, day: date) -> bool:
        return self.began <= day and (self.ended is None or day < self.ended)


def ordered(steps: list[Step]) -> list[Step]:
    return sorted(steps, key=lambda s: (s.date, s.id))


def problems(steps: list[Step]) -> list[str]:
    """What is wrong with a sequence of actions; empty when it is coherent."""
    found = []
    participating = False
    previous: Step | None = None
    for step in ordered(steps):
        joining = step.kind in JOINING_ACTIONS
        if previous is not None and step.date <= previous.date:
            found.append(
                f"{step.kind} on {step.date} is not after the {previous.kind} on {previous.date}"
            )
        if joining and participating:
            found.append(f"{step.kind} on {step.date} while already participating")
        elif not joining and not participating:
            found.append(f"{step.kind} on {step.date} without participating")
        elif step.kind == "re-accession" and previous is None:
            found.append(f"re-accession on {step.date} without an earlier withdrawal")
        elif joining and previous is not None and step.kind != "re-accession":
            found.append(f"{step.kind} on {step.date} after a withdrawal should be a re-accession")
        participating = joining
        previous = step
    return found


def periods(steps: list[Step]) -> list[Period]:
    """The periods of participation, oldest first. Assumes a coherent history."""
    result: list[Period] = []
    for step in ordered(steps):
        if step.kind in JOINING_ACTIONS:
            result.append(Period(step.date, step.kind))
        elif result and result[-1].ended is None:
            result[-1] = Period(result[-1].began, result[-1].kind, step.date)
    return result


def participating_on(steps: list[Step], day: date) -> bool:
    return any(p.covers(day) for p in periods(steps))


def standing(steps: list[Step], day: date) -> Period | None:
    """The latest period begun on or before `day`, or None if none had begun."""
    return standing_in(periods(steps), day)


def standing_in(spans: list[Period], day: date) -> Period | None:
    """standing(), for periods already worked out."""
    begun = [p for p in spans if p.began <= day]
    if not begun:
        return None
    last = begun[-1]
    if last.ended is not None and last.ended > day:
        return Period(last.began, last.kind)
    return last


def require_coherent(steps: list[Step], *, where: str) -> None:
    found = problems(steps)
    if found:
        raise RegistryError(
            "; ".join(found),
            where=where,
            hint="a participation history alternates joining and withdrawal, in date order",
        )
