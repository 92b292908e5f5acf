"""Tables of the notifications service (each later concept gets its own module, imported here)."""
