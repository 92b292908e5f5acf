"""DS-2, pure: every ending but a reschedule marks both parties."""

from disputes.proposals.resolutions import Resolution


def gives_marks(resolution: str) -> bool:
    return resolution != Resolution.RESCHEDULE
