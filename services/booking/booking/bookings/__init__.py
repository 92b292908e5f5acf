"""Bookings: placing one on a held slot, the payment saga with the wallet, acceptance, delivery."""
