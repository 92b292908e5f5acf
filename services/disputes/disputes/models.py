"""Tables of the disputes service (each later concept gets its own module, imported here)."""
