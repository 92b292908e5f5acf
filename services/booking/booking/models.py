"""Tables of the booking service (each later concept gets its own module, imported here)."""
