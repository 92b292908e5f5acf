"""Tables of the gateway service (each later concept gets its own module, imported here)."""
