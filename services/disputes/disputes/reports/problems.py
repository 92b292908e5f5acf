"""Why a report is refused, each with its own slug a frontend can branch on (MS-1)."""

from datetime import datetime

from shared.errors import Conflict, NotFound


class ReportNotFound(NotFound):
    slug = "report-not-found"


class LessonNotStarted(Conflict):
    slug = "lesson-not-started"

    def __init__(self, starts_at: datetime):
        super().__init__(f"The lesson starts at {starts_at.isoformat()}; a problem can be reported only after "
                         "that. Before the start, ask to reschedule instead.", starts_at=starts_at.isoformat())


class ReportWindowClosed(Conflict):
    slug = "report-window-closed"

    def __init__(self, closed_at: datetime):
        super().__init__(f"Problems with this lesson could be reported until {closed_at.isoformat()}.",
                         closed_at=closed_at.isoformat())


class LessonNotReportable(Conflict):
    slug = "lesson-not-reportable"

    def __init__(self, status: str):
        super().__init__(f"The lesson is {status}: it never went ahead, so there is nothing to report.",
                         lesson_status=status)


class ReportAlreadyOpen(Conflict):
    slug = "report-already-open"

    def __init__(self, report_id: str):
        super().__init__("This lesson already has a report in progress; add to that one instead.",
                         report_id=report_id)


class LessonSettled(Conflict):
    slug = "lesson-settled"

    def __init__(self, report_id: str, resolution: str):
        super().__init__(f"An earlier report settled this lesson ({resolution}); its outcome stands.",
                         report_id=report_id, resolution=resolution)
