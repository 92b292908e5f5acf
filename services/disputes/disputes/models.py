"""Every table of the disputes service, imported so the metadata (and alembic) sees them all."""

from disputes.arbitration.models import Dispute
from disputes.contacts.models import ChatContact
from disputes.lessons.models import Lesson
from disputes.marks.models import DisputedMark
from disputes.proposals.models import Proposal
from disputes.reports.models import Report

__all__ = ["ChatContact", "Dispute", "DisputedMark", "Lesson", "Proposal", "Report"]
