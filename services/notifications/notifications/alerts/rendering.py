"""What a template produces, and how amounts and times read to a person."""

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from notifications.lessons.record import LessonRecord
from notifications.preferences.kinds import AlertKind
from shared.currencies import format_amount
from shared.events import Money


@dataclass(frozen=True)
class RenderedAlert:
    kind: AlertKind
    # The fact the alert tells: the same fact never alerts one user twice, whichever event repeats it.
    dedupe_key: str
    subject: str
    lead: str
    facts: tuple[tuple[str, str], ...] = ()
    next_step: str | None = None


@dataclass(frozen=True)
class Context:
    """What a template knows besides its event: the recipient's zone and the lesson, if known."""

    timezone: str = "UTC"
    lesson: LessonRecord | None = None

    def when(self, moment: datetime) -> str:
        local = moment.astimezone(ZoneInfo(self.timezone))
        return f"{local:%a} {local.day} {local:%b %Y, %H:%M} ({self.timezone})"

    def lesson_time(self) -> str | None:
        return self.when(self.lesson.starts_at) if self.lesson and self.lesson.starts_at else None


def money(amount: Money) -> str:
    """A balance may be below zero (a provider's earnings after a clawback, MS-3): the sign leads."""
    return format_amount(amount.amount_minor, amount.currency)


def known(*facts: tuple[str, str | None]) -> tuple[tuple[str, str], ...]:
    """The facts whose value is known (a lesson's time may not be, when its events come late)."""
    return tuple((label, value) for label, value in facts if value)


def fact_key(event_type: str, *ids: str) -> str:
    return ":".join((event_type.split(".")[1], *ids))


def plain_text(subject: str, lead: str, facts: list[list[str]], next_step: str | None) -> str:
    """The alert as plain text: the email body, and what the inbox shows."""
    lines = [lead, ""] if lead else []
    lines += [f"{label}: {value}" for label, value in facts]
    if next_step:
        lines += ["", next_step]
    return "\n".join(lines).strip()
