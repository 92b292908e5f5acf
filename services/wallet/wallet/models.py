"""Tables of the wallet service (each later concept gets its own module, imported here)."""
