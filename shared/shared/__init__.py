"""Contracts and plumbing shared by every service. No business rules live here."""
