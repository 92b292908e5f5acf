"""Marketplaces and their policies, providers, offerings, availability, bookings and reschedules."""
