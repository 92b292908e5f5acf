"""Provider profiles and their standing (active, paused by themselves or staff, suspended)."""
