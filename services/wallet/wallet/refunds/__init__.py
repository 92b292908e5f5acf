"""Giving a booking's price back from escrow to where it came from: credits or the card."""
