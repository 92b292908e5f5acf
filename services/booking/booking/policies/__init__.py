"""Policy presets, a marketplace's effective policy, and the terms a booking keeps (BK-6)."""
