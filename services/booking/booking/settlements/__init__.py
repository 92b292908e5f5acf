"""The money of a report's resolution (DS-1, DS-3): a refund to the student or a split, agreed by the
parties or decided by staff, settles the lesson for good."""
