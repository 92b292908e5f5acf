"""Moving a lesson (RS-1 to RS-4): reschedule requests between the parties, their answers and
lapses, the move itself, and the provider's "Edit Date/Time"."""
