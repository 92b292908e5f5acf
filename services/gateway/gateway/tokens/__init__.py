"""User tokens: a marketplace's backend vouches for one of its users and gets a short-lived token."""
