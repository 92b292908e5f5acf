"""Bookings that did not go through: whatever the wallet took for them goes back, and a request that
arrives after the release (late, retried or replayed from the dead letters) is never charged."""
