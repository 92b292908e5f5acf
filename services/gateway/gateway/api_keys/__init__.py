"""A marketplace's API keys: how its backend proves which marketplace it speaks for."""
