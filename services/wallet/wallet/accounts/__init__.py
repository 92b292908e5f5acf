"""Who holds money: a student's credits, a provider's earnings, the platform's escrow and fee income,
and the card processor standing for the outside world."""
