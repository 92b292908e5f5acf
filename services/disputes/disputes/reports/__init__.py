"""Problem reports (MS-1): after a lesson's start, one of its parties says it did not happen as
booked; the parties then settle it between them (proposals/) or staff decide (arbitration/)."""
