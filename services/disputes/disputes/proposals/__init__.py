"""DS-1: a party proposes how to settle a report (reschedule, full payment to the provider, full
refund to the student, or a split); the other party accepts it, which ends the report, or rejects it."""
