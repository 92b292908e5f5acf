"""Who may bring a report to staff, pure (DS-4): a student brings a missed lesson (the provider
absent) only after contacting the provider, the same condition RF-2 puts on card refunds."""

from disputes.reports.kinds import ProblemKind
from shared.auth import Role
from shared.errors import Conflict


class ContactProviderFirst(Conflict):
    slug = "contact-provider-first"

    def __init__(self):
        super().__init__("Staff take up a missed lesson only after you have contacted the provider: send them a "
                         "chat message about it (after the lesson's start), then escalate.",
                         condition="student_contacted_provider")


def check_may_escalate(kind: str, escalator_role: Role, student_contacted_provider: bool) -> None:
    missed = kind == ProblemKind.PROVIDER_ABSENT
    if missed and escalator_role is Role.STUDENT and not student_contacted_provider:
        raise ContactProviderFirst()
