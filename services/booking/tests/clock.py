"""Holding booking's clock still. The service reads the time in one place (booking.clock), so a test
that must act at an exact second (a notice window's boundary, one second after a start) sets it there;
the API, the consumer and the timers of this process all read it."""

from datetime import datetime

import booking.clock


class FrozenClock:
    def __init__(self, monkeypatch):
        self._monkeypatch = monkeypatch

    def at(self, moment: datetime) -> datetime:
        class Frozen(datetime):
            @classmethod
            def now(cls, tz=None):
                return moment.astimezone(tz)

        self._monkeypatch.setattr(booking.clock, "datetime", Frozen)
        return moment

    def resume(self) -> None:
        self._monkeypatch.undo()
