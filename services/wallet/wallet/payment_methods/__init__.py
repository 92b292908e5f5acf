"""Students' saved cards: the processor's payment method id, brand, last four digits and expiry are
kept here; the card number, security code and the single-use token the card was saved with never are."""
