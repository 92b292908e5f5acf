"""Students' saved cards: only the processor's token, brand and last four digits are kept here."""
